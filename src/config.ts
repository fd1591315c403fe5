import { z } from 'zod';

/**
 * Every setting the service reads, in one place. This is the only module that touches `process.env`;
 * `.env.example` documents each variable. A bad value stops the process with every problem listed.
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

const fallbackEndpointSchema = z.object({
  name: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1),
  model: z.string().min(1).optional(),
});

const envSchema = z.object({
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
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
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
  SLOW_CLIENT_MAX_BUFFERED_PACKETS: z.coerce.number().int().min(10).default(1000),
  SLOW_CLIENT_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
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

export interface Config {
  env: Env['NODE_ENV'];
  role: Env['ROLE'];
  http: { port: number; host: string; publicUrl: string | undefined; maxSocketPayloadBytes: number };
  /** Origins (besides the gateway's own and `PUBLIC_URL`) allowed to open the agent namespace. */
  console: { allowedOrigins: string[] };
  logLevel: Env['LOG_LEVEL'];
  /** `pretty` by default in development, JSON lines otherwise. */
  logFormat: 'json' | 'pretty';
  database: { url: string; schema: string; poolSize: number };
  redis: { url: string; prefix: string };
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
    maxBufferedPackets: number;
    maxBufferedBytes: number;
    trustedProxyHops: number;
  };
  shutdownTimeoutMs: number;
  /** SIGTERM: how long a gateway waits for owed acks, and a worker lets replies finish before handing the rest back. */
  drainTimeoutMs: number;
  /** `servePage`: the demo page at `/` (never in production unless the demo site is seeded on purpose). */
  demo: { seed: boolean; servePage: boolean; siteKey: string; allowedOrigins: string[] };
}

/** Secrets shorter than this are refused in production. */
const PRODUCTION_SECRET_MIN_LENGTH = 32;
const PRODUCTION_SECRETS = [
  'VISITOR_TOKEN_SECRET',
  'ADMIN_API_TOKEN',
  'AGENT_SESSION_SECRET',
  'METRICS_TOKEN',
  'WEBHOOK_SECRET_KEY',
] as const;

/**
 * Production must not run on the compose file's placeholders (`change-me-...`), a short secret, or the
 * demo site open to every origin (any website could spend the DeepSeek credit). Every problem listed.
 */
function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  for (const name of ['VISITOR_TOKEN_SECRET', 'AGENT_SESSION_SECRET', 'WEBHOOK_SECRET_KEY'] as const) {
    if (!env[name]) problems.push(`${name}: required when NODE_ENV=production`);
  }
  for (const name of PRODUCTION_SECRETS) {
    const value = env[name];
    if (value === undefined) continue;
    if (/change-?me/i.test(value)) problems.push(`${name}: still the placeholder; set a random secret`);
    else if (value.length < PRODUCTION_SECRET_MIN_LENGTH) {
      problems.push(`${name}: at least ${PRODUCTION_SECRET_MIN_LENGTH} characters when NODE_ENV=production`);
    }
  }
  if (env.SEED_DEMO_SITE && env.DEMO_ALLOWED_ORIGINS.split(',').some((origin) => origin.trim() === '*')) {
    problems.push('SEED_DEMO_SITE: the demo site with DEMO_ALLOWED_ORIGINS=* is refused when NODE_ENV=production');
  }
  return problems;
}

/** Used only when no secret is configured outside production; a startup warning says so. */
const DEVELOPMENT_VISITOR_SECRET = 'switchboard-development-only-secret';
const DEVELOPMENT_AGENT_SESSION_SECRET = 'switchboard-development-only-agent-session-secret';
const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'switchboard-development-only-webhook-secret-key';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads `ENV_FILE` (default `.env` in the working directory) into `process.env` if it exists, for the
 * entry points only. Variables already set in the environment win over the file.
 */
