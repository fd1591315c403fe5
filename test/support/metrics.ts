import type { TestStack } from './test-app.js';

/** The value of one series of the app's `/metrics` (0 when the series is not there yet). */
export async function metricValue(stack: Pick<TestStack, 'url'>, series: string): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
