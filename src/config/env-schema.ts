import { z } from 'zod';
import { redisClusterNodesSchema } from './redis-cluster-nodes.js';

/**
 * The environment variables the service reads and how each is validated (`src/config.ts` reads them;
 * `.env.example` documents each).
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** `0,5s,5m,2h`: delays in ms, s, m, h or d (a bare number is ms); undefined when not a list like that. */
function parseDelayList(text: string): number[] | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const delays = text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(ms|s|m|h|d)?\s*$/.exec(part);
    return match ? Number(match[1]) * units[match[2] ?? 'ms']! : NaN;
  });
  return delays.length > 0 && delays.length <= 20 && delays.every(Number.isFinite) ? delays : undefined;
}

export const fallbackEndpointSchema = z.object({
  name: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1),
  model: z.string().min(1).optional(),
});

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ROLE: z.enum(['all', 'gateway', 'worker']).default('all'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  /** Comma-separated origins besides the gateway's own from which the agent console may connect to `/agent`. */
  CONSOLE_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),

  DATABASE_URL: z.string().url().default('postgres://root@127.0.0.1:5432/test'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _ only')
    .default('public'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** `transaction`: DATABASE_URL is a transaction pooler (PgBouncer `pool_mode = transaction`); docs/deploy.md. */
  DATABASE_POOL_MODE: z.enum(['session', 'transaction']).default('session'),
  /** PostgreSQL itself (not the pooler): migrations, which hold a session-level advisory lock, run over it. */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Redis Cluster seeds (`host:port,...`); when set, REDIS_URL is not used (docs/deploy.md, "Redis Cluster"). */
  REDIS_CLUSTER_NODES: redisClusterNodesSchema.optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('sb'),

  DEEPSEEK_API_KEY: z.string().min(1).optional(),
  DEEPSEEK_BASE_URL: z.string().url().default('https://api.deepseek.com'),
  DEEPSEEK_MODEL: z.string().min(1).default('deepseek-chat'),
  LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LLM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  /** JSON list of backup endpoints, tried in order after the primary: `[{"name","baseUrl","apiKey","model"?}]`. */
  DEEPSEEK_FALLBACK_ENDPOINTS: z
    .string()
    .default('[]')
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON list' });
        return z.NEVER;
      }
    })
    .pipe(z.array(fallbackEndpointSchema)),
  LLM_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).default(1000),
  LLM_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).default(64_000),
  LLM_RETRY_BUDGET_MS: z.coerce.number().int().min(1).default(60_000),
  LLM_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  LLM_FAILOVER_AFTER_FAILURES: z.coerce.number().int().min(1).default(2),
  LLM_BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1).default(30_000),
  SIMULATOR_FIRST_TOKEN_MS: z.coerce.number().int().min(0).default(200),
  SIMULATOR_TOKENS_PER_SECOND: z.coerce.number().positive().default(50),

  VISITOR_TOKEN_SECRET: z.string().min(16).optional(),
  ADMIN_API_TOKEN: z.string().min(16).optional(),
  /** Bearer token for `/metrics`; in production `/metrics` is off without it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  AGENT_SESSION_SECRET: z.string().min(32).optional(),
  AGENT_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOGIN_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  /** Life of an integration access token (`POST /oauth/token`), in seconds. */
  OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Requests per integration client per minute (token endpoint and `/api/v1` together). */
  INTEGRATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(200),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(5000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).default(10_000),
  RECONCILE_MIN_AGE_MS: z.coerce.number().int().min(0).default(5000),
  RECONCILE_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  REPLY_DELTA_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(30),
  REPLY_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  REPLY_JOB_BACKOFF_MS: z.coerce.number().int().min(0).default(1000),
  RATE_LIMIT_VISITOR_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SITE_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
  WIDGET_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(50),
  WIDGET_HANDSHAKES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  NEW_CONVERSATIONS_PER_IP: z.coerce.number().int().min(1).default(20),
  NEW_CONVERSATIONS_WINDOW_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MAX_SOCKETS_PER_VISITOR: z.coerce.number().int().min(1).default(5),
  /** `typing` and `sync` one widget socket may send per minute (docs/reliability.md). */
  WIDGET_EVENTS_PER_SOCKET_PER_MINUTE: z.coerce.number().int().min(10).default(120),
  SLOW_CLIENT_MAX_BUFFERED_PACKETS: z.coerce.number().int().min(10).default(1000),
  SLOW_CLIENT_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** `/agent` abuse limits (docs/reliability.md): an agent keeps several tabs, an office shares one address. */
  AGENT_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(100),
  AGENT_HANDSHAKES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  MAX_SOCKETS_PER_AGENT: z.coerce.number().int().min(1).default(10),
  AGENT_EVENTS_PER_SOCKET_PER_MINUTE: z.coerce.number().int().min(10).default(600),
  MAX_SOCKET_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(64 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(4000),
  REPLY_ABANDON_GRACE_MS: z.coerce.number().int().min(0).default(3000),

  /** Derives the key that encrypts webhook endpoint secrets at rest. Required in production. */
  WEBHOOK_SECRET_KEY: z.string().min(32).optional(),
  /** Lets webhooks reach loopback, private and link-local addresses (tests, a receiver on the LAN). */
  ALLOW_PRIVATE_WEBHOOKS: booleanFromEnv.default(false),
  /** Lets webhook URLs be plain http; default: only in development. */
  WEBHOOK_ALLOW_HTTP: booleanFromEnv.optional(),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('0,5s,5m,30m,2h,5h,10h,10h')
    .transform((text, context) => {
      const delays = parseDelayList(text);
      if (!delays) context.addIssue({ code: 'custom', message: 'a comma-separated list of delays such as 0,5s,5m,2h' });
      return delays ?? [];
    }),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce
    .number()
    .positive()
    .default(5 * 24),
  WEBHOOK_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(4096)
    .max(10_000_000)
    .default(256 * 1024),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
  WEBHOOK_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),

  /** Default: on outside production, off in production. */
  SEED_DEMO_SITE: booleanFromEnv.optional(),
  DEMO_SITE_KEY: z.string().min(8).default('demo-site-key'),
  DEMO_ALLOWED_ORIGINS: z.string().default('*'),
});

export type Env = z.infer<typeof envSchema>;
