// One refresh at a time: concurrent 401s in a tab share one call, and tabs queue behind a
// Web Lock, so a rotated refresh cookie is never presented twice (which the API would take
// for a stolen token and answer by revoking the whole session).

const LOCK = "tongxing-session-refresh";

export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let inflight: Promise<T> | null = null;
  return () => {
    inflight ??= acrossTabs(run).finally(() => {
      inflight = null;
    });
    return inflight;
  };
}

async function acrossTabs<T>(run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return run();
  return locks.request(LOCK, run) as Promise<T>;
}
