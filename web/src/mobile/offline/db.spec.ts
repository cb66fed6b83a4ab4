import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { openDb, pendingCount, wipe } from "./db";

describe("the phone's database", () => {
  it("counts what waits to be sent and keeps nothing after sign-out", async () => {
    const db = await openDb();
    await db.put("outbox", {
      id: "0b8f5a8e-1c1e-4d7a-9a51-3c1f2e9d7a10",
      operation: "POST /api/v1/visits/",
      body: { duration_minutes: 60 },
      created_at: "2025-03-01T08:00:00Z",
      attempts: 0,
    });
    await db.put("cache", { key: "sync", value: { pairings: [] }, updated_at: "2025-03-01" });
    expect(await pendingCount()).toBe(1);
    await wipe();
    expect(await pendingCount()).toBe(0);
    expect(await db.count("cache")).toBe(0);
  });
});
