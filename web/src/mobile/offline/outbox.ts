// The send queue: what the volunteer records without signal (visits, urgent reports) waits
// in IndexedDB and is sent when the signal returns, exactly once. Each entry carries a UUID
// made on the phone, sent as the `Idempotency-Key` (and as a visit's own id): a retry after
// a lost answer gets the first answer again and creates nothing. Urgent reports go first.
import { openDb, type OutboxEntry } from "./db";

export type OutboxKind = "visit" | "urgent_report";

export const OPERATIONS: Record<OutboxKind, string> = {
  urgent_report: "POST /api/v1/urgent-reports/",
  visit: "POST /api/v1/visits/",
};
// Lower is sent first.
const PRIORITY: Record<string, number> = {
  [OPERATIONS.urgent_report]: 0,
  [OPERATIONS.visit]: 1,
};

/** What the server answered to one send; `status` 0 when no answer came (no network). */
export interface SendResult {
  status: number;
  data?: unknown;
  /** The API's message (a Problem's detail/title) when refused. */
  message?: string;
}

export type Sender = (entry: OutboxEntry) => Promise<SendResult>;

export interface FlushReport {
  sent: OutboxEntry[];
  refused: OutboxEntry[];
  /** Stopped early: no network or the server is in trouble; retry later. */
  interrupted: boolean;
}

export function newId(): string {
  return crypto.randomUUID();
}

export function kindOf(entry: Pick<OutboxEntry, "operation">): OutboxKind {
  return entry.operation === OPERATIONS.urgent_report ? "urgent_report" : "visit";
}

/** Put a record in the queue; it is sent by the next flush. */
export async function enqueue(
  kind: OutboxKind,
  body: Record<string, unknown>,
  options: { id?: string; now?: Date } = {},
): Promise<OutboxEntry> {
  const id = options.id ?? (typeof body.id === "string" ? body.id : newId());
  const entry: OutboxEntry = {
    id,
    operation: OPERATIONS[kind],
    body: kind === "visit" ? { ...body, id } : body,
    created_at: (options.now ?? new Date()).toISOString(),
    attempts: 0,
  };
  await (await openDb()).put("outbox", entry);
  return entry;
}

/** Everything in the queue, in the order it will be sent: urgent reports first, then by
 * when it was recorded. */
export async function queued(): Promise<OutboxEntry[]> {
  const all = await (await openDb()).getAll("outbox");
  return all.sort(
    (a, b) =>
      (PRIORITY[a.operation] ?? 9) - (PRIORITY[b.operation] ?? 9) ||
      a.created_at.localeCompare(b.created_at) ||
      a.id.localeCompare(b.id),
  );
}

export async function discard(id: string): Promise<void> {
  await (await openDb()).delete("outbox", id);
}

// An answer worth retrying later: none at all, a timeout, too many requests, a server error,
// or a session that could not be renewed (the user signs in again and the queue resumes).
function retryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

let running: Promise<FlushReport> | null = null;

async function flushOnce(send: Sender): Promise<FlushReport> {
  const report: FlushReport = { sent: [], refused: [], interrupted: false };
  const db = await openDb();
  for (const entry of await queued()) {
    if (entry.refused) continue; // waits for the volunteer to read why and discard it
    let result: SendResult;
    try {
      result = await send(entry);
    } catch (error) {
      result = { status: 0, message: error instanceof Error ? error.message : String(error) };
    }
    if (result.status >= 200 && result.status < 300) {
      await db.delete("outbox", entry.id);
      report.sent.push(entry);
      continue;
    }
    const updated: OutboxEntry = {
      ...entry,
      attempts: entry.attempts + 1,
      last_error: result.message ?? `HTTP ${result.status}`,
      last_attempt_at: new Date().toISOString(),
    };
    if (!retryable(result.status)) updated.refused = true; // 422, 404, 409...: for good
    // Only if still there: a sign-out meanwhile has emptied the queue for good.
    const tx = db.transaction("outbox", "readwrite");
    if (await tx.store.get(entry.id)) await tx.store.put(updated);
    await tx.done;
    if (!updated.refused) {
      report.interrupted = true;
      break; // keep the order: nothing later overtakes what could not be sent
    }
    report.refused.push(updated);
  }
  return report;
}

/** Send what waits, in order, one flush at a time in this page (and, where the browser has
 * Web Locks, across the app's tabs). */
export function flush(send: Sender): Promise<FlushReport> {
  running ??= (async () => {
    try {
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      return locks
        ? await locks.request("tongxing-outbox", () => flushOnce(send))
        : await flushOnce(send);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Visits of these pairings that the server refused leave the phone with the pairing. */
export async function dropForPairings(pairingIds: readonly number[]): Promise<number> {
  if (!pairingIds.length) return 0;
  const db = await openDb();
  const gone = new Set(pairingIds);
  let dropped = 0;
  for (const entry of await db.getAll("outbox")) {
    const pairing = (entry.body as { pairing_id?: number } | null)?.pairing_id;
    if (entry.refused && pairing !== undefined && gone.has(pairing)) {
      await db.delete("outbox", entry.id);
      dropped += 1;
    }
  }
  return dropped;
}
