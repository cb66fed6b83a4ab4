import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { openDb, wipe, type OutboxEntry } from "./db";
import { dropForPairings, enqueue, flush, queued, type SendResult } from "./outbox";

/** A server that remembers Idempotency-Keys as the API does: a key seen before answers the
 * first answer again and creates nothing. */
function fakeServer() {
  const created: { key: string; operation: string; body: unknown }[] = [];
  const seen = new Map<string, SendResult>();
  const calls: string[] = [];
  let script: (entry: OutboxEntry) => SendResult | "throw" | null = () => null;
  return {
    created,
    calls,
    script(fn: typeof script) {
      script = fn;
    },
    async send(entry: OutboxEntry): Promise<SendResult> {
      calls.push(entry.id);
      const scripted = script(entry);
      if (scripted === "throw") throw new TypeError("Failed to fetch");
      if (scripted) return scripted;
      const again = seen.get(entry.id);
      if (again) return again;
      created.push({ key: entry.id, operation: entry.operation, body: entry.body });
      const answer = { status: 201, data: { id: entry.id } };
      seen.set(entry.id, answer);
      return answer;
    },
  };
}

const visit = (pairing: number, done = "homework") => ({
  pairing_id: pairing,
  kind: "home_visit",
  occurred_at: "2026-11-28T08:00:00Z",
  duration_minutes: 60,
  done,
});

describe("the send queue", () => {
  beforeEach(async () => {
    await wipe();
  });

  it("sends urgent reports first, then visits in the order they were recorded", async () => {
    const server = fakeServer();
    const v1 = await enqueue("visit", visit(1, "first"), { now: new Date("2026-11-28T08:00:00Z") });
    const v2 = await enqueue("visit", visit(1, "second"), { now: new Date("2026-11-28T09:00:00Z") });
    const r = await enqueue(
      "urgent_report",
      { danger: "injury", seen: "bruises" },
      { now: new Date("2026-11-28T10:00:00Z") },
    );
    expect((await queued()).map((e) => e.id)).toEqual([r.id, v1.id, v2.id]);
    const report = await flush((e) => server.send(e));
    expect(server.created.map((c) => c.key)).toEqual([r.id, v1.id, v2.id]);
    expect(report.sent).toHaveLength(3);
    expect(await queued()).toEqual([]);
  });

  it("gives a visit its queue id as its own id and as the Idempotency-Key", async () => {
    const entry = await enqueue("visit", visit(7));
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((entry.body as { id: string }).id).toBe(entry.id);
    const report = await enqueue("urgent_report", { danger: "missing", seen: "x" });
    expect(report.body).not.toHaveProperty("id");
  });

  it("keeps everything without signal and keeps the order for the retry", async () => {
    const server = fakeServer();
    const a = await enqueue("visit", visit(1, "a"), { now: new Date("2026-11-28T08:00:00Z") });
    const b = await enqueue("visit", visit(1, "b"), { now: new Date("2026-11-28T09:00:00Z") });
    server.script(() => "throw");
    const offline = await flush((e) => server.send(e));
    expect(offline.interrupted).toBe(true);
    expect(server.calls).toEqual([a.id]); // b did not overtake a
    const [first, second] = await queued();
    expect(first).toMatchObject({ id: a.id, attempts: 1, last_error: "Failed to fetch" });
    expect(second).toMatchObject({ id: b.id, attempts: 0 });

    server.script(() => null);
    await flush((e) => server.send(e));
    expect(server.created.map((c) => c.key)).toEqual([a.id, b.id]);
    expect(await queued()).toEqual([]);
  });

  it("creates a record once when the answer was lost after the server had it", async () => {
    const server = fakeServer();
    const entry = await enqueue("visit", visit(1));
    // The server stored it, then the connection dropped before the answer arrived.
    await server.send(entry);
    server.script(() => ({ status: 0, message: "connection reset" }));
    await flush((e) => server.send(e));
    expect(await queued()).toHaveLength(1);
    server.script(() => null);
    const report = await flush((e) => server.send(e));
    expect(report.sent.map((e) => e.id)).toEqual([entry.id]);
    expect(server.created).toHaveLength(1); // the key answered the first answer again
    expect(await queued()).toEqual([]);
  });

  it("retries server errors later and sets aside what the server refuses", async () => {
    const server = fakeServer();
    const refused = await enqueue("visit", visit(3, "ended"), {
      now: new Date("2026-11-28T08:00:00Z"),
    });
    const later = await enqueue("visit", visit(4, "fine"), {
      now: new Date("2026-11-28T09:00:00Z"),
    });
    server.script((e) => (e.id === refused.id ? { status: 503 } : null));
    const busy = await flush((e) => server.send(e));
    expect(busy.interrupted).toBe(true);
    expect(server.created).toEqual([]);

    server.script((e) =>
      e.id === refused.id ? { status: 409, message: "Visits are recorded for active pairings." } : null,
    );
    const report = await flush((e) => server.send(e));
    expect(report.refused.map((e) => e.id)).toEqual([refused.id]);
    expect(server.created.map((c) => c.key)).toEqual([later.id]);
    const [left] = await queued();
    expect(left).toMatchObject({ id: refused.id, refused: true, attempts: 2 });
    expect(left.last_error).toContain("active pairings");

    // Not sent again, and gone with its pairing.
    server.calls.length = 0;
    await flush((e) => server.send(e));
    expect(server.calls).toEqual([]);
    expect(await dropForPairings([3])).toBe(1);
    expect(await (await openDb()).count("outbox")).toBe(0);
  });

  it("runs one flush at a time: two calls send each record once", async () => {
    const server = fakeServer();
    await enqueue("visit", visit(1, "a"));
    await enqueue("visit", visit(1, "b"));
    const [one, two] = await Promise.all([
      flush((e) => server.send(e)),
      flush((e) => server.send(e)),
    ]);
    expect(one).toBe(two);
    expect(server.calls).toHaveLength(2);
    expect(server.created).toHaveLength(2);
  });
});
