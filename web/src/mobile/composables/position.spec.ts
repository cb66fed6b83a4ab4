import { describe, expect, it } from "vitest";
import { positionFields } from "./position";

describe("positionFields", () => {
  it("declares the browser's coordinates as WGS-84", () => {
    expect(positionFields({ lat: 24.7276, lon: 118.459, accuracy: 20 })).toEqual({
      lat: 24.7276,
      lon: 118.459,
      coord_system: "wgs84",
    });
  });

  it("adds nothing without a position", () => {
    expect(positionFields(null)).toEqual({});
  });
});
