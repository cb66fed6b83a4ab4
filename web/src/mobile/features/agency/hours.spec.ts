import { describe, expect, it } from "vitest";
import { canDecide, totalHours } from "./hours";

describe("an agency member deciding service hours", () => {
  it("decides a colleague's pending hours on a pairing, never their own", () => {
    const visit = { id: "v1", author_id: 7, pairing_id: 3, hours_status: "pending" as const };
    expect(canDecide(visit, 8)).toBe(true);
    expect(canDecide(visit, 7)).toBe(false);
    expect(canDecide({ ...visit, hours_status: "confirmed" }, 8)).toBe(false);
    expect(canDecide({ ...visit, pairing_id: null }, 8)).toBe(false);
  });

  it("adds up hours to one decimal", () => {
    expect(totalHours([{ duration_minutes: 45 }, { duration_minutes: 50 }])).toBe(1.6);
    expect(totalHours([])).toBe(0);
  });
});
