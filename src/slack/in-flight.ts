/** work in progress that shutdown (and tests) can wait for */
export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  /** remembers a piece of work until it settles; returns it unchanged */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** resolves when nothing is in progress any more, or after timeoutMs */
  async idle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      // work may start while waiting, so wait again until none is left
      while (this.pending.size > 0) {
        const all = Promise.all([...this.pending]).then(() => true as const);
        if (!(await Promise.race([all, deadline]))) return;
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

/** the part of Bolt's App a receiver calls */
export interface EventProcessor {
  processEvent(event: unknown): Promise<void>;
}

/** wraps an app so every event it processes is tracked */
export function trackedProcessor(app: EventProcessor, inFlight: InFlight): EventProcessor {
  return { processEvent: (event) => inFlight.track(app.processEvent(event)) };
}
