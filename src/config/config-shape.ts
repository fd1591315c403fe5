import type { z } from 'zod';
import type { Env, fallbackEndpointSchema } from './env-schema.js';
import type { RedisClusterConfig } from './redis-cluster-nodes.js';

/** The validated settings, grouped by what uses them (built by `loadConfig`). */
export interface Config {
  env: Env['NODE_ENV'];
  role: Env['ROLE'];
  http: { port: number; host: string; publicUrl: string | undefined; maxSocketPayloadBytes: number };
  /** Origins (besides the gateway's own and `PUBLIC_URL`) allowed to open the agent namespace. */
  console: { allowedOrigins: string[] };
  logLevel: Env['LOG_LEVEL'];
  /** `pretty` by default in development, JSON lines otherwise. */
  logFormat: 'json' | 'pretty';
  /**
   * `poolMode: 'transaction'`: `url` is a transaction pooler, so nothing may rely on a session (no
   * startup `search_path`, no named prepared statements); migrations go over `directUrl`.
   */
  database: {
    url: string;
    schema: string;
    poolSize: number;
    poolMode: Env['DATABASE_POOL_MODE'];
    directUrl: string | undefined;
  };
  /**
   * `cluster`: run on a Redis Cluster (`url` unused). `queuePrefix`: what BullMQ's keys start with
   * (before `:bull`): the prefix, hash-tagged (`{prefix}`) on a cluster so each queue stays in one slot.
   */
  redis: { url: string; prefix: string; cluster: RedisClusterConfig | undefined; queuePrefix: string };
  llm: {
    /** Absent: the service runs against the bundled simulator and says so loudly. */
    apiKey: string | undefined;
    baseUrl: string;
    model: string;
    firstTokenTimeoutMs: number;
    idleTimeoutMs: number;
    totalTimeoutMs: number | undefined;
    /** Backups after the primary, in order. Names must differ from the primary's (`deepseek`). */
    fallbackEndpoints: Array<z.infer<typeof fallbackEndpointSchema>>;
    retry: { baseDelayMs: number; maxDelayMs: number; budgetMs: number; maxAttempts: number };
    failoverAfterFailures: number;
    breaker: { failureThreshold: number; cooldownMs: number };
    simulator: { firstTokenMs: number; tokensPerSecond: number };
  };
  security: {
    visitorTokenSecret: string;
    visitorTokenSecretIsDefault: boolean;
    adminApiToken: string | undefined;
    /** `/metrics` wants `Authorization: Bearer <it>` when set; unset, it is open outside production and off in it. */
    metricsToken: string | undefined;
    metricsOpen: boolean;
  };
  /** Agent sessions (docs/agents.md): signing secret, token life between refreshes, login budgets. */
  agents: {
    sessionSecret: string;
    sessionSecretIsDefault: boolean;
    sessionTtlMinutes: number;
    loginPerAccountPerMinute: number;
    loginPerIpPerMinute: number;
  };
  /** Integration API (docs/api.md): access token life, per-client request budget. */
  integrations: { tokenTtlSeconds: number; ratePerMinute: number };
  /** `lockDurationMs`: how soon a job whose worker died is picked up by another worker. */
  worker: { concurrency: number; lockDurationMs: number; deltaWindowMs: number };
  /** The reply reconciler (docs/reliability.md): pass interval, minimum message age, window looked at. */
  reconcile: { intervalMs: number; minAgeMs: number; windowMs: number };
  /** Retries of each queue: attempts in all, and the first exponential backoff delay. */
  jobs: { reply: { attempts: number; backoffMs: number } };
  /** Webhooks (docs/webhooks.md): secrets at rest, address policy, retry schedule, limits. */
  webhooks: {
    secretKey: string;
    secretKeyIsDefault: boolean;
    allowPrivate: boolean;
    allowHttp: boolean;
    /** Delay before each attempt, the first included. */
    retryScheduleMs: number[];
    timeoutMs: number;
    disableAfterMs: number;
    maxPayloadBytes: number;
    concurrency: number;
    sweepIntervalMs: number;
  };
  /** How long a conversation room may stay empty (a reload) before the bot's reply in flight is aborted. */
  replyAbandonGraceMs: number;
  rateLimits: { visitorPerMinute: number; sitePerMinute: number };
  /** Abuse limits (docs/reliability.md): per address, per visitor, slow clients; proxies trusted for the address. */
  abuse: {
    connectionsPerIp: number;
    handshakesPerIpPerMinute: number;
    newConversationsPerIp: number;
    newConversationWindowSeconds: number;
    socketsPerVisitor: number;
    /** `typing` and `sync` events one widget socket may send per minute. */
    widgetEventsPerSocketPerMinute: number;
    maxBufferedPackets: number;
    maxBufferedBytes: number;
    trustedProxyHops: number;
    /** The `/agent` namespace's own budgets (the slow-client limits above apply to both namespaces). */
    agent: {
      connectionsPerIp: number;
      handshakesPerIpPerMinute: number;
      socketsPerAgent: number;
      eventsPerSocketPerMinute: number;
    };
  };
  shutdownTimeoutMs: number;
  /** SIGTERM: how long a gateway waits for owed acks, and a worker lets replies finish before handing the rest back. */
  drainTimeoutMs: number;
  /** `servePage`: the demo page at `/` (never in production unless the demo site is seeded on purpose). */
  demo: { seed: boolean; servePage: boolean; siteKey: string; allowedOrigins: string[] };
}
