import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createUrgentPoller, urgentNotices, type UrgentNotice } from "./urgentAlerts";

const notice = (id: number, report: number): UrgentNotice => ({ id, report_id: report, danger: "abuse" });

describe("the console's urgent-report watch", () => {
  let inbox: UrgentNotice[];
  let announced: number[][];
  let counts: number[];
  const fetchUnread = vi.fn(async () => [...inbox]);

  beforeEach(() => {
    vi.useFakeTimers();
    inbox = [];
    announced = [];
    counts = [];
    fetchUnread.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  const poller = () =>
    createUrgentPoller({
      fetchUnread,
      announce: (fresh) => announced.push(fresh.map((n) => n.report_id)),
      onCount: (n) => counts.push(n),
      intervalMs: 1_000,
    });

  it("counts what waits at the first look, then announces each new report once, on the timer", async () => {
    inbox = [notice(2, 20)];
    const watch = poller();
    await watch.start();
    expect(announced).toEqual([]);
    expect(counts).toEqual([1]);

    inbox = [notice(3, 30), notice(2, 20)];
    await vi.advanceTimersByTimeAsync(999);
    expect(announced).toEqual([]); // not before the interval
    await vi.advanceTimersByTimeAsync(1);
    expect(announced).toEqual([[30]]);
    expect(counts.at(-1)).toBe(2);

    await vi.advanceTimersByTimeAsync(3_000); // the same reports again: nothing new
    expect(announced).toEqual([[30]]);
    expect(fetchUnread).toHaveBeenCalledTimes(5);

    inbox = [notice(5, 40), notice(4, 40), notice(3, 30)]; // two notices of one report
    await vi.advanceTimersByTimeAsync(1_000);
    expect(announced).toEqual([[30], [40]]);
    expect(counts.at(-1)).toBe(2);
    watch.stop();
  });

  it("announces the first report when the inbox was empty at the first look", async () => {
    const watch = poller();
    await watch.start();
    inbox = [notice(1, 10)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(announced).toEqual([[10]]);
    watch.stop();
  });

  it("stops on sign-out: no more looks, the badge cleared, a late answer ignored", async () => {
    const watch = poller();
    await watch.start();
    let release: (items: UrgentNotice[]) => void = () => {};
    fetchUnread.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    await vi.advanceTimersByTimeAsync(1_000); // a look is on its way
    watch.stop();
    expect(watch.running).toBe(false);
    expect(counts.at(-1)).toBe(0);
    release([notice(9, 90)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(announced).toEqual([]);
    expect(counts.at(-1)).toBe(0);
    const calls = fetchUnread.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchUnread).toHaveBeenCalledTimes(calls);

    // signing in again starts afresh: what waits is counted, not announced
    inbox = [notice(9, 90)];
    await watch.start();
    expect(announced).toEqual([]);
    expect(counts.at(-1)).toBe(1);
    watch.stop();
  });

  it("keeps watching after a failed look", async () => {
    const watch = poller();
    await watch.start();
    fetchUnread.mockRejectedValueOnce(new Error("offline"));
    await vi.advanceTimersByTimeAsync(1_000);
    inbox = [notice(1, 10)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(announced).toEqual([[10]]);
    watch.stop();
  });

  it("reads only urgent-report notices with a report id from the API's list", () => {
    const items = [
      { id: 1, kind: "urgent_report.received", payload: { report_id: 7, region_code: "350582100201", danger: "abuse" } },
      { id: 2, kind: "match_run.proposals", payload: { run_id: 3 } },
      { id: 3, kind: "urgent_report.received", payload: {} },
    ];
    expect(urgentNotices(items)).toEqual([{ id: 1, report_id: 7, region_code: "350582100201", danger: "abuse" }]);
  });
});
