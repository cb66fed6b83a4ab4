import { describe, expect, it } from "vitest";
import { bounds, indexPoints, segments, type MapData } from "./points";

const data = {
  region_code: null,
  area_name: "晋江市",
  truncated: false,
  children: [
    { id: 1, code: "C1", name: "林小雨", risk_level: "high", township_code: "350582100000", lat: 24.7, lon: 118.5 },
    { id: 2, code: "C2", name: null, risk_level: "low", township_code: "350582101000", lat: 24.8, lon: 118.6 },
  ],
  providers: [
    { provider_type: "volunteer", provider_id: 9, name: "志愿者甲", organization: null, region_code: "x", lat: 24.75, lon: 118.55 },
  ],
  lines: [
    { child_id: 1, need_id: 11, category_code: "tutoring", provider_type: "volunteer", provider_id: 9, state: "approved", proposal_id: null, pairing_id: 5 },
    { child_id: 2, need_id: 12, category_code: "tutoring", provider_type: "volunteer", provider_id: 9, state: "proposed", proposal_id: 7, pairing_id: null },
    { child_id: 3, need_id: 13, category_code: "tutoring", provider_type: "agency", provider_id: 1, state: "proposed", proposal_id: 8, pairing_id: null },
  ],
} as MapData;

describe("map points", () => {
  it("indexes the pairs of each child and provider", () => {
    const ix = indexPoints(data);
    expect(ix.linesOfChild.get(1)?.map((l) => l.state)).toEqual(["approved"]);
    expect(ix.linesOfProvider.get("volunteer:9")).toHaveLength(2);
  });

  it("draws approved and proposed pairs apart, skipping pairs with a point off the map", () => {
    const ix = indexPoints(data);
    expect(segments(data, ix, "approved")).toHaveLength(1);
    const proposed = segments(data, ix, "proposed");
    expect(proposed).toHaveLength(1); // child 3 is not on the map
    expect(proposed[0].coords).toEqual([
      [118.6, 24.8],
      [118.55, 24.75],
    ]);
  });

  it("frames the points with a margin", () => {
    const box = bounds(data.children);
    expect(box.minLon).toBeLessThan(118.5);
    expect(box.maxLat).toBeGreaterThan(24.8);
    expect(bounds([])).toEqual({ minLon: 0, maxLon: 1, minLat: 0, maxLat: 1 });
  });
});
