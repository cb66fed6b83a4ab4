import { describe, expect, it } from "vitest";
import { cleanSlots } from "./vocabulary";

describe("availability slots", () => {
  it("sends valid slots once, in week order, and names the invalid ones", () => {
    const { slots, invalid } = cleanSlots([
      { weekday: 5, start: "09:00", end: "11:30" },
      { weekday: 1, start: "19:00", end: "20:00" },
      { weekday: 5, start: "09:00", end: "11:30" },
      { weekday: 2, start: "18:00", end: "17:00" },
      { weekday: 3, start: "", end: "10:00" },
    ]);
    expect(slots).toEqual([
      { weekday: 1, start: "19:00", end: "20:00" },
      { weekday: 5, start: "09:00", end: "11:30" },
    ]);
    expect(invalid).toEqual([3, 4]);
  });
});
