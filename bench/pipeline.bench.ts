/**
 * `npm run bench`: time to first token straight from the simulator vs through Switchboard
 * (socket send -> first `reply:delta`), at 1, 50 and 200 concurrent conversations, plus acked
 * messages per second. The simulator, the gateway, the worker and the clients each run in a process
 * of their own, as they would in production; both measurements use the same simulator.
 * The last line printed is one JSON object with the figures.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { WidgetClientEvents, WidgetServerEvents } from '../src/contracts/widget-events.js';
import { SiteRepository } from '../src/sites/site.repository.js';
import { createDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrator.js';
import { startNodeProcess, startServiceProcess } from '../test/support/child-process.js';
import { DATABASE_URL, deleteRedisKeys, dropSchema, REDIS_URL, uniqueNamespace } from '../test/support/test-env.js';

type Widget = Socket<WidgetServerEvents, WidgetClientEvents>;

/** `BENCH_LEVELS=50` runs one level (for profiling); `BENCH_SERVICE_NODE_ARGS` go to the service's node (e.g. `--cpu-prof`). */
const CONCURRENCY_LEVELS = (process.env.BENCH_LEVELS ?? '1,50,200').split(',').map(Number);
const SAMPLES_PER_LEVEL: Record<number, number> = { 1: 40, 50: 200, 200: 400 };
const DEFAULT_SAMPLES = 100;
const ACK_PHASE_MESSAGES_PER_SOCKET = 5;
/** First token after 200 ms, then 60 tokens at 50/s. */
const REPLY_DURATION_MS = 200 + (60 / 50) * 1000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
const round = (value: number) => Math.round(value * 100) / 100;

async function directFirstToken(simulatorUrl: string, question: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${simulatorUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-simulator', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'deepseek-chat',
      stream: true,
      messages: [
        { role: 'system', content: 'You are a helpful benchmark assistant.' },
        { role: 'user', content: question },
      ],
    }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let firstTokenAt: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    if (firstTokenAt === undefined && /"content":"[^"]/.test(buffer)) firstTokenAt = performance.now();
  }
  if (firstTokenAt === undefined) throw new Error('direct stream had no content');
  return firstTokenAt - started;
}

