/**
 * What /readyz answers: configuration loaded, catalog loaded, shared state reachable, and whether the
 * process is draining. The Redis check is a network round trip, so it runs in the background every
 * few seconds and the probe answers from the last result: a burst of probes never becomes a burst
 * of PINGs, and a slow Redis never makes the probe itself time out.
 *
 * Redis semantics (from createStateStores().readiness): a new instance is not ready until it reached
 * Redis once; after that an outage is reported in the body ("redis":"down") but the instance stays
 * ready, because the stores keep answering from memory and failing every replica's probe at once
 * would take the whole bot out of rotation.
 */
import type { StateReadiness } from '../state/index.js';

/** the body of /readyz */
export interface ReadinessBody {
  status: 'ready' | 'starting' | 'draining';
  config?: 'loaded';
  /** codes in the loaded catalog */
  catalog?: number;
  store?: 'memory' | 'redis';
  redis?: 'up' | 'down' | 'unknown';
}

/** the answer of the probe: HTTP 200 when ready, else 503 */
export interface ReadinessAnswer {
  ready: boolean;
  body: ReadinessBody;
}

/** a cached readiness check */
export interface ReadinessProbe {
  /** the last known state, answered without waiting */
  current(): ReadinessAnswer;
  /** runs one check now (never rejects) */
  refresh(): Promise<void>;
  /** checks at once, then every `intervalMs` until stop() */
  start(): void;
  /** marks the process as draining: from now on the probe answers 503 */
  drain(): void;
  /** true once drain() was called */
  isDraining(): boolean;
  stop(): void;
}

/** options of createReadinessProbe */
export interface ReadinessOptions {
  /** the loaded catalog (only its size is read) */
  catalog: { size: number };
  /** the shared state's own check */
  state: { readiness(timeoutMs?: number): Promise<StateReadiness> };
  /** time between background checks (default 5 s) */
  intervalMs?: number;
  /** time one Redis PING may take (default 1 s) */
  timeoutMs?: number;
}

/** creates the probe; it reports "starting" until the first check finished */
export function createReadinessProbe(options: ReadinessOptions): ReadinessProbe {
  const intervalMs = options.intervalMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 1_000;
  let last: StateReadiness | undefined;
  let draining = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const refresh = (): Promise<void> => {
    // one check at a time; a caller during a check waits for that one
    running ??= options.state
      .readiness(timeoutMs)
      .then(
        (state) => {
          last = state;
        },
        () => {
          // the state layer reports failures as "down"; a rejection changes nothing known
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    current(): ReadinessAnswer {
      if (draining) return { ready: false, body: { status: 'draining' } };
      const catalogLoaded = options.catalog.size > 0;
      const ready = catalogLoaded && last?.ready === true;
      return {
        ready,
        body: {
          status: ready ? 'ready' : 'starting',
          config: 'loaded',
          catalog: options.catalog.size,
          store: last?.store ?? 'memory',
          ...(last === undefined
            ? { redis: 'unknown' as const }
            : last.redis
              ? { redis: last.redis }
              : {}),
        },
      };
    },
    refresh,
    start() {
      if (timer) return;
      void refresh();
      timer = setInterval(() => void refresh(), intervalMs);
      // the probe alone must never keep the process alive
      timer.unref();
    },
    drain() {
      draining = true;
    },
    isDraining: () => draining,
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
