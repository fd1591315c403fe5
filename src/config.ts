import { envSchema, type Env } from './config/env-schema.js';
import type { Config } from './config/config-shape.js';
import { queuePrefix } from './config/redis-cluster-nodes.js';

/**
 * Every setting the service reads, in one place. This is the only module that touches `process.env`
 * (schema: `config/env-schema.ts`; shape: `config/config-shape.ts`); `.env.example` documents each
 * variable. A bad value stops the process with every problem listed.
 */
export type { Config } from './config/config-shape.js';
export type { Env } from './config/env-schema.js';

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

/** Migrations hold a session-level advisory lock, which a transaction pooler cannot keep. */
function poolModeProblems(env: Env): string[] {
  if (env.DATABASE_POOL_MODE !== 'transaction' || env.DATABASE_DIRECT_URL) return [];
  return ['DATABASE_DIRECT_URL: required when DATABASE_POOL_MODE=transaction (migrations need a session on PostgreSQL itself)'];
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
  const problems = [...(production ? productionProblems(env) : []), ...poolModeProblems(env)];
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
    database: {
      url: env.DATABASE_URL,
      schema: env.DATABASE_SCHEMA,
      poolSize: env.DATABASE_POOL_SIZE,
      poolMode: env.DATABASE_POOL_MODE,
      directUrl: env.DATABASE_DIRECT_URL,
    },
    redis: {
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      cluster: env.REDIS_CLUSTER_NODES,
      queuePrefix: queuePrefix(env.REDIS_PREFIX, env.REDIS_CLUSTER_NODES),
    },
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
      widgetEventsPerSocketPerMinute: env.WIDGET_EVENTS_PER_SOCKET_PER_MINUTE,
      maxBufferedPackets: env.SLOW_CLIENT_MAX_BUFFERED_PACKETS,
      maxBufferedBytes: env.SLOW_CLIENT_MAX_BUFFERED_BYTES,
      trustedProxyHops: env.TRUST_PROXY_HOPS,
      agent: {
        connectionsPerIp: env.AGENT_CONNECTIONS_PER_IP,
        handshakesPerIpPerMinute: env.AGENT_HANDSHAKES_PER_IP_PER_MINUTE,
        socketsPerAgent: env.MAX_SOCKETS_PER_AGENT,
        eventsPerSocketPerMinute: env.AGENT_EVENTS_PER_SOCKET_PER_MINUTE,
      },
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
