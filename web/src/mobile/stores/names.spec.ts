import "fake-indexeddb/auto";
import { createPinia, setActivePinia } from "pinia";
import { describe, expect, it, vi } from "vitest";

const get = vi.fn();
vi.mock("@/shared/api", () => ({ api: { GET: (...args: unknown[]) => get(...args) } }));

const { useNamesStore } = await import("./names");

describe("the names store", () => {
  it("keeps category and region names on the phone for a start without signal", async () => {
    setActivePinia(createPinia());
    get.mockImplementation(async (path: string) =>
      path === "/api/v1/need-categories/"
        ? { data: [{ code: "tutoring", name_zh: "学业辅导与结对帮扶", name_en: "Tutoring", kind: "service" }] }
        : { data: { code: "350582100000", name: "安海镇" } },
    );
    const online = useNamesStore();
    await online.load();
    online.region("350582100000");
    await vi.waitFor(() => expect(online.region("350582100000")).toBe("安海镇"));

    // the app opens again without signal
    setActivePinia(createPinia());
    get.mockRejectedValue(new TypeError("Failed to fetch"));
    const offline = useNamesStore();
    await offline.load();
    expect(offline.category("tutoring", "zh-CN")).toBe("学业辅导与结对帮扶");
    expect(offline.region("350582100000")).toBe("安海镇");
  });
});
