import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance (tests run several in one process); `/metrics` serves it. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    messages: new Counter({
      name: 'switchboard_messages_total',
      help: 'Messages stored, by role',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'switchboard_errors_total',
      help: 'Errors returned to clients or raised in jobs, by code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'switchboard_sockets',
      help: 'Connected sockets, by namespace',
      labelNames: ['namespace'] as const,
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: 'switchboard_queue_wait_seconds',
      help: 'Time a reply job waited in the queue before a worker started it',
      buckets: latencyBuckets,
      registers: [registry],
    }),
    timeToFirstToken: new Histogram({
      name: 'switchboard_time_to_first_token_seconds',
      help: 'From enqueue of the reply job to the first token relayed',
      buckets: latencyBuckets,
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'switchboard_llm_tokens_total',
      help: 'Tokens reported by the model, by kind (prompt, completion, cache_hit)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'switchboard_llm_upstream_errors_total',
      help: 'Model API errors, by code and endpoint',
      labelNames: ['code', 'endpoint'] as const,
      registers: [registry],
    }),
    llmRetries: new Counter({
      name: 'switchboard_llm_retries_total',
      help: 'Model API calls retried, by the endpoint that failed',
      labelNames: ['endpoint'] as const,
      registers: [registry],
    }),
    llmFailovers: new Counter({
      name: 'switchboard_llm_failovers_total',
      help: 'Moves from one model endpoint to the next',
      labelNames: ['from', 'to'] as const,
      registers: [registry],
    }),
    llmBreakerOpen: new Gauge({
      name: 'switchboard_llm_breaker_open',
      help: '1 while an endpoint circuit breaker is open or half-open, else 0',
      labelNames: ['endpoint'] as const,
      registers: [registry],
    }),
    replyCache: new Counter({
      name: 'switchboard_reply_cache_total',
      help: 'Reply cache lookups for first-turn questions, by result (hit, miss)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    lowConfidenceReplies: new Counter({
      name: 'switchboard_low_confidence_replies_total',
      help: "Bot replies whose confidence was below the site's threshold",
      registers: [registry],
    }),
    handoffs: new Counter({
      name: 'switchboard_handoffs_total',
      help: 'Conversations moved to waiting for a person, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    handoffsWaiting: new Gauge({
      name: 'switchboard_handoff_waiting_conversations',
      help: 'Conversations waiting for a person now (read from Postgres at scrape time)',
      registers: [registry],
    }),
    handoffWait: new Histogram({
      name: 'switchboard_handoff_wait_seconds',
      help: 'From the first request for a person (waiting_since) to an agent owning the conversation',
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    }),
    firstAgentReply: new Histogram({
      name: 'switchboard_handoff_first_agent_reply_seconds',
      help: "From the first request for a person (waiting_since) to the agent's first message",
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    }),
    agentsOnline: new Gauge({
      name: 'switchboard_agents_online',
      help: 'Agents online or away on any gateway (read from Redis at scrape time)',
      registers: [registry],
    }),
    feedback: new Counter({
      name: 'switchboard_feedback_total',
      help: 'Feedback sent by visitors (a replacement counts again), by kind (reply, conversation) and value (up, down, or the rating 1-5)',
      labelNames: ['kind', 'value'] as const,
      registers: [registry],
    }),
    handoffBriefs: new Counter({
      name: 'switchboard_handoff_briefs_total',
      help: 'Handoff briefs asked of the model, by result (written, failed, timeout)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Reads a gauge's value when `/metrics` is scraped (prom-client awaits a metric's `collect`), for
 * figures that live in Postgres or Redis; a failed read keeps the last value.
 */
export function collectOnScrape(gauge: Gauge, read: () => Promise<number>): void {
  (gauge as unknown as { collect: () => Promise<void> }).collect = async () => {
    try {
      gauge.set(await read());
    } catch {
      // The scrape still answers; the gauge keeps what it had.
    }
  };
}
