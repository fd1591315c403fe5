import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createSimulatorApp } from './simulator-app.js';
import { FaultCounter } from './fault-counter.js';
import { parseFaultSpec } from './fault-spec.js';
import { PromptCache } from './prompt-cache.js';
import { RequestRecorder, type RecordedRequest } from './request-recorder.js';
import { resolveSimulatorOptions, type SimulatorOptions } from './simulator-options.js';

export { simulatedReply, simulatedReasoning } from './reply-text.js';
// The service budgets context with the same estimate the simulator reports as usage.
export { estimateTokens } from '../llm/token-estimate.js';
export { parseFaultSpec, type FaultSpec } from './fault-spec.js';
export type { RecordedRequest, RequestOutcome } from './request-recorder.js';
export type { SimulatorLogger, SimulatorOptions } from './simulator-options.js';

/** A simulator listening on a real port. */
export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`; `${url}` and `${url}/v1` both work as a client's baseURL. */
  url: string;
  port: number;
  /** Every `/chat/completions` request since start or the last `reset()`, in arrival order. */
  requests: RecordedRequest[];
  /** Resolves with the requests once at least `n` have arrived. Default timeout 5 s. */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Resolves once request `id`'s connection closed: the client aborted or the response ended. Default 5 s. */
  waitForClose(id: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** Clears recorded requests, `times=` / `invalid-json=` counters and the prompt cache. */
  reset(): void;
  /** Stops listening and closes open connections, streams in flight included. */
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 5000;

/** Starts a DeepSeek-compatible HTTP server. Rejects if the port is taken or `options.fault` is invalid. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveSimulatorOptions(options);
  if (resolved.fault) parseFaultSpec(resolved.fault);
  const recorder = new RequestRecorder();
  const counter = new FaultCounter();
  const promptCache = new PromptCache();
  const server = createServer(createSimulatorApp({ options: resolved, recorder, counter, promptCache }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}`;
  resolved.logger?.info({ url }, 'simulator: listening');
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    requests: recorder.requests,
    waitForRequests: (n, timeoutMs = DEFAULT_WAIT_MS) =>
      recorder.waitFor(`${n} request(s)`, () => (recorder.requests.length >= n ? recorder.requests : undefined), timeoutMs),
    waitForClose: (id, timeoutMs = DEFAULT_WAIT_MS) =>
      recorder.waitFor(
        `request ${id} to close`,
        () => recorder.requests.find((request) => request.id === id && request.closedAt !== undefined),
        timeoutMs,
      ),
    reset: () => {
      recorder.reset();
      counter.reset();
      promptCache.reset();
    },
    close: () => {
      // Idempotent: a test may close early and its afterEach hook close again.
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
