// The phone's IndexedDB (idb). `outbox` holds what was recorded offline until the API has
// it; `cache` holds what the app last synced. Both go when the user signs out: nothing
// personal about a child stays on the phone.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

export const DB_NAME = "tongxing";
export const DB_VERSION = 1;

export interface OutboxEntry {
  /** Client-chosen UUID, also the Idempotency-Key: a retry never creates a second record. */
  id: string;
  /** The API operation, e.g. "POST /api/v1/visits/". */
  operation: string;
  body: unknown;
  created_at: string;
  attempts: number;
  last_error?: string;
  last_attempt_at?: string;
  /** The server refused it for good (e.g. the pairing ended): shown with why, until discarded. */
  refused?: boolean;
}

export interface CacheEntry {
  key: string;
  value: unknown;
  updated_at: string;
}

interface TongxingDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { created_at: string } };
  cache: { key: string; value: CacheEntry };
}

let opening: Promise<IDBPDatabase<TongxingDb>> | null = null;

export function openDb(): Promise<IDBPDatabase<TongxingDb>> {
  opening ??= openDB<TongxingDb>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      const outbox = db.createObjectStore("outbox", { keyPath: "id" });
      outbox.createIndex("created_at", "created_at");
      db.createObjectStore("cache", { keyPath: "key" });
    },
  });
  return opening;
}

export async function pendingCount(): Promise<number> {
  return (await openDb()).count("outbox");
}

/** Everything of this user off the phone (sign-out). */
export async function wipe(): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(["outbox", "cache"], "readwrite");
  await Promise.all([tx.objectStore("outbox").clear(), tx.objectStore("cache").clear(), tx.done]);
}

/** What was synced (pairings, inbox) off the phone; the send queue stays. */
export async function wipeCache(): Promise<void> {
  await (await openDb()).clear("cache");
}
