// The urgent-report inbox's watch: which reports are new since the last look.
export const POLL_MS = 20_000;

export function newSince<T extends { id?: number }>(known: number | null, reports: T[]): T[] {
  if (known === null) return [];
  return reports.filter((r) => (r.id ?? 0) > known);
}

export function highestId(reports: { id?: number }[], previous: number | null): number | null {
  const ids = reports.map((r) => r.id ?? 0);
  const top = ids.length ? Math.max(...ids) : null;
  if (top === null) return previous ?? 0;
  return previous === null ? top : Math.max(previous, top);
}
