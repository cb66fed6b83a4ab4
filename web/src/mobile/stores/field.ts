// The volunteer's field data on the phone: pairings and inbox from `GET /me/sync` (kept in
// IndexedDB, usable without signal) and the send queue of visits and urgent reports. One
// `sync()` sends what waits first, then asks for what changed since the watermark.
import { defineStore } from "pinia";
import { useSessionStore } from "@/shared/auth/session";
import { computed, ref, shallowRef } from "vue";
import { api, isProblemLike } from "../offline/transport";
import type { OutboxEntry } from "../offline/db";
import { wipe, wipeCache } from "../offline/db";
import {
  discard as discardEntry,
  dropForPairings,
  enqueue,
  flush,
  queued,
  type OutboxKind,
  type Sender,
} from "../offline/outbox";
import {
  emptyState,
  livePairingIds,
  loadState,
  merge,
  saveState,
  type FieldState,
  type Pairing,
} from "../offline/sync";

const EVERY_MS = 60_000;

const POSITION_FIELDS = ["lat", "lon", "coord_system"];

/** A 422 that refuses only the position the phone attached (e.g. a reading outside the
 * county of the place chosen). */
function refusesOnlyPosition(status: number, error: unknown): boolean {
  const fields = Object.keys((error as { errors?: Record<string, unknown> } | null)?.errors ?? {});
  return status === 422 && fields.length > 0 && fields.every((f) => POSITION_FIELDS.includes(f));
}

/** The real sender: the API with the entry's id as the Idempotency-Key. */
export const apiSender: Sender = async (entry) => {
  const headers = { "Idempotency-Key": entry.id };
  const urgent = entry.operation === "POST /api/v1/urgent-reports/";
  const post = (body: unknown) =>
    urgent
      ? api.POST("/api/v1/urgent-reports/", { body: body as never, headers })
      : api.POST("/api/v1/visits/", { body: body as never, headers });
  let { data, error, response } = await post(entry.body);
  const body = entry.body as Record<string, unknown>;
  if (urgent && "lat" in body && refusesOnlyPosition(response.status, error)) {
    // A child in danger is reported whatever the GPS said: again, without the position (a
    // refused request leaves its key unused, so the same key still makes it exactly once).
    const rest = Object.fromEntries(
      Object.entries(body).filter(([key]) => !POSITION_FIELDS.includes(key)),
    );
    ({ data, error, response } = await post(rest));
  }
  const message = isProblemLike(error) ? error.detail || error.title : undefined;
  return { status: response.status, data, message };
};

export const useFieldStore = defineStore("field", () => {
  const state = shallowRef<FieldState | null>(null);
  const outbox = ref<OutboxEntry[]>([]);
  const syncing = ref(false);
  const lastSyncedAt = ref<string | null>(null);
  const failed = ref(false);
  let sender: Sender = apiSender;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | null = null;
  // Raised when the user's session ends: a sync still under way then writes nothing.
  let generation = 0;

  const pairings = computed<Pairing[]>(() => state.value?.pairings ?? []);
  const notifications = computed(() => state.value?.notifications ?? []);
  const unread = computed(() => notifications.value.filter((n) => !n.read_at).length);
  const waiting = computed(() => outbox.value.filter((e) => !e.refused));

  async function refreshOutbox(): Promise<void> {
    outbox.value = await queued();
  }

  const online = () => typeof navigator === "undefined" || navigator.onLine;
  const session = useSessionStore();
  // Back online after starting without signal: renew the session first (one refresh, shared
  // with the session's own), so the queue is sent with a token rather than meeting 401s.
  const onOnline = async () => {
    if (session.offline && !(await session.refresh())) return;
    void sync();
  };

  /** Load what the phone holds for this user, then sync and keep syncing. */
  async function start(userId: number, options: { send?: Sender } = {}): Promise<void> {
    if (options.send) sender = options.send;
    if (state.value?.user_id !== userId) state.value = await loadState(userId);
    await refreshOutbox();
    if (typeof window !== "undefined" && timer === undefined) {
      window.addEventListener("online", onOnline);
      timer = setInterval(() => {
        if (online()) void sync();
      }, EVERY_MS);
    }
    await sync();
  }

  function stopTimers(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (typeof window !== "undefined") window.removeEventListener("online", onOnline);
  }

  async function syncOnce(): Promise<void> {
    if (!state.value) return;
    const mine = generation;
    syncing.value = true;
    try {
      await flush(sender);
      if (mine !== generation) return;
      await refreshOutbox();
      const since = state.value.watermark;
      const { data, response } = await api.GET("/api/v1/me/sync", {
        params: { query: since ? { since } : {} },
      });
      if (mine !== generation) return;
      if (!response.ok || !data || !state.value) {
        failed.value = true;
        return;
      }
      const before = new Set(livePairingIds(state.value));
      const next = merge(state.value, data, !since);
      state.value = next;
      await saveState(next);
      const still = new Set(livePairingIds(next));
      await dropForPairings([...before].filter((id) => !still.has(id)));
      await refreshOutbox();
      lastSyncedAt.value = new Date().toISOString();
      failed.value = false;
    } catch {
      failed.value = true; // no signal: what is on the phone stays usable
    } finally {
      syncing.value = false;
    }
  }

  /** Send what waits, then fetch what changed (one sync at a time). */
  function sync(): Promise<void> {
    running ??= syncOnce().finally(() => (running = null));
    return running;
  }

  /** Keep a visit or urgent report on the phone and send it as soon as possible. */
  async function record(kind: OutboxKind, body: Record<string, unknown>): Promise<OutboxEntry> {
    const entry = await enqueue(kind, body);
    await refreshOutbox();
    if (online()) void sync();
    return entry;
  }

  async function discard(id: string): Promise<void> {
    await discardEntry(id);
    await refreshOutbox();
  }

  /** After a pairing answer: the server's view replaces ours at the next sync. */
  function pairing(id: number): Pairing | undefined {
    return pairings.value.find((p) => p.id === id);
  }

  async function markRead(id: number): Promise<void> {
    const { data } = await api.POST("/api/v1/me/notifications/{notification_id}/read", {
      params: { path: { notification_id: id } },
    });
    if (!data || !state.value) return;
    const next: FieldState = {
      ...state.value,
      notifications: state.value.notifications.map((n) =>
        n.id === id ? { ...n, read_at: data.read_at ?? new Date().toISOString() } : n,
      ),
    };
    state.value = next;
    await saveState(next);
  }

  /** The session ended (expired, or elsewhere): out of memory; the phone keeps the queue
   * until the same user signs in again (another user's sign-in wipes it). */
  function stop(): void {
    generation += 1;
    stopTimers();
    state.value = null;
    outbox.value = [];
    lastSyncedAt.value = null;
  }

  /** The server refused the session: what the phone knows of the children goes (the synced
   * pairings and inbox); the send queue stays for this user's next sign-in, so a visit or
   * an urgent report recorded without signal is not lost (another user's sign-in wipes it). */
  async function forgetChildren(): Promise<void> {
    stop();
    await running?.catch(() => undefined);
    await wipeCache();
  }

  /** Sign-out: nothing of this user (nor of any child) stays on the phone. */
  async function forget(): Promise<void> {
    stop();
    await running?.catch(() => undefined);
    await wipe();
  }

  return {
    state,
    outbox,
    waiting,
    syncing,
    failed,
    lastSyncedAt,
    pairings,
    notifications,
    unread,
    start,
    sync,
    record,
    discard,
    pairing,
    markRead,
    stop,
    forget,
    forgetChildren,
    refreshOutbox,
    empty: emptyState,
  };
});
