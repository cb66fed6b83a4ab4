// Follows a match run (202 on POST /match-runs/) until it is done: reads it every interval,
// reports each state, stops on succeeded or failed, and gives up reading after repeated
// failures. Returns a function that stops following.
export interface RunState {
  id: number;
  status?: string;
  stage?: string;
  progress?: number;
  summary?: unknown;
}

export interface PollHandlers<T extends RunState> {
  onUpdate?: (run: T) => void;
  onDone: (run: T) => void | Promise<void>;
  onError?: (error: unknown) => void;
}

export interface PollOptions {
  intervalMs?: number;
  maxErrors?: number;
}

export function isFinished(status: string | undefined): boolean {
  return status === "succeeded" || status === "failed";
}

export function pollRun<T extends RunState>(
  id: number,
  read: (id: number) => Promise<T>,
  handlers: PollHandlers<T>,
  { intervalMs = 1000, maxErrors = 5 }: PollOptions = {},
): () => void {
  let stopped = false;
  let errors = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const run = await read(id);
      errors = 0;
      if (stopped) return;
      handlers.onUpdate?.(run);
      if (isFinished(run.status)) {
        stopped = true;
        await handlers.onDone(run);
        return;
      }
    } catch (error) {
      errors += 1;
      if (errors >= maxErrors) {
        stopped = true;
        handlers.onError?.(error);
        return;
      }
    }
    timer = setTimeout(() => void tick(), intervalMs);
  }

  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
