import { EventEmitter } from 'node:events';

export type RequestOutcome = 'pending' | 'completed' | 'aborted' | 'error';

/** One `/chat/completions` request as the simulator saw it. */
export interface RecordedRequest {
  /** 1, 2, 3... in arrival order; restarts after `reset()`. */
  id: number;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; `undefined` when it was missing or not JSON. Tests read whatever a client sent. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON a client may send, read freely by tests
  body: any;
  receivedAt: number;
  /**
   * `completed`: a successful answer was fully sent. `aborted`: the client closed the connection first.
   * `error`: the simulator answered with an error status or broke the response on purpose (a fault).
   * Settled when the server sees the close, possibly after the client has read the body: use `waitForClose`.
   */
  outcome: RequestOutcome;
  /** HTTP status sent, once known. */
  status?: number;
  closedAt?: number;
}

/** Keeps the recorded requests and lets tests wait for arrivals and for connections to close. */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private readonly changes = new EventEmitter();
  private nextId = 1;

  constructor() {
    this.changes.setMaxListeners(0);
  }

  start(path: string, headers: RecordedRequest['headers']): RecordedRequest {
    const record: RecordedRequest = {
      id: this.nextId++,
      path,
      headers,
      body: undefined,
      receivedAt: Date.now(),
      outcome: 'pending',
    };
    this.requests.push(record);
    this.changed();
    return record;
  }

  /** Sets the outcome once; the first verdict wins (a fault marks `error` before its socket closes). */
  settle(record: RecordedRequest, outcome: Exclude<RequestOutcome, 'pending'>): void {
    if (record.outcome === 'pending') record.outcome = outcome;
  }

  /** Called on the response's `close`; deferred a turn so a fault's own verdict (`error`) lands first. */
  closed(record: RecordedRequest, finished: boolean): void {
    const closedAt = Date.now();
    setImmediate(() => {
      this.settle(record, finished ? 'completed' : 'aborted');
      record.closedAt ??= closedAt;
      this.changed();
    });
  }

  changed(): void {
    this.changes.emit('change');
  }

  waitFor<T>(describe: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const onChange = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`simulator: timed out after ${timeoutMs} ms waiting for ${describe}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
      onChange();
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.nextId = 1;
    this.changed();
  }
}
