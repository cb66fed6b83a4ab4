// What the phone keeps of `GET /me/sync`: the user's pairings as the API discloses them
// for each stage, and the inbox. Stored in IndexedDB under one key for the signed-in user;
// a pairing the sync reports removed (ended, declined) keeps nothing personal here: only
// its id, stage and the need's category stay, so the "ended" list can still show it.
import type { components } from "@/shared/api";
import { openDb } from "./db";

export type FieldPairing = components["schemas"]["FieldPairing"];
export type SyncAnswer = components["schemas"]["Sync"];
export type PairingStatus = NonNullable<FieldPairing["status"]>;

/** The need as the API shows it to its provider: category always; the rest once active. */
export interface NeedView {
  id: number;
  category_code: string;
  hours_per_week?: number | null;
  recurring?: boolean | null;
  in_person?: boolean | null;
  description?: string | null;
  skills?: string[];
  languages?: string[];
}

/** The child as the API shows it: an age band and the township while awaiting the answer;
 * the given name, village and guardian while active; nothing once ended. */
export interface ChildView {
  code: string;
  age_band: string;
  township_code: string;
  alias?: string;
  village_code?: string;
  guardian_relation?: string | null;
  guardian_phone?: string | null;
}

export interface Pairing extends Omit<FieldPairing, "need" | "child"> {
  id: number;
  status: PairingStatus;
  need: NeedView;
  child: ChildView | null;
}

export interface InboxItem {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

export interface FieldState {
  user_id: number;
  watermark: string | null;
  pairings: Pairing[];
  notifications: InboxItem[];
}

export const CACHE_KEY = "field";
const INBOX_KEEP = 200;

export function emptyState(userId: number): FieldState {
  return { user_id: userId, watermark: null, pairings: [], notifications: [] };
}

/** Only what an ended or declined pairing may still show: no child, the category only. */
export function withoutPersonal(pairing: Pairing, status: PairingStatus): Pairing {
  return {
    id: pairing.id,
    status,
    need: { id: pairing.need.id, category_code: pairing.need.category_code },
    child: null,
    distance_km: null,
    next_due: null,
    next_kind: null,
    approved_at: pairing.approved_at,
    responded_at: pairing.responded_at,
    ended_at: pairing.ended_at ?? null,
    updated_at: pairing.updated_at,
  };
}

function live(status: PairingStatus): boolean {
  return status === "awaiting_acceptance" || status === "active";
}

/** The state after one sync answer. A full answer (no watermark sent) replaces everything;
 * a delta updates what changed and strips the pairings it removes. */
export function merge(state: FieldState, answer: SyncAnswer, full: boolean): FieldState {
  const incoming = answer.pairings as unknown as Pairing[];
  const byId = new Map<number, Pairing>(full ? [] : state.pairings.map((p) => [p.id, p]));
  for (const pairing of incoming) {
    byId.set(pairing.id, live(pairing.status) ? pairing : withoutPersonal(pairing, pairing.status));
  }
  for (const id of answer.removed_pairings) {
    const known = byId.get(id);
    if (known) {
      // The API says only that it left; an answer not yet given was declined or withdrawn.
      const status: PairingStatus = known.status === "awaiting_acceptance" ? "declined" : "ended";
      byId.set(id, withoutPersonal(known, live(known.status) ? status : known.status));
    }
  }
  const inbox = new Map<number, InboxItem>(
    full ? [] : state.notifications.map((n) => [n.id, n]),
  );
  for (const item of answer.notifications as unknown as InboxItem[]) inbox.set(item.id, item);
  return {
    user_id: state.user_id,
    watermark: answer.watermark,
    pairings: [...byId.values()].sort((a, b) => a.id - b.id),
    notifications: [...inbox.values()]
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
      .slice(0, INBOX_KEEP),
  };
}

/** The user's state from the phone, or an empty one (and nothing of anyone else's). */
export async function loadState(userId: number): Promise<FieldState> {
  const db = await openDb();
  const entry = await db.get("cache", CACHE_KEY);
  const state = entry?.value as FieldState | undefined;
  if (state && state.user_id === userId) return state;
  if (state) {
    // Another account used this phone: its records go, queue included.
    const tx = db.transaction(["outbox", "cache"], "readwrite");
    await Promise.all([tx.objectStore("outbox").clear(), tx.objectStore("cache").clear(), tx.done]);
  }
  return emptyState(userId);
}

export async function saveState(state: FieldState): Promise<void> {
  // Plain JSON: reactive proxies cannot be stored by structured clone.
  const value = JSON.parse(JSON.stringify(state)) as FieldState;
  await (await openDb()).put("cache", {
    key: CACHE_KEY,
    value,
    updated_at: new Date().toISOString(),
  });
}

export function livePairingIds(state: FieldState): number[] {
  return state.pairings.filter((p) => live(p.status)).map((p) => p.id);
}
