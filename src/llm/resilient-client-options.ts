import { z } from 'zod';
import { breakerOptionsSchema } from './circuit-breaker.js';
import type { Clock } from './clock.js';
import type { LlmLogger, LlmMetrics } from './llm-observability.js';
import { retryOptionsSchema } from './retry-policy.js';

const endpointSchema = z.object({
  name: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1),
  model: z.string().min(1).optional(),
});

/** Validated once in the `ResilientChatClient` constructor; every default is listed here and in docs/deepseek.md. */
export const resilientClientOptionsSchema = z.object({
  /** Tried in order; the first is the primary. Names must be unique (they label logs and metrics). */
  endpoints: z
    .array(endpointSchema)
    .min(1)
    .refine(
      (endpoints) => new Set(endpoints.map((endpoint) => endpoint.name)).size === endpoints.length,
      'endpoint names must be unique',
    ),
  timeouts: z
    .object({
      /** Request sent -> first content/reasoning token, per attempt. Keep-alives do not extend it. Default 30000 ms. */
      firstTokenMs: z.number().int().positive().default(30_000),
      /** Longest silence on the socket, per attempt; keep-alive comments reset it. Default 30000 ms. */
      idleMs: z.number().int().positive().default(30_000),
      /** Optional cap on one attempt, request -> [DONE]. Default: none. */
      totalMs: z.number().int().positive().optional(),
    })
    .prefault({}),
  retry: retryOptionsSchema.prefault({}),
  breaker: breakerOptionsSchema.prefault({}),
  failover: z
    .object({
      /** Retryable failures in a row on one endpoint, within one call, before trying the next. 503 moves on at once. Default 2. */
      afterConsecutiveFailures: z.number().int().min(1).default(2),
    })
    .prefault({}),
});

export type ResilientEndpoint = z.output<typeof endpointSchema>;

/** Options of `ResilientChatClient`. Only `endpoints` is required. */
export type ResilientChatClientOptions = z.input<typeof resilientClientOptionsSchema> & {
  /** Defaults to the system clock; tests inject a fake one. */
  clock?: Clock;
  /** Defaults to a pino logger named `llm`. */
  logger?: LlmLogger;
  /** Defaults to no-op counters. */
  metrics?: LlmMetrics;
  /** Defaults to the global fetch (undici). */
  fetch?: typeof fetch;
  /** Jitter source; defaults to Math.random. */
  random?: () => number;
};
