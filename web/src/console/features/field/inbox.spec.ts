import { describe, expect, it } from "vitest";
import { highestId, newSince } from "./inbox";

describe("the urgent-report inbox's watch", () => {
  it("announces nothing on the first look, then only reports filed since", () => {
    let known = null as number | null;
    const first = [{ id: 7 }, { id: 5 }];
    expect(newSince(known, first)).toEqual([]);
    known = highestId(first, known);
    expect(known).toBe(7);
    const later = [{ id: 9 }, { id: 8 }, { id: 7 }];
    expect(newSince(known, later).map((r) => r.id)).toEqual([9, 8]);
    known = highestId(later, known);
    expect(newSince(known, later)).toEqual([]);
  });

  it("treats an empty inbox as seen, so the first report is new", () => {
    const known = highestId([], null);
    expect(known).toBe(0);
    expect(newSince(known, [{ id: 1 }]).map((r) => r.id)).toEqual([1]);
  });
});
