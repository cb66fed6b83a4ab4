// The child form against a stubbed API: an edit sends only what changed with If-Match,
// shows the API's reasons next to the fields (nested ones too), and hands a 412 back to the
// page; a new file needs a name and a village before anything is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import { createPinia, setActivePinia } from "pinia";
import { createI18n } from "vue-i18n";
import zhChildren from "./locales/zh-CN";
import zhShared from "@/shared/i18n/locales/zh-CN";
import ChildForm from "./ChildForm.vue";
import type { Child } from "./childForm";

const CHILD = {
  id: 7,
  code: "TXABCDEFGH",
  name: "王小明",
  township_code: "350582100000",
  region_code: "350582100201",
  categories: ["left_behind"],
  risk_level: "medium",
  guardian: { name: "王奶奶", relation: "祖母", phone: "13900000000" },
  entrusted_care: null,
  disability: null,
} as unknown as Child;

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ type: "about:blank", status, code: "x", instance: "/", ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

// Element Plus shows a field's error after a 100 ms debounce.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

let calls: Request[] = [];
let answer: (request: Request) => Response;

function mountForm(props: Record<string, unknown>) {
  const i18n = createI18n({
    legacy: false,
    locale: "zh-CN",
    missingWarn: false,
    fallbackWarn: false,
    messages: { "zh-CN": { ...zhShared, children: zhChildren } },
  });
  return mount(ChildForm, { props, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body });
}

beforeEach(() => {
  setActivePinia(createPinia());
  calls = [];
  answer = () => new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(input.clone());
      return answer(input);
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("ChildForm", { timeout: 30_000 }, () => {
  it("edits with If-Match, sending only what changed, and shows each field's reason", async () => {
    answer = (request) =>
      request.method === "PATCH"
        ? problem(422, {
            title: "输入有误",
            errors: { name: ["姓名不能包含不可见字符"], guardian: { phone: ["电话号码格式不对"] } },
          })
        : new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } });
    const wrapper = mountForm({ child: CHILD, etag: '"v1"' });
    await flushPromises();
    await wrapper.find("input").setValue("王小明\u200b");
    await wrapper.find("form").trigger("submit");
    await flushPromises();

    const patch = calls.find((r) => r.method === "PATCH")!;
    expect(new URL(patch.url).pathname).toBe("/api/v1/children/7");
    expect(patch.headers.get("If-Match")).toBe('"v1"');
    expect(await patch.json()).toEqual({ name: "王小明\u200b" });

    await settle();
    const errors = wrapper.findAll(".el-form-item__error").map((e) => e.text());
    expect(errors).toContain("姓名不能包含不可见字符");
    expect(errors).toContain("电话号码格式不对");
    expect(wrapper.emitted("saved")).toBeUndefined();
  });

  it("hands a 412 (saved by someone else meanwhile) to the page", async () => {
    answer = (request) =>
      request.method === "PATCH"
        ? problem(412, { title: "已被修改", detail: "The file changed." })
        : new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } });
    const wrapper = mountForm({ child: CHILD, etag: '"v1"' });
    await flushPromises();
    await wrapper.find("input").setValue("王晓明");
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    expect(wrapper.emitted("stale")).toHaveLength(1);
    expect(wrapper.emitted("saved")).toBeUndefined();
  });

  it("emits the saved file and its new ETag", async () => {
    answer = (request) =>
      request.method === "PATCH"
        ? new Response(JSON.stringify({ ...CHILD, name: "王晓明" }), {
            status: 200,
            headers: { "Content-Type": "application/json", ETag: '"v2"' },
          })
        : new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } });
    const wrapper = mountForm({ child: CHILD, etag: '"v1"' });
    await flushPromises();
    await wrapper.find("input").setValue("王晓明");
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    const [saved, etag] = wrapper.emitted("saved")![0] as [Child, string];
    expect(saved.name).toBe("王晓明");
    expect(etag).toBe('"v2"');
  });

  it("asks for a name and a village before sending a new file", async () => {
    const wrapper = mountForm({});
    await flushPromises();
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    await settle();
    const errors = wrapper.findAll(".el-form-item__error").map((e) => e.text());
    expect(errors).toContain("请填写姓名");
    expect(errors).toContain("请填写村（社区）");
    expect(calls.filter((r) => r.method === "POST")).toHaveLength(0);
  });
});
