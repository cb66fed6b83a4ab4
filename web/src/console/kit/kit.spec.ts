import { describe, expect, it } from "vitest";
import { ApiError } from "@/shared/api";
import { flattenErrors, useFormErrors } from "./forms";
import { totalOf } from "./paged";

describe("form errors", () => {
  it("flattens nested reasons to dotted paths", () => {
    expect(
      flattenErrors({ name: ["太长"], guardian: { phone: ["格式不对"] }, categories: { 0: ["未知类别"] } }),
    ).toEqual({ name: "太长", "guardian.phone": "格式不对", "categories.0": "未知类别" });
  });

  it("puts a 422's reasons on the form's fields and the rest in one message; a 412 is stale", () => {
    const form = useFormErrors();
    const error = new ApiError(422, {
      type: "about:blank",
      title: "输入有误",
      status: 422,
      code: "validation",
      instance: "/",
      errors: { guardian: { phone: ["格式不对"] }, lat: ["没有位置"] },
    });
    expect(form.capture(error, () => "?", ["guardian", "name"])).toBe("fields");
    expect(form.fields).toEqual({ guardian: "格式不对" });
    expect(form.failure.value).toBe("没有位置");
    const stale = new ApiError(412, { type: "about:blank", title: "已修改", status: 412, code: "x", instance: "/" });
    expect(form.capture(stale, () => "?")).toBe("stale");
    expect(form.fields).toEqual({});
  });

  it("says a conflict that names one of the form's fields next to it, any other as a message", () => {
    const form = useFormErrors();
    const problem = { type: "about:blank", title: "冲突", status: 409, code: "conflict", instance: "/" };
    const onRole = new ApiError(409, { ...problem, detail: "只有儿童督导员可以分配负责区域。", field: "role" });
    expect(form.capture(onRole, () => "?", ["role", "region_codes"])).toBe("fields");
    expect(form.fields).toEqual({ role: "只有儿童督导员可以分配负责区域。" });
    expect(form.failure.value).toBeNull();
    const elsewhere = new ApiError(409, { ...problem, detail: "已结对", field: "need" });
    expect(form.capture(elsewhere, () => "已结对", ["role"])).toBe("other");
    expect(form.fields).toEqual({});
    expect(form.failure.value).toBe("已结对");
  });
});

describe("paging", () => {
  it("reads the total from X-Pagination", () => {
    const response = new Response("[]", { headers: { "X-Pagination": '{"total": 42, "page": 1}' } });
    expect(totalOf(response, 0)).toBe(42);
    expect(totalOf(new Response("[]"), 3)).toBe(3);
  });
});
