/** Work in progress (Teams turns) that a graceful shutdown waits for before closing connections. */

/** counts pending work and tells when all of it has settled */
export interface InFlight {
  /** remembers `work` until it settles; returns it unchanged */
  track<T>(work: Promise<T>): Promise<T>;
  /** pieces of work still pending */
  readonly size: number;
  /** resolves true when nothing is pending, or false once `timeoutMs` passed first */
  idle(timeoutMs: number): Promise<boolean>;
}

/** a tracker for work that must finish before the process exits */
export function createInFlight(): InFlight {
  const pending = new Set<Promise<void>>();
  return {
    track<T>(work: Promise<T>): Promise<T> {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return work;
    },
    get size() {
      return pending.size;
    },
    async idle(timeoutMs: number): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      });
      try {
        // a request accepted while waiting adds work, so wait again until none is left
        while (pending.size > 0) {
          const all = Promise.all([...pending]).then(() => true as const);
          if (!(await Promise.race([all, deadline]))) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
