/**
 * `npm run bench`: what Switchboard costs on top of the model, measured side by side in one run with
 * the service (gateway and worker processes) pinned to its own core and the load generator (simulator,
 * clients) to the other:
 * - time to first token straight from the simulator, through a minimal relay (the floor: no database,
 *   queue or filter) and through Switchboard, at 1, 50, 200 and 1,000 concurrent conversations;
 * - CPU per reply and per relayed token of the service (gateway + worker) against the relay's;
 * - event-loop delay p99 of each service process;
 * - acked messages per second with no worker running (the accept path alone), and again while 200
 *   replies stream;
 * - memory per idle widget socket with 10,000 of them on one gateway.
 * The last line printed is one JSON object with the figures.
 *
 * Knobs: `BENCH_LEVELS=200` runs some levels only, `BENCH_IDLE_SOCKETS=0` and `BENCH_ACCEPT_MESSAGES=0`
 * skip those phases, `BENCH_STREAMING_ACCEPT=0` skips the accept-while-streaming phase,
 * `BENCH_SERVICE_NODE_ARGS` go to the service's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
 * `BENCH_DEADLINE_MS` (9 minutes) bounds the run.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SiteRepository } from '../src/sites/site.repository.js';
import { REPLY_QUEUE } from '../src/contracts/jobs.js';
import { createDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { startNodeProcess, startServiceProcess, type NodeProcess } from '../test/support/child-process.js';
import { DATABASE_URL, deleteRedisKeys, dropSchema, REDIS_URL, uniqueNamespace } from '../test/support/test-env.js';
import { measureAcceptRate } from './accept-phase.js';
import {
  conversationOf,
  connectWidgets,
  directFirstToken,
  firstDelta,
  percentile,
  round,
  runConversations,
  SIMULATOR,
  type Widget,
} from './bench-clients.js';
import { chooseLayout, pin } from './cpu-layout.js';
import { cpuMeter, rssKb } from './process-stats.js';
import { histogramMeans, loopDelayP99Ms, METRICS_TOKEN } from './service-metrics.js';

const numberEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONCURRENCY_LEVELS = (process.env.BENCH_LEVELS ?? '1,50,200,1000').split(',').filter(Boolean).map(Number);
const SAMPLES_PER_LEVEL: Record<number, number> = { 1: 20, 50: 150, 200: 400, 1000: 1000 };
const IDLE_SOCKETS = numberEnv('BENCH_IDLE_SOCKETS', 10_000);
const ACCEPT_MESSAGES = numberEnv('BENCH_ACCEPT_MESSAGES', 6_000);
const ACCEPT_SOCKETS = 200;
const STREAMING_ACCEPT = process.env.BENCH_STREAMING_ACCEPT !== '0';
const DEADLINE_MS = numberEnv('BENCH_DEADLINE_MS', 9 * 60_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pids = (...processes: NodeProcess[]) => processes.map((process) => process.child.pid!);

async function main() {
  const namespace = uniqueNamespace('bench');
  // Undone in reverse order whatever happens, so a failed run leaves no schema, keys or processes.
  const cleanups: Array<() => Promise<unknown>> = [
    () => deleteRedisKeys(namespace.redisPrefix),
    () => dropSchema(namespace.schema),
  ];
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
    })());
  // Bounded in time and interruptible, and either way nothing is left behind.
  const stop = (why: string) => {
    console.error(`bench stopped: ${why}`);
    void cleanUp().finally(() => process.exit(1));
  };
  const deadline = setTimeout(() => stop(`over its ${DEADLINE_MS / 1000} s bound`), DEADLINE_MS);
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    await measure(namespace, cleanups);
  } finally {
    clearTimeout(deadline);
    await cleanUp();
  }
}

async function measure(namespace: { schema: string; redisPrefix: string }, cleanups: Array<() => Promise<unknown>>) {
  const layout = chooseLayout();
  pin(process.pid, layout.generator);
  console.log(`layout: ${layout.description}`);
  const simulator = await startNodeProcess({
    script: 'src/simulator/main.ts',
    env: {
      SIMULATOR_PORT: String(await freePort()),
      SIMULATOR_FIRST_TOKEN_MS: String(SIMULATOR.firstTokenMs),
      SIMULATOR_TOKENS_PER_SECOND: String(SIMULATOR.tokensPerSecond),
      SIMULATOR_REPLY_TOKENS: String(SIMULATOR.replyTokens),
    },
    readyMessage: 'DeepSeek simulator ready',
  });
  cleanups.push(() => simulator.stop());
  pin(simulator.child.pid, layout.generator);
  const simulatorUrl = simulator.url!;
  const relay = await startNodeProcess({
    script: 'bench/minimal-relay.ts',
    env: { NODE_ENV: 'production', RELAY_UPSTREAM_URL: simulatorUrl },
    readyMessage: 'minimal relay ready',
  });
  cleanups.push(() => relay.stop());
  pin(relay.child.pid, layout.service);

  const env = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL,
    DATABASE_SCHEMA: namespace.schema,
    // PostgreSQL's connections are shared with other users of the machine.
    DATABASE_POOL_SIZE: '16',
    REDIS_URL,
    REDIS_PREFIX: namespace.redisPrefix,
    DEEPSEEK_API_KEY: 'sk-simulator',
    DEEPSEEK_BASE_URL: simulatorUrl,
    VISITOR_TOKEN_SECRET: 'bench-visitor-token-secret-0123456789abcdef',
    AGENT_SESSION_SECRET: 'bench-agent-session-secret-0123456789abcdef',
    METRICS_TOKEN,
    WEBHOOK_SECRET_KEY: 'bench-webhook-secret-key-0123456789abcdef',
    SEED_DEMO_SITE: 'false',
    WORKER_CONCURRENCY: '1200',
    RATE_LIMIT_SITE_PER_MINUTE: '10000000',
    RATE_LIMIT_VISITOR_PER_MINUTE: '100000',
    // The accept phase leaves thousands of messages unanswered on purpose: the reconciler must not
    // answer them while replies are measured.
    RECONCILE_MIN_AGE_MS: String(24 * 3600_000),
    // Every bench client comes from 127.0.0.1.
    WIDGET_CONNECTIONS_PER_IP: '1000000',
    WIDGET_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
    NEW_CONVERSATIONS_PER_IP: '1000000',
  };
  const database = createDatabase({ url: DATABASE_URL, schema: namespace.schema, poolSize: 2 });
  cleanups.push(() => database.close());
  await migrate(database.pool, namespace.schema);
  const site = await new SiteRepository(database.db).create({
    widgetKey: `bench-${randomUUID()}`,
    name: 'Bench',
    allowedOrigins: ['*'],
    systemPrompt: 'You are a helpful benchmark assistant.',
    // Every reply is the bot's: no handoff trigger takes a conversation away mid-measurement.
    handoffSettings: { modelTool: false, lowConfidence: false, repeatedQuestionCount: 0 },
  });
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const gateway = await startServiceProcess({ ...env, ROLE: 'gateway' }, { nodeArgs });
  cleanups.push(() => gateway.stop());
  pin(gateway.child.pid, layout.service);
  const gatewayUrl = gateway.url!;

  // With no worker running: memory per idle socket, then the accept path alone.
  let idleSocketKb: number | null = null;
  if (IDLE_SOCKETS > 0) {
    await sleep(1000);
    const before = rssKb(gateway.child.pid!);
    const idle = await connectWidgets(gatewayUrl, site.widgetKey, IDLE_SOCKETS, 200);
    await sleep(2000);
    idleSocketKb = round((rssKb(gateway.child.pid!) - before) / IDLE_SOCKETS);
    console.log(`idle sockets: ${IDLE_SOCKETS} on one gateway, ${idleSocketKb} KB each (RSS growth)`);
    idle.forEach((socket) => socket.disconnect());
  }
  let ackedPerSecond: number | null = null;
  if (ACCEPT_MESSAGES > 0) {
    const senders = await connectWidgets(gatewayUrl, site.widgetKey, ACCEPT_SOCKETS);
    const accept = await measureAcceptRate(senders, ACCEPT_MESSAGES, () => cpuMeter(pids(gateway)));
    ackedPerSecond = accept.perSecond;
    console.log(
      `accept (gateway only, no worker): ${accept.acked}/${accept.sent} acked in ${accept.seconds} s: ` +
        `${accept.perSecond}/s, gateway CPU ${accept.cpuMsPerMessage} ms per message`,
    );
    senders.forEach((socket) => socket.disconnect());
    // Nobody is to answer those: the worker starts on an empty queue.
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(REPLY_QUEUE, { connection, prefix: `${namespace.redisPrefix}:bull` });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }

  const worker = await startServiceProcess({ ...env, ROLE: 'worker' }, { nodeArgs });
  cleanups.push(() => worker.stop());
  pin(worker.child.pid, layout.service);
  const sockets: Widget[] = [];
  const relaySockets: Widget[] = [];
  cleanups.push(async () => [...sockets, ...relaySockets].forEach((socket) => socket.disconnect()));

  const ttft: Record<string, { p50: number; p99: number }> = {};
  const relayTtft: Record<string, { p50: number; p99: number }> = {};
  const cpu: Record<string, { service: number; relay: number }> = {};
  const loopDelay: Record<string, { gateway: number; worker: number }> = {};
  const errors: Record<string, number> = {};
  const histograms = new Map<string, [number, number]>();
  const histogramNames = ['switchboard_queue_wait_seconds', 'switchboard_time_to_first_token_seconds'];
  const question = (conversation: number, turn: number) => `question ${conversation} round ${turn}`;
  console.log(
    'conversations | direct p50/p99 ms | relay added p50/p99 | service added p50/p99 | CPU ms/reply service, relay |' +
      ' loop p99 ms gateway, worker',
  );
  for (const concurrency of CONCURRENCY_LEVELS) {
    sockets.push(...(await connectWidgets(gatewayUrl, site.widgetKey, concurrency - sockets.length)));
    relaySockets.push(...(await connectWidgets(relay.url!, 'relay', concurrency - relaySockets.length)));
    // Warm-up round on both paths: JIT, connection pools, prepared plans.
    await Promise.all(
      sockets.slice(0, concurrency).map((socket, index) => firstDelta(socket, `warm up ${index}`).catch(() => 0)),
    );
    await Promise.all(
      relaySockets.slice(0, concurrency).map((socket, index) => firstDelta(socket, `warm up ${index}`).catch(() => 0)),
    );
    const samples = SAMPLES_PER_LEVEL[concurrency] ?? 100;

    const direct = await runConversations(concurrency, samples, (c, turn) => directFirstToken(simulatorUrl, question(c, turn)));
    const relayCpu = cpuMeter(pids(relay));
    const viaRelay = await runConversations(concurrency, samples, (c, turn) => firstDelta(relaySockets[c]!, question(c, turn)));
    const relayMs = relayCpu();

    await histogramMeans(worker.url!, histogramNames, histograms);
    await Promise.all([loopDelayP99Ms(gatewayUrl), loopDelayP99Ms(worker.url!)]);
    const serviceCpu = cpuMeter(pids(gateway, worker));
    const viaService = await runConversations(concurrency, samples, (c, turn) => firstDelta(sockets[c]!, question(c, turn)));
    const serviceMs = serviceCpu();
    const [gatewayLoop, workerLoop] = await Promise.all([loopDelayP99Ms(gatewayUrl), loopDelayP99Ms(worker.url!)]);
    const inService = await histogramMeans(worker.url!, histogramNames, histograms);

    const added = (values: number[]) => ({
      p50: round(percentile(values, 50) - percentile(direct.values, 50)),
      p99: round(percentile(values, 99) - percentile(direct.values, 99)),
    });
    const key = `c${concurrency}`;
    for (const [path, run] of [
      ['direct', direct],
      ['relay', viaRelay],
      ['service', viaService],
    ] as const) {
      if (run.errors.length > 0)
        console.log(`${concurrency} conversations, ${path}: ${run.errors.length} failed (${run.errors[0]})`);
      errors[key] = (errors[key] ?? 0) + run.errors.length;
    }
    ttft[key] = added(viaService.values);
    relayTtft[key] = added(viaRelay.values);
    cpu[key] = { service: round(serviceMs / viaService.replies), relay: round(relayMs / viaRelay.replies) };
    loopDelay[key] = { gateway: gatewayLoop, worker: workerLoop };
    console.log(
      `${String(concurrency).padStart(13)} | ${round(percentile(direct.values, 50))} / ${round(percentile(direct.values, 99))}` +
        ` | ${relayTtft[key].p50} / ${relayTtft[key].p99} | ${ttft[key].p50} / ${ttft[key].p99}` +
        ` | ${cpu[key].service}, ${cpu[key].relay} (per token ${round(cpu[key].service / SIMULATOR.replyTokens)},` +
        ` ${round(cpu[key].relay / SIMULATOR.replyTokens)}) | ${gatewayLoop}, ${workerLoop}` +
        ` | queue wait ${inService.switchboard_queue_wait_seconds} ms, enqueue->first token` +
        ` ${inService.switchboard_time_to_first_token_seconds} ms`,
    );
  }

  let ackedWhileStreaming: number | null = null;
  if (STREAMING_ACCEPT) {
    // Conversations an agent holds: their messages are stored, acked and queued, and the worker skips them.
    const senders = await connectWidgets(gatewayUrl, site.widgetKey, ACCEPT_SOCKETS);
    const ids = senders.map((socket) => conversationOf(socket)!);
    await database.pool.query(`UPDATE conversations SET mode = 'waiting', waiting_since = now() WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    while (sockets.length < 200) sockets.push(...(await connectWidgets(gatewayUrl, site.widgetKey, 200 - sockets.length)));
    let streaming = true;
    const stream = runConversations(200, 400, (c, turn) => firstDelta(sockets[c]!, question(c, turn))).finally(() => {
      streaming = false;
    });
    await sleep(1500);
    const accept = await measureAcceptRate(
      senders,
      ACCEPT_MESSAGES || 3000,
      () => cpuMeter(pids(gateway)),
      () => streaming,
    );
    await stream;
    ackedWhileStreaming = accept.perSecond;
    console.log(
      `accept while 200 replies stream: ${accept.acked}/${accept.sent} acked in ${accept.seconds} s: ${accept.perSecond}/s`,
    );
    senders.forEach((socket) => socket.disconnect());
  }

  const level = cpu.c200 ?? Object.values(cpu).at(-1);
  console.log(
    JSON.stringify({
      layout: layout.description,
      ttft_added_ms: ttft,
      relay_ttft_added_ms: relayTtft,
      acked_per_s: ackedPerSecond,
      acked_per_s_streaming: ackedWhileStreaming,
      cpu_ms_per_reply: level?.service ?? null,
      relay_cpu_ms_per_reply: level?.relay ?? null,
      cpu_ms_per_reply_by_level: cpu,
      loop_delay_p99_ms: loopDelay.c200 ?? Object.values(loopDelay).at(-1) ?? {},
      loop_delay_p99_ms_by_level: loopDelay,
      idle_socket_kb: idleSocketKb,
      failed_replies: errors,
    }),
  );
}

await main();
