import { pino } from 'pino';
import { AppError, isAppError } from '../errors/app-error.js';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';
import { systemClock, type Clock } from './clock.js';
import { DeepSeekHttpClient, type CompletionResult } from './deepseek-http-client.js';
import { noopMetrics, type LlmLogger, type LlmMetrics } from './llm-observability.js';
import type { ChatCompletionRequest, ChatStreamer, LlmStreamEvent, StreamOptions } from './llm-types.js';
import {
  resilientClientOptionsSchema,
  type ResilientChatClientOptions,
  type ResilientEndpoint,
} from './resilient-client-options.js';
import { RetryPolicy } from './retry-policy.js';
import { isNonRetryableUpstreamError, OPERATOR_MESSAGES } from './upstream-errors.js';
import type { AttemptTimeouts } from './stream-watchdog.js';

/** Anything that can produce a whole (non-streamed) completion; what `completeJson` needs. */
export interface ChatCompleter {
  complete(request: ChatCompletionRequest, options?: StreamOptions): Promise<CompletionResult>;
}

type Attempt<T> = (endpoint: ResilientEndpoint, timeouts: AttemptTimeouts, signal: AbortSignal | undefined) => AsyncIterable<T>;
type Restart = Extract<LlmStreamEvent, { type: 'restart' }>;

/**
 * DeepSeek client with retries, failover across endpoints and a circuit breaker per endpoint; implements
 * the worker's `ChatStreamer` seam.
 *
 * - Retries 429/500/503, connection errors, timeouts and broken streams with exponential backoff (see
 *   `RetryPolicy`), within `retry.budgetMs` and `retry.maxAttempts` for the whole call.
 * - Moves to the next endpoint at once on 503, after `failover.afterConsecutiveFailures` failures in a row,
 *   or when the endpoint's breaker is open; an endpoint not yet tried in this round is tried without waiting.
 * - 400/422 throw UPSTREAM_REJECTED at once. 401/402 are logged loudly and fail over to the next endpoint
 *   (it may hold another account) but are never retried on the same one; with none left they are thrown.
 * - A stream that breaks after tokens were yielded is retried from scratch: `{type:'restart'}` is yielded
 *   first, then the new answer. Exactly one `finish` ends a successful stream.
 * - Aborting `options.signal` closes the upstream socket at once and rejects with the signal's reason.
 * - When retries run out, the last `AppError` is thrown (UPSTREAM_UNAVAILABLE or UPSTREAM_TIMEOUT).
 */
export class ResilientChatClient implements ChatStreamer, ChatCompleter {
  private readonly endpoints: ResilientEndpoint[];
  private readonly timeouts: AttemptTimeouts;
  private readonly failoverAfter: number;
  private readonly policy: RetryPolicy;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly http: DeepSeekHttpClient;
  private readonly clock: Clock;
  private readonly logger: LlmLogger;
  private readonly metrics: LlmMetrics;

  constructor(options: ResilientChatClientOptions) {
    const parsed = resilientClientOptionsSchema.parse(options);
    this.endpoints = parsed.endpoints;
    this.timeouts = parsed.timeouts;
    this.failoverAfter = parsed.failover.afterConsecutiveFailures;
    this.policy = new RetryPolicy(parsed.retry, options.random);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? pino({ name: 'llm' });
    this.metrics = options.metrics ?? noopMetrics;
    this.http = new DeepSeekHttpClient({ clock: this.clock, ...(options.fetch ? { fetch: options.fetch } : {}) });
    for (const endpoint of this.endpoints) {
      const onChange = (state: BreakerState): void => {
        this.logger.warn({ endpoint: endpoint.name, state }, `circuit breaker for ${endpoint.name} is ${state}`);
        this.metrics.breakerStateChanged?.(endpoint.name, state);
      };
      this.breakers.set(endpoint.name, new CircuitBreaker(parsed.breaker, this.clock, onChange));
    }
  }

