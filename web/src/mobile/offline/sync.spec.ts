import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { openDb, wipe } from "./db";
import { enqueue } from "./outbox";
import { emptyState, loadState, merge, saveState, type SyncAnswer } from "./sync";

const active = {
  id: 11,
  status: "active",
  need: { id: 5, category_code: "tutoring", hours_per_week: 2, description: "数学作业" },
  child: {
    code: "TXAB12CD34",
    age_band: "10-12",
    township_code: "350582102000",
    alias: "小明",
    village_code: "350582102201",
    guardian_relation: "grandmother",
    guardian_phone: "13912345678",
  },
  distance_km: 2.5,
  next_due: "2026-12-01",
  next_kind: "home_visit",
  approved_at: "2026-11-01T00:00:00Z",
  responded_at: "2026-11-02T00:00:00Z",
  ended_at: null,
  updated_at: "2026-11-02T00:00:00Z",
};
const awaiting = {
  ...active,
  id: 12,
  status: "awaiting_acceptance",
  need: { id: 6, category_code: "companionship", hours_per_week: 3, recurring: true },
  child: { code: "TXZZ", age_band: "6-9", township_code: "350582103000" },
  next_due: null,
};
const answer = (over: Partial<SyncAnswer>): SyncAnswer => ({
  watermark: "2026-11-28T08:00:00Z",
  pairings: [],
  removed_pairings: [],
  notifications: [],
  ...over,
});

describe("the sync's state on the phone", () => {
  beforeEach(async () => {
    await wipe();
  });

  it("takes a full answer, then applies deltas", () => {
    const full = merge(
      emptyState(3),
      answer({
        pairings: [active, awaiting] as never,
        notifications: [
          { id: 1, kind: "visit.due", payload: {}, created_at: "2026-11-27T00:00:00Z", read_at: null },
        ],
      }),
      true,
    );
    expect(full.pairings.map((p) => p.id)).toEqual([11, 12]);
    expect(full.watermark).toBe("2026-11-28T08:00:00Z");

    const accepted = { ...awaiting, status: "active", child: { ...active.child, alias: "小红" } };
    const delta = merge(
      full,
      answer({
        watermark: "2026-11-28T09:00:00Z",
        pairings: [accepted] as never,
        notifications: [
          { id: 2, kind: "pairing.ended", payload: {}, created_at: "2026-11-28T00:00:00Z", read_at: null },
        ],
      }),
      false,
    );
    expect(delta.pairings.find((p) => p.id === 12)?.child?.alias).toBe("小红");
    expect(delta.pairings.find((p) => p.id === 11)?.child?.alias).toBe("小明");
    expect(delta.notifications.map((n) => n.id)).toEqual([2, 1]); // newest first
  });

  it("keeps nothing personal of a pairing the sync removes", () => {
    const full = merge(emptyState(3), answer({ pairings: [active, awaiting] as never }), true);
    const after = merge(full, answer({ removed_pairings: [11, 12] }), false);
    const ended = after.pairings.find((p) => p.id === 11)!;
    expect(ended).toMatchObject({ status: "ended", child: null, next_due: null });
    expect(ended.need).toEqual({ id: 5, category_code: "tutoring" });
    expect(after.pairings.find((p) => p.id === 12)?.status).toBe("declined");
    expect(JSON.stringify(after)).not.toMatch(/小明|13912345678|数学作业|grandmother/);
  });

  it("strips an ended pairing that a full answer still lists", () => {
    const ended = { ...active, status: "ended", child: null };
    const state = merge(emptyState(3), answer({ pairings: [ended] as never }), true);
    expect(state.pairings[0]).toMatchObject({ status: "ended", child: null, distance_km: null });
  });

  it("deletes the removed child's details from IndexedDB too", async () => {
    const full = merge(emptyState(3), answer({ pairings: [active] as never }), true);
    await saveState(full);
    const stored = JSON.stringify(await (await openDb()).get("cache", "field"));
    expect(stored).toContain("小明");
    await saveState(merge(full, answer({ removed_pairings: [11] }), false));
    const after = JSON.stringify(await (await openDb()).getAll("cache"));
    expect(after).not.toMatch(/小明|13912345678|350582102201/);
  });

  it("gives another account on the same phone nothing of the last one's", async () => {
    await saveState(merge(emptyState(3), answer({ pairings: [active] as never }), true));
    await enqueue("visit", { pairing_id: 11, done: "x" });
    expect((await loadState(3)).pairings).toHaveLength(1);
    const other = await loadState(4);
    expect(other).toEqual(emptyState(4));
    const db = await openDb();
    expect(await db.count("cache")).toBe(0);
    expect(await db.count("outbox")).toBe(0);
  });
});
