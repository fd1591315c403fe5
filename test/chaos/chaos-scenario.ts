import { startServiceProcess, type ServiceProcess } from '../support/child-process.js';
import { OwnRedis } from '../support/own-redis.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TestStack } from '../support/test-app.js';
import { DATABASE_URL } from '../support/test-env.js';
import { ChaosVisitor } from './chaos-visitor.js';

export interface ChaosOptions {
  visitors: number;
  messagesPerVisitor: number;
  /** A visitor's pause before each message (up to twice this). */
  thinkMs: number;
  /** Pause between faults. */
  faultGapMs: number;
  postgresDownMs: number;
  /** Hard limit for the whole run. */
  timeoutMs: number;
  log?: (line: string) => void;
}

/** The chaos run's verdict; `lost` must be 0 and `answered_once` equal to `acked`. */
export interface ChaosReport {
  acked: number;
  stored: number;
  answered_once: number;
  shown_twice: number;
  lost: number;
  /** Per fault: from the fault until the first message sent after it was answered. */
  recovery_ms: Record<string, number | null>;
}

const ORIGIN = 'https://chaos.example';

/**
 * Two gateways and two workers (real processes) on one Postgres (behind a TCP proxy the run can cut)
 * and a Redis of the run's own; visitors on either gateway, half over WebSocket and half over
 * polling, while a worker and a gateway are killed with SIGKILL, Redis restarts with and without its data and
 * Postgres refuses connections for a while. Counts what Postgres and the visitors say at the end.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const redis = await new OwnRedis().start();
  const proxy = await new TcpProxy({ host: '127.0.0.1', port: Number(new URL(DATABASE_URL).port || 5432) }).start();
  const databaseUrl = new URL(DATABASE_URL);
  databaseUrl.hostname = '127.0.0.1';
  databaseUrl.port = String(proxy.port);
  const stack = new TestStack({
    label: 'chaos',
    startApp: false,
    simulator: { firstTokenDelayMs: 50, tokensPerSecond: 200, replyTokens: 40 },
    env: {
      REDIS_URL: redis.url,
      DATABASE_URL: databaseUrl.toString(),
      WORKER_LOCK_DURATION_MS: '2000',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_MIN_AGE_MS: '1500',
      DRAIN_TIMEOUT_MS: '1000',
      RATE_LIMIT_SITE_PER_MINUTE: '100000',
    },
  });
  await stack.start();
  const processes = new Set<ServiceProcess>();
  const gateways: ServiceProcess[] = [];
  const workers: ServiceProcess[] = [];
  const start = async (role: 'gateway' | 'worker') => {
    const service = await startServiceProcess({ ...stack.env, ROLE: role }, { timeoutMs: 60_000 });
    processes.add(service);
    (role === 'gateway' ? gateways : workers).push(service);
    return service;
  };
  const kill = async (service: ServiceProcess) => {
    (gateways.includes(service) ? gateways : workers).splice(
      (gateways.includes(service) ? gateways : workers).indexOf(service),
      1,
    );
    await service.kill();
  };
  const visitors: ChaosVisitor[] = [];
  try {
    await Promise.all([start('gateway'), start('gateway'), start('worker'), start('worker')]);
    const site = await stack.createSite({ allowedOrigins: [ORIGIN] });
    log(`2 gateways, 2 workers up; ${options.visitors} visitors`);
    const deadline = Date.now() + options.timeoutMs;
    let sending = true;
    for (let index = 0; index < options.visitors; index++) {
      visitors.push(
        new ChaosVisitor({
          siteKey: site.widgetKey,
          origin: ORIGIN,
          transport: index % 2 === 0 ? 'websocket' : 'polling',
          gateways: () => gateways.map((gateway) => gateway.url!),
          messages: options.messagesPerVisitor,
          keepSending: () => sending,
          thinkMs: options.thinkMs,
          syncAfterMs: 4000,
        }),
      );
    }
    const running = Promise.all(visitors.map((visitor) => visitor.run(deadline)));

    const faults: Record<string, number> = {};
    const fault = async (name: string, act: () => Promise<void>) => {
      await pause(options.faultGapMs);
      log(`fault: ${name}`);
      faults[name] = Date.now();
      await act();
    };
    await fault('worker_kill9', async () => {
      await kill(workers[0]!);
      await start('worker');
    });
    await fault('gateway_kill9', async () => {
      await kill(gateways[0]!);
      await start('gateway');
    });
    await fault('redis_restart_with_data', async () => {
      await redis.stop({ keepData: true });
      await redis.start();
    });
    await fault('redis_restart_without_data', async () => {
      await redis.stop();
      await redis.start();
    });
    await fault('postgres_refusing', async () => {
      await proxy.cut();
      await pause(options.postgresDownMs);
      await proxy.start();
    });
    // A last round of messages after the last fault, then every visitor waits for its answers.
    await pause(options.faultGapMs);
    sending = false;
    await running;
    log('visitors done; counting');

    const sent = visitors.flatMap((visitor) => visitor.sent);
    const acked = sent.filter((message) => message.messageId);
    const ids = acked.map((message) => message.messageId!);
    const stored = await stack.database.pool.query<{ id: string }>('SELECT id FROM messages WHERE id = ANY($1::uuid[])', [ids]);
    const replies = await stack.database.pool.query<{ in_reply_to: string; n: number }>(
      "SELECT in_reply_to, count(*)::int AS n FROM messages WHERE role = 'bot' AND in_reply_to = ANY($1::uuid[]) GROUP BY in_reply_to",
      [ids],
    );
    const answered = new Map(replies.rows.map((row) => [row.in_reply_to, row.n]));
    const recovery: Record<string, number | null> = {};
    for (const [name, at] of Object.entries(faults)) {
      const after = acked.filter((message) => message.firstSentAt >= at && message.answeredAt);
      recovery[name] = after.length ? Math.min(...after.map((message) => message.answeredAt!)) - at : null;
    }
    return {
      acked: acked.length,
      stored: stored.rowCount ?? 0,
      answered_once: ids.filter((id) => answered.get(id) === 1).length,
      shown_twice: acked.filter((message) => message.replies.size > 1).length,
      lost: ids.filter((id) => !answered.has(id)).length,
      recovery_ms: recovery,
    };
  } finally {
    for (const visitor of visitors) visitor.close();
    await Promise.all([...processes].map((service) => service.kill()));
    await stack.close().catch(() => undefined);
    await proxy.cut();
    await redis.stop();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
