/**
 * `tsx bench/upstream-read.bench.ts`: CPU per SSE chunk of the DeepSeek client's stream read, over
 * `fetch` (web streams) and over `node:http`, side by side against the same simulator, in this process
 * alone (pinned to one core when it can be). CPU time, not wall time: it holds up on a busy machine.
 */
import { createServer, type AddressInfo } from 'node:net';
import { DeepSeekHttpClient } from '../src/llm/deepseek-http-client.js';
import { fetchTransport } from '../src/llm/fetch-transport.js';
import { nodeHttpTransport } from '../src/llm/node-http-transport.js';
import type { UpstreamTransport } from '../src/llm/upstream-transport.js';
import { startNodeProcess } from '../test/support/child-process.js';
import { chooseLayout, pin } from './cpu-layout.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TOKENS = 60;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const layout = chooseLayout();
pin(process.pid, layout.service);
const simulator = await startNodeProcess({
  script: 'src/simulator/main.ts',
  env: {
    SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_FIRST_TOKEN_MS: '20',
    SIMULATOR_TOKENS_PER_SECOND: '200',
    SIMULATOR_REPLY_TOKENS: String(TOKENS),
  },
  readyMessage: 'DeepSeek simulator ready',
});
pin(simulator.child.pid, layout.generator);

async function measure(label: string, transport: UpstreamTransport): Promise<number> {
  const client = new DeepSeekHttpClient({ transport });
  const endpoint = { name: 'sim', baseUrl: simulator.url!, apiKey: 'sk-simulator' };
  const timeouts = { firstTokenMs: 10_000, idleMs: 10_000 };
  let chunks = 0;
  const once = async (index: number) => {
    const request = { model: 'deepseek-chat', messages: [{ role: 'user' as const, content: `question ${index}` }] };
    for await (const event of client.stream(endpoint, request, { timeouts })) if (event.type === 'content') chunks += 1;
  };
  await Promise.all(Array.from({ length: STREAMS }, (_, index) => once(index)));
  chunks = 0;
  const before = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) await Promise.all(Array.from({ length: STREAMS }, (_, index) => once(index)));
  const used = process.cpuUsage(before);
  const usPerChunk = (used.user + used.system) / chunks;
  console.log(
    `${label.padEnd(10)} ${chunks} chunks, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU: ${usPerChunk.toFixed(1)} µs per chunk`,
  );
  return usPerChunk;
}

try {
  console.log(`layout: ${layout.description}; ${STREAMS} streams at once, ${ROUNDS} rounds, ${TOKENS} tokens each`);
  const results: Record<string, number[]> = { fetch: [], 'node:http': [] };
  // Alternated, so a change in the machine's load hits both.
  for (let pass = 0; pass < 3; pass++) {
    results.fetch!.push(await measure('fetch', fetchTransport(fetch)));
    results['node:http']!.push(await measure('node:http', nodeHttpTransport));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    JSON.stringify({
      layout: layout.description,
      us_per_chunk: { fetch: median(results.fetch!), node_http: median(results['node:http']!) },
    }),
  );
} finally {
  await simulator.stop();
}
process.exit(0);
