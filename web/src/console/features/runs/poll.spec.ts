import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isFinished, pollRun, type RunState } from "./poll";

describe("pollRun", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reports progress until the run is done, then stops reading", async () => {
    const states: RunState[] = [
      { id: 7, status: "queued", progress: 0 },
      { id: 7, status: "running", stage: "solve", progress: 0.5 },
      { id: 7, status: "succeeded", stage: "done", progress: 1 },
    ];
    const read = vi.fn(async () => states.shift()!);
    const seen: number[] = [];
    const done = vi.fn();
    pollRun(7, read, { onUpdate: (r) => seen.push(r.progress ?? -1), onDone: done }, { intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual([0, 0.5, 1]);
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ status: "succeeded" }));
    expect(read).toHaveBeenCalledTimes(3);
  });

  it("rides out a failed read, and gives up after repeated ones", async () => {
    let calls = 0;
    const read = vi.fn(async () => {
      calls += 1;
      if (calls === 1) throw new Error("blip");
      if (calls === 2) return { id: 1, status: "running" };
      throw new Error("down");
    });
    const onError = vi.fn();
    const onDone = vi.fn();
    pollRun(1, read, { onDone, onError }, { intervalMs: 10, maxErrors: 3 });
    await vi.advanceTimersByTimeAsync(200);
    expect(onDone).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledTimes(5); // 1 error, 1 ok, 3 errors
  });

  it("stops when asked", async () => {
    const read = vi.fn(async () => ({ id: 1, status: "running" }));
    const stop = pollRun(1, read, { onDone: vi.fn() }, { intervalMs: 10 });
    await vi.advanceTimersByTimeAsync(25);
    stop();
    const count = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(read.mock.calls.length).toBe(count);
  });

  it("knows which states are final", () => {
    expect(isFinished("succeeded")).toBe(true);
    expect(isFinished("failed")).toBe(true);
    expect(isFinished("running")).toBe(false);
    expect(isFinished(undefined)).toBe(false);
  });
});