export function readEnvFile(path = process.env.ENV_FILE ?? '.env'): string | undefined {
  try {
    process.loadEnvFile(path);
    return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.env.ENV_FILE === undefined) return undefined;
    throw new ConfigError(`Cannot read the env file ${path}: ${(error as Error).message}`);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`KEY=` in an env file, `${KEY:-}` in compose) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const endpointNames = ['deepseek', 'simulator', ...env.DEEPSEEK_FALLBACK_ENDPOINTS.map((endpoint) => endpoint.name)];
  if (new Set(endpointNames).size !== endpointNames.length) {
    throw new ConfigError(
      'Invalid configuration:\n  DEEPSEEK_FALLBACK_ENDPOINTS: names must be unique and not "deepseek" or "simulator"',
    );
  }
  const production = env.NODE_ENV === 'production';
  const problems = production ? productionProblems(env) : [];
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  const seedDemo = env.SEED_DEMO_SITE ?? !production;
  return {
    env: env.NODE_ENV,
    role: env.ROLE,
    http: {
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL,
      maxSocketPayloadBytes: env.MAX_SOCKET_PAYLOAD_BYTES,
    },
    console: { allowedOrigins: env.CONSOLE_ALLOWED_ORIGINS },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    llm: {
      apiKey: env.DEEPSEEK_API_KEY,
      baseUrl: env.DEEPSEEK_BASE_URL,
      model: env.DEEPSEEK_MODEL,
      firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: env.LLM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: env.LLM_TOTAL_TIMEOUT_MS,
      fallbackEndpoints: env.DEEPSEEK_FALLBACK_ENDPOINTS,
      retry: {
        baseDelayMs: env.LLM_RETRY_BASE_DELAY_MS,
        maxDelayMs: env.LLM_RETRY_MAX_DELAY_MS,
        budgetMs: env.LLM_RETRY_BUDGET_MS,
        maxAttempts: env.LLM_RETRY_MAX_ATTEMPTS,
      },
      failoverAfterFailures: env.LLM_FAILOVER_AFTER_FAILURES,
      breaker: { failureThreshold: env.LLM_BREAKER_FAILURE_THRESHOLD, cooldownMs: env.LLM_BREAKER_COOLDOWN_MS },
      simulator: { firstTokenMs: env.SIMULATOR_FIRST_TOKEN_MS, tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND },
    },
    security: {
      visitorTokenSecret: env.VISITOR_TOKEN_SECRET ?? DEVELOPMENT_VISITOR_SECRET,
      visitorTokenSecretIsDefault: !env.VISITOR_TOKEN_SECRET,
      adminApiToken: env.ADMIN_API_TOKEN,
      metricsToken: env.METRICS_TOKEN,
      metricsOpen: !env.METRICS_TOKEN && !production,
    },
    agents: {
      sessionSecret: env.AGENT_SESSION_SECRET ?? DEVELOPMENT_AGENT_SESSION_SECRET,
      sessionSecretIsDefault: !env.AGENT_SESSION_SECRET,
      sessionTtlMinutes: env.AGENT_SESSION_TTL_MINUTES,
      loginPerAccountPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      loginPerIpPerMinute: env.LOGIN_IP_RATE_LIMIT_PER_MINUTE,
    },
    integrations: { tokenTtlSeconds: env.OAUTH_TOKEN_TTL_SECONDS, ratePerMinute: env.INTEGRATION_RATE_LIMIT_PER_MINUTE },
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      deltaWindowMs: env.REPLY_DELTA_WINDOW_MS,
    },
    jobs: { reply: { attempts: env.REPLY_JOB_ATTEMPTS, backoffMs: env.REPLY_JOB_BACKOFF_MS } },
    reconcile: { intervalMs: env.RECONCILE_INTERVAL_MS, minAgeMs: env.RECONCILE_MIN_AGE_MS, windowMs: env.RECONCILE_WINDOW_MS },
    rateLimits: { visitorPerMinute: env.RATE_LIMIT_VISITOR_PER_MINUTE, sitePerMinute: env.RATE_LIMIT_SITE_PER_MINUTE },
    abuse: {
      connectionsPerIp: env.WIDGET_CONNECTIONS_PER_IP,
      handshakesPerIpPerMinute: env.WIDGET_HANDSHAKES_PER_IP_PER_MINUTE,
      newConversationsPerIp: env.NEW_CONVERSATIONS_PER_IP,
      newConversationWindowSeconds: Math.round(env.NEW_CONVERSATIONS_WINDOW_HOURS * 3600),
      socketsPerVisitor: env.MAX_SOCKETS_PER_VISITOR,
      maxBufferedPackets: env.SLOW_CLIENT_MAX_BUFFERED_PACKETS,
      maxBufferedBytes: env.SLOW_CLIENT_MAX_BUFFERED_BYTES,
      trustedProxyHops: env.TRUST_PROXY_HOPS,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    drainTimeoutMs: env.DRAIN_TIMEOUT_MS,
    replyAbandonGraceMs: env.REPLY_ABANDON_GRACE_MS,
    webhooks: {
      secretKey: env.WEBHOOK_SECRET_KEY ?? DEVELOPMENT_WEBHOOK_SECRET_KEY,
      secretKeyIsDefault: !env.WEBHOOK_SECRET_KEY,
      allowPrivate: env.ALLOW_PRIVATE_WEBHOOKS,
      allowHttp: env.WEBHOOK_ALLOW_HTTP ?? env.NODE_ENV === 'development',
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
      maxPayloadBytes: env.WEBHOOK_MAX_PAYLOAD_BYTES,
      concurrency: env.WEBHOOK_CONCURRENCY,
      sweepIntervalMs: env.WEBHOOK_SWEEP_INTERVAL_MS,
    },
    demo: {
      seed: seedDemo,
      servePage: !production || seedDemo,
      siteKey: env.DEMO_SITE_KEY,
      allowedOrigins: env.DEMO_ALLOWED_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    },
  };
}

/**
 * The password `npm run agent:create` uses when `--password` is not given. Kept out of `Config` so it
 * never travels (or gets logged) with the settings.
 */
export function agentPasswordFromEnv(source: NodeJS.ProcessEnv = process.env): string | undefined {
  return source.AGENT_PASSWORD || undefined;
}
