import "fake-indexeddb/auto";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { openDb, wipe, type OutboxEntry } from "../offline/db";
import type { SendResult } from "../offline/outbox";

const calls: string[] = [];
const answers: unknown[] = [];
vi.mock("../offline/transport", () => ({
  isProblemLike: () => false,
  api: {
    GET: vi.fn(async (path: string, init: { params?: { query?: { since?: string } } }) => {
      calls.push(`GET ${path} since=${init?.params?.query?.since ?? ""}`);
      const data = answers.shift();
      return { data, response: { ok: !!data, status: data ? 200 : 503 } };
    }),
    POST: vi.fn(),
  },
}));

const { useFieldStore, apiSender } = await import("./field");
const { api } = await import("../offline/transport");

const active = {
  id: 11,
  status: "active",
  need: { id: 5, category_code: "tutoring" },
  child: { code: "TX1", age_band: "10-12", township_code: "350582100000", alias: "小明", guardian_phone: "13912345678" },
  approved_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
};

function sync(over: Record<string, unknown>) {
  return { watermark: "2026-11-28T08:00:00Z", pairings: [], removed_pairings: [], notifications: [], ...over };
}

describe("the field store", () => {
  beforeEach(async () => {
    setActivePinia(createPinia());
    calls.length = 0;
    answers.length = 0;
    await wipe();
  });

  it("sends what waits before asking what changed, then asks from the watermark", async () => {
    const sent: string[] = [];
    const send = async (entry: OutboxEntry): Promise<SendResult> => {
      sent.push(entry.id);
      calls.push(`SEND ${entry.operation}`);
      return { status: 201 };
    };
    const field = useFieldStore();
    answers.push(sync({ pairings: [active] }));
    await field.start(3, { send });
    expect(field.pairings.map((p) => p.child?.alias)).toEqual(["小明"]);

    const entry = await field.record("visit", { pairing_id: 11, kind: "phone", done: "called" });
    answers.push(sync({ watermark: "2026-11-28T09:00:00Z" }));
    await field.sync();
    expect(sent).toEqual([entry.id]);
    expect(calls).toEqual([
      "GET /api/v1/me/sync since=",
      "SEND POST /api/v1/visits/",
      "GET /api/v1/me/sync since=2026-11-28T08:00:00Z",
    ]);
    expect(field.outbox).toEqual([]);
    expect(field.state?.watermark).toBe("2026-11-28T09:00:00Z");
    field.stop();
  });

  it("keeps working without signal and forgets the child when the pairing goes", async () => {
    const field = useFieldStore();
    let reachable = true;
    const send = async (): Promise<SendResult> =>
      reachable ? { status: 409, message: "Visits are recorded for active pairings." } : { status: 0 };
    answers.push(sync({ pairings: [active] }));
    await field.start(3, { send });

    reachable = false;
    await field.record("visit", { pairing_id: 11, kind: "phone", done: "called" });
    await field.sync(); // no answer: the sync fails, the phone keeps everything
    expect(field.failed).toBe(true);
    expect(field.waiting).toHaveLength(1);
    expect(field.pairings[0].child?.alias).toBe("小明");

    // Signal again, but the pairing ended meanwhile: the visit is refused, the pairing removed.
    reachable = true;
    answers.push(sync({ watermark: "2026-11-28T10:00:00Z", removed_pairings: [11] }));
    await field.sync();
    expect(field.pairings[0]).toMatchObject({ id: 11, status: "ended", child: null });
    expect(field.outbox).toEqual([]); // the refused visit of the ended pairing left too
    const stored = JSON.stringify(await (await openDb()).getAll("cache"));
    expect(stored).not.toMatch(/小明|13912345678/);
    field.stop();
  });

  it("leaves nothing on the phone after sign-out", async () => {
    const field = useFieldStore();
    answers.push(sync({ pairings: [active] }));
    await field.start(3, { send: async () => ({ status: 0 }) });
    await field.record("urgent_report", { danger: "missing", seen: "x", region_code: "350582100000" });
    await field.forget();
    const db = await openDb();
    expect(await db.count("outbox")).toBe(0);
    expect(await db.count("cache")).toBe(0);
    expect(field.pairings).toEqual([]);
  });

  it("forgets the children but keeps the queue when the server refuses the session", async () => {
    const field = useFieldStore();
    answers.push(sync({ pairings: [active] }));
    await field.start(3, { send: async () => ({ status: 0 }) });
    await field.record("visit", { pairing_id: 11, kind: "phone", done: "called" });
    await field.forgetChildren();
    const db = await openDb();
    expect(await db.count("cache")).toBe(0);
    expect(await db.count("outbox")).toBe(1);
    expect(field.pairings).toEqual([]);
  });

  describe("the sender", () => {
    const report = {
      id: "0b7e2f8e-4c1c-4d8e-9a57-3f3f7b9d2a10",
      operation: "POST /api/v1/urgent-reports/",
      body: { danger: "missing", seen: "x", region_code: "350582100000", lat: 1, lon: 2, coord_system: "wgs84" },
      created_at: "2026-11-28T08:00:00Z",
      attempts: 0,
    };
    const post = vi.mocked(api.POST);

    it("sends an urgent report again without the position when only the position is refused", async () => {
      post.mockReset();
      post
        .mockResolvedValueOnce({ error: { errors: { lat: ["Outside Jinjiang"] } }, response: { status: 422 } } as never)
        .mockResolvedValueOnce({ data: { id: 9 }, response: { status: 201 } } as never);
      const result = await apiSender(report);
      expect(result.status).toBe(201);
      expect(post).toHaveBeenCalledTimes(2);
      const [, first] = post.mock.calls[0] as unknown as [string, { body: object; headers: object }];
      const [, second] = post.mock.calls[1] as unknown as [string, { body: object; headers: object }];
      expect(first.body).toMatchObject({ lat: 1, lon: 2, coord_system: "wgs84" });
      expect(second.body).toEqual({ danger: "missing", seen: "x", region_code: "350582100000" });
      expect(second.headers).toEqual({ "Idempotency-Key": report.id }); // still exactly once
    });

    it("does not retry a report refused for anything else", async () => {
      post.mockReset();
      post.mockResolvedValueOnce({
        error: { errors: { region_code: ["No such region."], lat: ["x"] } },
        response: { status: 422 },
      } as never);
      expect((await apiSender(report)).status).toBe(422);
      expect(post).toHaveBeenCalledTimes(1);
    });
  });
});
