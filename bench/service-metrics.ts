import { round } from './bench-clients.js';

/** The bearer token the bench's service processes want for `/metrics` (off without one in production). */
export const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef0123';

/** Reads a service process's `/metrics` (prom-client text). */
export async function scrape(url: string): Promise<(name: string) => number> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const text = await response.text();
  return (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

/** prom-client's default sampling interval: the histogram holds the interval plus the delay. */
const SAMPLING_INTERVAL_MS = 10;

/**
 * Event-loop delay p99 (ms) since the previous scrape: prom-client's default metrics read a
 * `monitorEventLoopDelay` histogram and reset it at every scrape, so scrape once at a phase's start.
 */
export async function loopDelayP99Ms(url: string): Promise<number> {
  const p99 = (await scrape(url))('switchboard_nodejs_eventloop_lag_p99_seconds') * 1000;
  return round(Math.max(0, p99 - SAMPLING_INTERVAL_MS));
}

/** Means (ms) of the service's latency histograms since the previous call: where the added time goes. */
export async function histogramMeans(url: string, names: string[], previous: Map<string, [number, number]>) {
  const read = await scrape(url);
  const means: Record<string, number> = {};
  for (const name of names) {
    const [sum, count] = [read(`${name}_sum`), read(`${name}_count`)];
    const [lastSum, lastCount] = previous.get(name) ?? [0, 0];
    previous.set(name, [sum, count]);
    means[name] = count > lastCount ? round(((sum - lastSum) / (count - lastCount)) * 1000) : 0;
  }
  return means;
}
