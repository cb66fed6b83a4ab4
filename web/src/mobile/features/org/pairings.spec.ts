import { describe, expect, it } from "vitest";
import { canSignFor, groupByStage, stageOf, STAGE_LOOK, type Pairing } from "./pairings";

const goods = { item_code: "books", category_code: "goods" } as Pairing["need"];

describe("a pairing as agency staff and donors see it", () => {
  it("tells a delivered gift from one that merely ended", () => {
    expect(stageOf({ status: "ended", delivered_at: "2026-11-29T04:00:00Z" })).toBe("delivered");
    expect(stageOf({ status: "ended", delivered_at: null })).toBe("ended");
    expect(stageOf({ status: "awaiting_acceptance" })).toBe("awaiting");
  });

  it("groups by stage in a fixed order, empty stages kept", () => {
    const groups = groupByStage([
      { id: 1, status: "active" },
      { id: 2, status: "awaiting_acceptance" },
      { id: 3, status: "active" },
      { id: 4, status: "declined" },
    ]);
    expect([...groups.keys()]).toEqual(["awaiting", "active", "delivered", "ended", "declined"]);
    expect(groups.get("active")!.map((p) => p.id)).toEqual([1, 3]);
    expect(groups.get("delivered")).toEqual([]);
  });

  it("shows every stage with its own icon, not by colour alone", () => {
    const icons = Object.values(STAGE_LOOK).map((l) => l.icon);
    expect(new Set(icons).size).toBe(icons.length);
  });

  it("lets the donor sign only for accepted goods not yet handed over", () => {
    expect(canSignFor({ status: "active", need: goods }, "goods")).toBe(true);
    expect(canSignFor({ status: "active", need: goods }, "funds")).toBe(false);
    expect(canSignFor({ status: "awaiting_acceptance", need: goods }, "goods")).toBe(false);
    expect(canSignFor({ status: "active", need: goods, delivered_at: "2026-11-29T04:00:00Z" }, "goods")).toBe(false);
  });
});