async function connectWidget(url: string, siteKey: string): Promise<Widget> {
  const socket: Widget = connect(`${url}/widget`, {
    transports: ['websocket'],
    auth: { siteKey },
    extraHeaders: { origin: 'https://bench.example' },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends one message and resolves with ms until its reply's first delta and until the reply ends. */
function serviceFirstToken(socket: Widget, question: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let replyTo: string | undefined;
    let firstDeltaMs: number | undefined;
    const onDelta = (delta: { replyTo: string }) => {
      if (delta.replyTo === replyTo && firstDeltaMs === undefined) firstDeltaMs = performance.now() - started;
    };
    const onEnd = (end: { replyTo: string }) => {
      if (end.replyTo !== replyTo) return;
      socket.off('reply:delta', onDelta);
      socket.off('reply:end', onEnd);
      if (firstDeltaMs === undefined) reject(new Error('reply ended without a delta'));
      else resolve(firstDeltaMs);
    };
    socket.on('reply:delta', onDelta);
    socket.on('reply:end', onEnd);
    socket.emit('message:send', { clientMessageId: randomUUID(), text: question }, (ack) => {
      if (!ack.ok) reject(new Error(`${ack.error.code}: ${ack.error.message}`));
      else replyTo = ack.message.id;
    });
  });
}

/** Means (ms) of the service's latency histograms since the previous call: where the added time goes. */
async function histogramMeans(url: string, names: string[], previous: Map<string, [number, number]>) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string, suffix: string) => Number(new RegExp(`^${name}_${suffix} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const means: Record<string, number> = {};
  for (const name of names) {
    const [sum, count] = [read(name, 'sum'), read(name, 'count')];
    const [lastSum, lastCount] = previous.get(name) ?? [0, 0];
    previous.set(name, [sum, count]);
    means[name] = count > lastCount ? round(((sum - lastSum) / (count - lastCount)) * 1000) : 0;
  }
  return means;
}

/**
 * `concurrency` conversations, each a closed loop (send, wait for the whole reply, send again), started
 * evenly over one reply's duration so that in steady state `concurrency` replies stream at once and
 * messages arrive spread out, as they do from real visitors. Returns the first `samples` measurements.
 */
async function runConversations(
  concurrency: number,
  samples: number,
  once: (conversation: number, turn: number) => Promise<number>,
) {
  const results: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, conversation) => {
      await new Promise((resolve) => setTimeout(resolve, (conversation * REPLY_DURATION_MS) / concurrency));
      for (let turn = 0; results.length < samples; turn += 1) results.push(await once(conversation, turn));
    }),
  );
  return results.slice(0, samples);
}

async function main() {
  const namespace = uniqueNamespace('bench');
  // Undone in reverse order whatever happens, so a failed run leaves no schema, keys or processes.
  const cleanups: Array<() => Promise<unknown>> = [
    () => deleteRedisKeys(namespace.redisPrefix),
    () => dropSchema(namespace.schema),
  ];
  try {
    await measure(namespace, cleanups);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  }
}

async function measure(namespace: { schema: string; redisPrefix: string }, cleanups: Array<() => Promise<unknown>>) {
  const simulator = await startNodeProcess({
    script: 'src/simulator/main.ts',
    env: {
      SIMULATOR_PORT: String(await freePort()),
      SIMULATOR_FIRST_TOKEN_MS: '200',
      SIMULATOR_TOKENS_PER_SECOND: '50',
      SIMULATOR_REPLY_TOKENS: '60',
    },
    readyMessage: 'DeepSeek simulator ready',
  });
  cleanups.push(() => simulator.stop());
  const simulatorUrl = simulator.url!;
  const env = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL,
    DATABASE_SCHEMA: namespace.schema,
    REDIS_URL,
    REDIS_PREFIX: namespace.redisPrefix,
    DEEPSEEK_API_KEY: 'sk-simulator',
    DEEPSEEK_BASE_URL: simulatorUrl,
    VISITOR_TOKEN_SECRET: 'bench-secret-0123456789abcdef',
    AGENT_SESSION_SECRET: 'bench-agent-session-secret-0123456789abcdef',
    SEED_DEMO_SITE: 'false',
    WORKER_CONCURRENCY: '400',
    RATE_LIMIT_SITE_PER_MINUTE: '1000000',
    RATE_LIMIT_VISITOR_PER_MINUTE: '1000',
  };
  const database = createDatabase({ url: DATABASE_URL, schema: namespace.schema, poolSize: 2 });
  cleanups.push(() => database.close());
  await migrate(database.pool, namespace.schema);
  const site = await new SiteRepository(database.db).create({
    widgetKey: `bench-${randomUUID()}`,
    name: 'Bench',
    allowedOrigins: ['*'],
    systemPrompt: 'You are a helpful benchmark assistant.',
  });
  // One gateway and one worker process: the deployment shape for a machine with more than one core.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const gateway = await startServiceProcess({ ...env, ROLE: 'gateway' }, { nodeArgs });
  cleanups.push(() => gateway.stop());
  const worker = await startServiceProcess({ ...env, ROLE: 'worker' }, { nodeArgs });
  cleanups.push(() => worker.stop());
  const sockets: Widget[] = [];
  cleanups.push(async () => sockets.forEach((socket) => socket.disconnect()));

  const figures: Record<string, { p50: number; p99: number }> = {};
  const histograms = new Map<string, [number, number]>();
  const histogramNames = ['switchboard_queue_wait_seconds', 'switchboard_time_to_first_token_seconds'];
  console.log('concurrency | direct p50/p99 ms | service p50/p99 ms | added p50/p99 ms');
  for (const concurrency of CONCURRENCY_LEVELS) {
    while (sockets.length < concurrency) sockets.push(await connectWidget(gateway.url!, site.widgetKey));
    // Warm-up round: JIT, connection pools, prepared plans.
    await Promise.all(sockets.map((socket, worker) => serviceFirstToken(socket, `warm up ${worker}`)));
    const samples = SAMPLES_PER_LEVEL[concurrency] ?? DEFAULT_SAMPLES;
    const direct = await runConversations(concurrency, samples, (worker, round) =>
      directFirstToken(simulatorUrl, `question ${worker} round ${round}`),
    );
    await histogramMeans(worker.url!, histogramNames, histograms);
    const viaService = await runConversations(concurrency, samples, (worker, round) =>
      serviceFirstToken(sockets[worker]!, `question ${worker} round ${round}`),
    );
    const added = {
      p50: round(percentile(viaService, 50) - percentile(direct, 50)),
      p99: round(percentile(viaService, 99) - percentile(direct, 99)),
    };
    figures[`c${concurrency}`] = added;
    const inService = await histogramMeans(worker.url!, histogramNames, histograms);
    console.log(
      `${String(concurrency).padStart(11)} | ${round(percentile(direct, 50))} / ${round(percentile(direct, 99))} | ` +
        `${round(percentile(viaService, 50))} / ${round(percentile(viaService, 99))} | ${added.p50} / ${added.p99}` +
        ` | service means: queue wait ${inService.switchboard_queue_wait_seconds} ms,` +
        ` enqueue->first token ${inService.switchboard_time_to_first_token_seconds} ms`,
    );
  }

  // Ack throughput: every socket sends a burst; an ack means the row is committed and the reply queued.
  const ackStarted = performance.now();
  const acks = await Promise.all(
    sockets.flatMap((socket, worker) =>
      Array.from(
        { length: ACK_PHASE_MESSAGES_PER_SOCKET },
        (_, index) =>
          new Promise<boolean>((resolve) =>
            socket.emit('message:send', { clientMessageId: randomUUID(), text: `ack ${worker}.${index}` }, (ack) =>
              resolve(ack.ok),
            ),
          ),
      ),
    ),
  );
  const ackSeconds = (performance.now() - ackStarted) / 1000;
  const acked = acks.filter(Boolean).length;
  const ackedPerSecond = Math.round(acked / ackSeconds);
  console.log(`acked ${acked}/${acks.length} messages in ${round(ackSeconds)} s: ${ackedPerSecond}/s`);
  console.log(JSON.stringify({ ttft_added_ms: figures, acked_per_s: ackedPerSecond }));
}

await main();
