import { describe, expect, it } from "vitest";
import { loadECharts } from "./echarts";

describe("loadECharts", () => {
  it("loads ECharts with the console's charts registered", async () => {
    const echarts = await loadECharts();
    expect(typeof echarts.init).toBe("function");
  }, 30_000);
});
