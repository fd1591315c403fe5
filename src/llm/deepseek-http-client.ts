import { isAppError, type AppError } from '../errors/app-error.js';
import { abortReason, systemClock, type Clock } from './clock.js';
import { toLogprobs, toTokenUsage, type WireChunk, type WireCompletion } from './deepseek-wire.js';
import type { ChatCompletionRequest, TokenUsage } from './llm-types.js';
import { fetchTransport } from './fetch-transport.js';
import { nodeHttpTransport } from './node-http-transport.js';
import { SseParser } from './sse-parser.js';
import { StreamWatchdog, type AttemptTimeouts } from './stream-watchdog.js';
import { errorFromResponse, unavailable } from './upstream-errors.js';
import type { UpstreamResponse, UpstreamTransport } from './upstream-transport.js';

/** One DeepSeek-compatible API: where it is, which key to use, and optionally which model to force. */
export interface DeepSeekEndpoint {
  /** Short label for logs, metrics and `finish.endpoint` (e.g. `primary`). */
  name: string;
  /** Base URL without `/chat/completions`, e.g. `https://api.deepseek.com` or `http://127.0.0.1:4010/v1`. */
  baseUrl: string;
  apiKey: string;
  /** When set, replaces the request's model on this endpoint (a backup provider may name models differently). */
  model?: string;
}

