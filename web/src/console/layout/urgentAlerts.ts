// The console's watch for new urgent reports (强制报告), run by the layout on every page: it
// reads the coordinator's unread `urgent_report.received` notifications every `intervalMs`,
// keeps the count for the header's badge, and announces each report once. The first look
// after signing in only counts (the badge shows what is waiting); reports that arrive after
// it are announced. Stopping (sign-out, leaving the console) forgets what was announced and
// drops an answer still on its way.

export interface UrgentNotice {
  /** The notification's id (to mark it read). */
  id: number;
  report_id: number;
  region_code?: string;
  danger?: string;
}

export interface UrgentPollerOptions {
  /** The unread urgent-report notifications, newest first. */
  fetchUnread: () => Promise<UrgentNotice[]>;
  /** Called with the reports not announced before (never empty). */
  announce: (fresh: UrgentNotice[]) => void;
  /** Called after each look with the number of unread reports. */
  onCount?: (unread: number) => void;
  intervalMs?: number;
}

export const URGENT_POLL_MS = 20_000;

/** The notifications as the API gives them, reduced to urgent reports with a report id. */
export function urgentNotices(
  items: readonly { id?: number; kind?: string; payload?: Record<string, unknown> }[],
): UrgentNotice[] {
  const out: UrgentNotice[] = [];
  for (const n of items) {
    const reportId = Number(n.payload?.report_id);
    if (n.kind !== "urgent_report.received" || !n.id || !Number.isInteger(reportId) || reportId < 1) continue;
    out.push({
      id: n.id,
      report_id: reportId,
      region_code: typeof n.payload?.region_code === "string" ? n.payload.region_code : undefined,
      danger: typeof n.payload?.danger === "string" ? n.payload.danger : undefined,
    });
  }
  return out;
}

export function createUrgentPoller(options: UrgentPollerOptions) {
  const intervalMs = options.intervalMs ?? URGENT_POLL_MS;
  const announced = new Set<number>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let looked = false;
  // Bumped by stop(): an answer that comes back after it belongs to the old session.
  let generation = 0;

  async function poll(): Promise<void> {
    const mine = generation;
    let items: UrgentNotice[];
    try {
      items = await options.fetchUnread();
    } catch {
      return; // the next look tries again
    }
    if (mine !== generation || timer === undefined) return;
    options.onCount?.(new Set(items.map((n) => n.report_id)).size);
    const fresh: UrgentNotice[] = [];
    for (const n of items) {
      if (announced.has(n.report_id)) continue;
      announced.add(n.report_id);
      if (looked) fresh.push(n);
    }
    looked = true;
    if (fresh.length) options.announce(fresh);
  }

  function start(): Promise<void> {
    if (timer !== undefined) return Promise.resolve();
    timer = setInterval(() => void poll(), intervalMs);
    return poll();
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    generation += 1;
    announced.clear();
    looked = false;
    options.onCount?.(0);
  }

  return { start, stop, poll, get running() { return timer !== undefined; } };
}
