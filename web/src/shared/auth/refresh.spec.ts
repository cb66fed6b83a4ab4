import { describe, expect, it, vi } from "vitest";
import { singleFlight } from "./refresh";

describe("singleFlight", () => {
  it("shares one refresh between every caller while it runs, then starts afresh", async () => {
    let release!: (value: string) => void;
    const run = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const refresh = singleFlight(run);
    const calls = [refresh(), refresh(), refresh()];
    await Promise.resolve();
    release("token-1");
    expect(await Promise.all(calls)).toEqual(["token-1", "token-1", "token-1"]);
    expect(run).toHaveBeenCalledTimes(1);
    const next = refresh();
    await Promise.resolve();
    release("token-2");
    expect(await next).toBe("token-2");
    expect(run).toHaveBeenCalledTimes(2);
  });
});