/** What one streamed upstream attempt yields. `keep-alive` reports `: keep-alive` comments (progress, not answer). */
export type UpstreamEvent =
  | { type: 'keep-alive' }
  | { type: 'content'; text: string; logprobs?: number[] }
  | { type: 'reasoning'; text: string }
  | { type: 'tool-call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'finish'; finishReason: string; usage: TokenUsage | null; model: string };

/** A whole non-streamed answer. `reasoning` is for logs only, never for customers. */
export interface CompletionResult {
  content: string;
  reasoning: string;
  finishReason: string;
  usage: TokenUsage | null;
  model: string;
  /** Per-token logprobs when the request asked for them, else empty. */
  logprobs: number[];
  endpoint: string;
}

export interface UpstreamCallOptions {
  signal?: AbortSignal;
  timeouts: AttemptTimeouts;
}

export interface DeepSeekHttpClientOptions {
  /** Carries the requests over this `fetch` instead (tests script responses with one). */
  fetch?: typeof fetch;
  /** Defaults to `node:http(s)` with kept-alive connections (or `fetch` when one is given). */
  transport?: UpstreamTransport;
  clock?: Clock;
}

/**
 * Exactly one HTTP request to one endpoint's `POST /chat/completions`: no retries, no failover (see
 * `ResilientChatClient`). Failures are thrown as `AppError`: 401 UPSTREAM_AUTH, 402 UPSTREAM_BALANCE,
 * 400/422 UPSTREAM_REJECTED, 429/5xx/network/broken stream/blank body UPSTREAM_UNAVAILABLE, time limits
 * UPSTREAM_TIMEOUT. A caller's abort rejects with the signal's reason and closes the socket at once.
 */
export class DeepSeekHttpClient {
  private readonly transport: UpstreamTransport;
  private readonly clock: Clock;

  constructor(options: DeepSeekHttpClientOptions = {}) {
    this.transport = options.transport ?? (options.fetch ? fetchTransport(options.fetch) : nodeHttpTransport);
    this.clock = options.clock ?? systemClock;
  }

  /** Streams one completion. Ends after `[DONE]` with exactly one `finish`; a stream cut short throws. */
  async *stream(
    endpoint: DeepSeekEndpoint,
    request: ChatCompletionRequest,
    options: UpstreamCallOptions,
  ): AsyncGenerator<UpstreamEvent> {
    const attempt = new UpstreamAttempt(endpoint, this.clock, options);
    try {
      const response = await attempt.send(this.transport, {
        ...wireBody(endpoint, request),
        stream: true,
        stream_options: { include_usage: true },
      });
      const parser = new SseParser();
      const pieces = response.pieces()[Symbol.asyncIterator]();
      let finishReason: string | undefined;
      let usage: TokenUsage | null = null;
      let model = endpoint.model ?? request.model;

      const finish = (): UpstreamEvent => ({ type: 'finish', finishReason: finishReason ?? 'stop', usage, model });
      for (;;) {
        const { done, value } = await pieces.next();
        const events = done ? parser.end() : parser.push(value);
        if (!done) attempt.watchdog.progress();
        for (const event of events) {
          if (event.kind === 'comment') {
            yield { type: 'keep-alive' };
            continue;
          }
          if (event.data.trim() === '[DONE]') {
            yield finish();
            return;
          }
          const chunk = parseChunk(event.data, endpoint.name);
          if (chunk.error) throw unavailable(endpoint.name, 'stream-error', chunk.error.message ?? 'error event in stream');
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = toTokenUsage(chunk.usage);
          for (const choice of chunk.choices ?? []) {
            if (choice.finish_reason) finishReason = choice.finish_reason;
            const delta = choice.delta;
            if (delta?.reasoning_content) {
              attempt.watchdog.token();
              yield { type: 'reasoning', text: delta.reasoning_content };
            }
            if (delta?.content) {
              attempt.watchdog.token();
              const logprobs = toLogprobs(choice.logprobs);
              yield logprobs ? { type: 'content', text: delta.content, logprobs } : { type: 'content', text: delta.content };
            }
            for (const call of delta?.tool_calls ?? []) {
              attempt.watchdog.token();
              yield {
                type: 'tool-call',
                index: call.index ?? 0,
                ...(call.id ? { id: call.id } : {}),
                ...(call.function?.name ? { name: call.function.name } : {}),
                argumentsDelta: call.function?.arguments ?? '',
              };
            }
          }
        }
        if (done) {
          // DeepSeek always sends [DONE]; an answer that reached its finish_reason is still whole without it.
          if (finishReason !== undefined) {
            yield finish();
            return;
          }
          throw unavailable(endpoint.name, 'broken-stream', 'stream ended before [DONE]');
        }
      }
    } catch (error) {
      throw attempt.translate(error, 'broken-stream');
    } finally {
      attempt.close();
    }
  }

  /**
   * One non-streamed completion. DeepSeek keeps a slow request alive by sending blank lines before the
   * JSON body; they count as progress, and a body of blank lines only is a retryable UPSTREAM_UNAVAILABLE.
   */
  async complete(
    endpoint: DeepSeekEndpoint,
    request: ChatCompletionRequest,
    options: UpstreamCallOptions,
  ): Promise<CompletionResult> {
    const attempt = new UpstreamAttempt(endpoint, this.clock, options);
    try {
      const response = await attempt.send(this.transport, { ...wireBody(endpoint, request), stream: false });
      let text = '';
      for await (const piece of response.pieces()) {
        text += piece;
        if (piece.trim() !== '') attempt.watchdog.token();
        else attempt.watchdog.progress();
      }
      if (text.trim() === '') throw unavailable(endpoint.name, 'blank-body', 'response body held only blank lines');
      let body: WireCompletion;
      try {
        body = JSON.parse(text) as WireCompletion;
      } catch (error) {
        throw unavailable(endpoint.name, 'broken-stream', 'response body is not JSON (cut short?)', error);
      }
      if (body.error) throw unavailable(endpoint.name, 'stream-error', body.error.message ?? 'error in response body');
      const choice = body.choices?.[0];
      return {
        content: choice?.message?.content ?? '',
        reasoning: choice?.message?.reasoning_content ?? '',
        finishReason: choice?.finish_reason ?? 'stop',
        usage: toTokenUsage(body.usage),
        model: body.model ?? endpoint.model ?? request.model,
        logprobs: toLogprobs(choice?.logprobs) ?? [],
        endpoint: endpoint.name,
      };
    } catch (error) {
      throw attempt.translate(error, 'broken-stream');
    } finally {
      attempt.close();
    }
  }
}

/** The lifetime of one request: its abort controller, its watchdog and how its failures read. */
class UpstreamAttempt {
  readonly watchdog: StreamWatchdog;
  private readonly controller = new AbortController();
  private timeoutError: AppError | undefined;
  private responded = false;
  private readonly closers: Array<() => void> = [];
  private readonly onCallerAbort = (): void => this.controller.abort(abortReason(this.options.signal!));

  constructor(
    private readonly endpoint: DeepSeekEndpoint,
    private readonly clock: Clock,
    private readonly options: UpstreamCallOptions,
  ) {
    this.watchdog = new StreamWatchdog(endpoint.name, options.timeouts, clock, (error) => {
      this.timeoutError = error;
      this.controller.abort(error);
    });
    options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  async send(transport: UpstreamTransport, body: Record<string, unknown> & { stream: boolean }): Promise<UpstreamResponse> {
    if (this.options.signal?.aborted) throw abortReason(this.options.signal);
    this.watchdog.start();
    let response: UpstreamResponse;
    try {
      response = await transport(`${this.endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.endpoint.apiKey}`,
          'content-type': 'application/json',
          accept: body.stream ? 'text/event-stream' : 'application/json',
        },
        body: JSON.stringify(body),
        signal: this.controller.signal,
      });
    } catch (error) {
      throw this.translate(error, 'connection');
    }
    this.responded = true;
    this.watchdog.progress();
    this.closers.push(() => response.cancel());
    if (response.status < 200 || response.status > 299) {
      const text = await response.text().catch(() => '');
      throw errorFromResponse(response.status, text, response.headers, this.endpoint.name, this.clock.now());
    }
    return response;
  }

  /** Our own timeout and the caller's abort win over whatever error the aborted fetch surfaced. */
  translate(error: unknown, reasonAfterResponse: 'broken-stream' | 'connection'): unknown {
    if (this.timeoutError) return this.timeoutError;
    if (this.options.signal?.aborted) return abortReason(this.options.signal);
    if (isAppError(error)) return error;
    const reason = this.responded ? reasonAfterResponse : 'connection';
    const message = error instanceof Error ? describe(error) : String(error);
    return unavailable(this.endpoint.name, reason, message, error);
  }

  close(): void {
    this.watchdog.stop();
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
    for (const closer of this.closers) closer();
    // Closes the socket when the consumer stopped early; a no-op after a complete response.
    this.controller.abort();
  }
}

function wireBody(endpoint: DeepSeekEndpoint, request: ChatCompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) if (value !== undefined) body[key] = value;
  body.model = endpoint.model ?? request.model;
  return body;
}

function parseChunk(data: string, endpoint: string): WireChunk {
  try {
    return JSON.parse(data) as WireChunk;
  } catch (error) {
    throw unavailable(endpoint, 'broken-stream', 'unparseable stream chunk', error);
  }
}

function describe(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `: ${(cause as { code?: string }).code ?? cause.message}` : '';
  return `${error.message}${causeText}`;
}
