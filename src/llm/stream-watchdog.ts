import type { AppError } from '../errors/app-error.js';
import type { Clock } from './clock.js';
import { timeout } from './upstream-errors.js';

/** Per-attempt time limits. */
export interface AttemptTimeouts {
  /** From sending the request to the first content/reasoning token. Keep-alive comments do not stop it. */
  firstTokenMs: number;
  /** Longest silence between any two bytes (keep-alive comments count, they prove the socket is alive). */
  idleMs: number;
  /** Optional cap on one attempt from request to `[DONE]`. */
  totalMs?: number;
}

/**
 * Arms the timers of one upstream attempt and calls `onTimeout` once with an UPSTREAM_TIMEOUT error when
 * a limit passes. The caller aborts the request in `onTimeout`.
 */
export class StreamWatchdog {
  private cancelFirstToken: (() => void) | undefined;
  private cancelIdle: (() => void) | undefined;
  private cancelTotal: (() => void) | undefined;
  private fired = false;

  constructor(
    private readonly endpoint: string,
    private readonly timeouts: AttemptTimeouts,
    private readonly clock: Clock,
    private readonly onTimeout: (error: AppError) => void,
  ) {}

  start(): void {
    this.cancelFirstToken = this.clock.setTimer(
      () => this.fire(timeout(this.endpoint, 'first-token-timeout', this.timeouts.firstTokenMs)),
      this.timeouts.firstTokenMs,
    );
    if (this.timeouts.totalMs !== undefined) {
      const totalMs = this.timeouts.totalMs;
      this.cancelTotal = this.clock.setTimer(() => this.fire(timeout(this.endpoint, 'total-timeout', totalMs)), totalMs);
    }
    this.progress();
  }

  /** Any bytes arrived (a keep-alive comment included). */
  progress(): void {
    this.cancelIdle?.();
    if (this.fired) return;
    this.cancelIdle = this.clock.setTimer(
      () => this.fire(timeout(this.endpoint, 'idle-timeout', this.timeouts.idleMs)),
      this.timeouts.idleMs,
    );
  }

  /** A token of the answer arrived. */
  token(): void {
    this.cancelFirstToken?.();
    this.cancelFirstToken = undefined;
    this.progress();
  }

  stop(): void {
    this.cancelFirstToken?.();
    this.cancelIdle?.();
    this.cancelTotal?.();
    this.fired = true;
  }

  private fire(error: AppError): void {
    if (this.fired) return;
    this.stop();
    this.onTimeout(error);
  }
}