  /** Breaker state per endpoint name, for health checks. */
  breakerStates(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([name, breaker]) => [name, breaker.state]));
  }

  async *stream(request: ChatCompletionRequest, options: StreamOptions = {}): AsyncGenerator<LlmStreamEvent> {
    const http = this.http;
    const metrics = this.metrics;
    const clock = this.clock;
    const attempt: Attempt<LlmStreamEvent> = async function* (endpoint, timeouts, signal) {
      const startedAt = clock.now();
      let sawToken = false;
      // Tool calls stream as fragments per index; they are whole (and worth acting on) only at the finish.
      const calls = new Map<number, { name: string; arguments: string }>();
      for await (const event of http.stream(endpoint, request, { timeouts, ...(signal ? { signal } : {}) })) {
        switch (event.type) {
          case 'content':
          case 'reasoning':
            if (!sawToken) metrics.firstTokenLatency?.(endpoint.name, clock.now() - startedAt);
            sawToken = true;
            yield event;
            break;
          case 'tool-call': {
            const call = calls.get(event.index) ?? { name: '', arguments: '' };
            if (event.name) call.name = event.name;
            call.arguments += event.argumentsDelta;
            calls.set(event.index, call);
            break;
          }
          case 'finish':
            for (const call of calls.values()) if (call.name) yield { type: 'tool-call', ...call };
            yield { ...event, endpoint: endpoint.name };
            break;
          // keep-alive only feeds the watchdog.
          case 'keep-alive':
            break;
        }
      }
    };
    const kind = (event: LlmStreamEvent) =>
      event.type === 'finish' ? 'final' : event.type === 'content' || event.type === 'reasoning' ? 'token' : 'other';
    yield* this.run(attempt, kind, options);
  }

  /** One non-streamed completion with the same retry, failover and breaker rules as `stream`. */
  async complete(request: ChatCompletionRequest, options: StreamOptions = {}): Promise<CompletionResult> {
    const http = this.http;
    const attempt: Attempt<CompletionResult> = async function* (endpoint, timeouts, signal) {
      yield await http.complete(endpoint, request, { timeouts, ...(signal ? { signal } : {}) });
    };
    for await (const event of this.run(attempt, () => 'final', options)) {
      if (!isRestart(event)) return event;
    }
    throw new AppError('UPSTREAM_UNAVAILABLE', 'completion ended without a result', { reason: 'broken-stream' });
  }

  /**
   * `kind` tells tokens (a failure after one needs a `restart`) and the final item apart. The endpoint is
   * judged healthy when the final item arrives, before it is handed over: consumers stop at `finish`
   * and never resume the generator, so a success recorded after the last `yield` would never happen.
   */
  private async *run<T>(
    attempt: Attempt<T>,
    kind: (item: T) => 'token' | 'final' | 'other',
    options: StreamOptions,
  ): AsyncGenerator<T | Restart> {
    const { signal, correlationId } = options;
    const startedAt = this.clock.now();
    const excluded = new Set<string>();
    const triedSinceWait = new Set<string>();
    const failuresInARow = new Map<string, number>();
    let attempts = 0;
    let previousDelayMs = 0;
    let current = 0;
    let previous = -1;
    let dirty = false;
    let lastError: AppError | undefined;

    for (;;) {
      const index = this.acquire(current, excluded);
      if (index === -1) throw this.giveUp(lastError, attempts, 'no endpoint available (circuit open or excluded)');
      if (previous !== -1 && index !== previous) this.noteFailover(previous, index, correlationId);
      current = index;
      previous = index;
      const endpoint = this.endpoints[index]!;
      const breaker = this.breakers.get(endpoint.name)!;
      attempts++;
      triedSinceWait.add(endpoint.name);

      let judged = false;
      try {
        for await (const item of attempt(endpoint, this.timeouts, signal)) {
          const itemKind = kind(item);
          if (itemKind === 'token') dirty = true;
          if (itemKind === 'final' && !judged) {
            judged = true;
            breaker.recordSuccess();
          }
          yield item;
        }
        if (!judged) {
          judged = true;
          breaker.recordSuccess();
        }
        return;
      } catch (error) {
        if (signal?.aborted || !isAppError(error)) throw error;
        judged = true;
        this.metrics.upstreamError(error.code, endpoint.name);
        lastError = error;
        if (isNonRetryableUpstreamError(error)) {
          breaker.release();
          this.logger.error(
            { endpoint: endpoint.name, code: error.code, status: error.details.status, upstream: error.message, correlationId },
            OPERATOR_MESSAGES[error.code] ?? error.message,
          );
          if (error.code === 'UPSTREAM_REJECTED') throw error;
          excluded.add(endpoint.name);
          continue;
        }
        breaker.recordFailure();
        const inARow = (failuresInARow.get(endpoint.name) ?? 0) + 1;
        failuresInARow.set(endpoint.name, inARow);
        if (error.details.status === 503 || inARow >= this.failoverAfter || breaker.state === 'open') {
          current = (index + 1) % this.endpoints.length;
        }
      } finally {
        // The consumer stopped early or aborted: no verdict on the endpoint, but a half-open probe slot is freed.
        if (!judged) breaker.release();
      }

      const next = this.endpoints[this.peek(current, excluded)];
      const fresh = next !== undefined && !triedSinceWait.has(next.name);
      const state = { attempts, elapsedMs: this.clock.now() - startedAt, previousDelayMs };
      const delay = this.policy.nextDelayMs(fresh ? state : { ...state, retryAfterMs: lastError.details.retryAfterMs });
      if (delay === null || next === undefined) {
        this.logger.error(
          { code: lastError.code, reason: lastError.details.reason, attempts, correlationId },
          `DeepSeek unavailable, giving up: ${lastError.message}`,
        );
        throw this.giveUp(lastError, attempts, 'retries exhausted');
      }
      this.metrics.retry(endpoint.name);
      this.logger.warn(
        {
          endpoint: endpoint.name,
          code: lastError.code,
          reason: lastError.details.reason,
          status: lastError.details.status,
          attempts,
          delayMs: fresh ? 0 : delay,
          next: next.name,
          correlationId,
        },
        `DeepSeek call failed, retrying: ${lastError.message}`,
      );
      if (dirty) {
        dirty = false;
        yield { type: 'restart', reason: String(lastError.details.reason ?? lastError.code) };
      }
      if (!fresh) {
        await this.clock.sleep(delay, signal);
        previousDelayMs = delay;
        triedSinceWait.clear();
      }
    }
  }

  /** The first endpoint from `start` (wrapping) that is not excluded and whose breaker lets a request through. */
  private acquire(start: number, excluded: Set<string>): number {
    for (let offset = 0; offset < this.endpoints.length; offset++) {
      const index = (start + offset) % this.endpoints.length;
      const endpoint = this.endpoints[index]!;
      if (!excluded.has(endpoint.name) && this.breakers.get(endpoint.name)!.tryAcquire()) return index;
    }
    return -1;
  }

  /** Like `acquire` without taking a half-open probe slot: where the next attempt will probably go. */
  private peek(start: number, excluded: Set<string>): number {
    for (let offset = 0; offset < this.endpoints.length; offset++) {
      const index = (start + offset) % this.endpoints.length;
      const endpoint = this.endpoints[index]!;
      if (!excluded.has(endpoint.name) && this.breakers.get(endpoint.name)!.state !== 'open') return index;
    }
    return -1;
  }

  private noteFailover(from: number, to: number, correlationId: string | undefined): void {
    const fromName = this.endpoints[from]!.name;
    const toName = this.endpoints[to]!.name;
    this.metrics.failover(fromName, toName);
    this.logger.warn({ from: fromName, to: toName, correlationId }, `failing over from ${fromName} to ${toName}`);
  }

  private giveUp(lastError: AppError | undefined, attempts: number, why: string): AppError {
    if (!lastError)
      return new AppError('UPSTREAM_UNAVAILABLE', `DeepSeek unavailable: ${why}`, { reason: 'circuit-open', attempts });
    if (isNonRetryableUpstreamError(lastError)) return lastError;
    return new AppError(
      lastError.code,
      `${lastError.message} (gave up after ${attempts} attempts: ${why})`,
      { ...lastError.details, attempts },
      { cause: lastError },
    );
  }
}

function isRestart(event: unknown): event is Restart {
  return typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'restart';
}
