import OpenAI from 'openai';
import { afterEach } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator/index.js';

/** Fast defaults so tests finish in milliseconds; each test gets its own simulator, closed afterwards. */
export const FAST: SimulatorOptions = { firstTokenDelayMs: 5, tokensPerSecond: 5000 };

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

export async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ ...FAST, ...options });
  running.push(sim);
  return sim;
}

export function openaiClient(sim: RunningSimulator, options: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: options.apiKey ?? 'sk-simulator', maxRetries: options.maxRetries ?? 0 });
}

export function postCompletion(sim: RunningSimulator, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-simulator', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Splits an SSE body into its events: `data` payloads and `: comment` lines, in order. */
export function sseEvents(text: string): string[] {
  return text.split('\n\n').filter((event) => event !== '');
}

export function dataPayloads(text: string): any[] {
  return sseEvents(text)
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice('data: '.length)));
}

export const user = (content: string) => [{ role: 'user' as const, content }];
