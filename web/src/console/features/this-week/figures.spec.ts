import { describe, expect, it } from "vitest";
import { barRows, percent } from "./figures";

describe("dashboard figures", () => {
  it("sizes bars against the largest value", () => {
    const bars = barRows([
      { key: "high", label: "高风险", value: 50 },
      { key: "medium", label: "中风险", value: 25 },
      { key: "low", label: "低风险", value: 0 },
    ]);
    expect(bars.map((b) => b.share)).toEqual([100, 50, 0]);
  });

  it("draws no bar when every value is zero", () => {
    expect(barRows([{ key: "a", label: "a", value: 0 }])[0].share).toBe(0);
  });

  it("says a share in whole per cent and never divides by zero", () => {
    expect(percent(1, 3)).toBe("33%");
    expect(percent(3, 3)).toBe("100%");
    expect(percent(1, 500)).toBe("<1%");
    expect(percent(0, 0)).toBe("—");
    expect(percent(null, undefined)).toBe("—");
  });
});
