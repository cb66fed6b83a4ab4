import { describe, expect, it, vi } from "vitest";

const loaded: string[] = [];
vi.mock("./features/visits/VisitFormView.vue", () => {
  loaded.push("visit-new");
  return { default: {} };
});
vi.mock("./features/urgent/UrgentReportView.vue", () => {
  loaded.push("urgent-new");
  return { default: {} };
});
vi.mock("./features/urgent/UrgentReportsView.vue", () => {
  loaded.push("urgent");
  return { default: {} };
});

describe("screens needed without signal", () => {
  it("loads the visit form and the urgent report, and only those, ahead of time", async () => {
    const { OFFLINE_FIRST, SCREENS, warmOfflineScreens } = await import("./tabs");
    expect(OFFLINE_FIRST.every((name) => SCREENS.some((s) => s.name === name))).toBe(true);
    await warmOfflineScreens();
    expect(loaded.sort()).toEqual(["urgent-new", "visit-new"]);
  });
});
