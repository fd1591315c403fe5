import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { ResilientChatClient } from '../llm/resilient-chat-client.js';
import { startSimulator, type RunningSimulator } from '../simulator/index.js';

/**
 * The DeepSeek client a worker uses: the configured endpoint and its fallbacks, or, without an API
 * key, an in-process simulator (said loudly in the log; the gateway says it on the page).
 */
export async function createChatClient(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<{ llm: ResilientChatClient; simulator: RunningSimulator | undefined }> {
  let simulator: RunningSimulator | undefined;
  let endpoint = { name: 'deepseek', baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey ?? '' };
  if (!config.llm.apiKey) {
    simulator = await startSimulator({
      firstTokenDelayMs: config.llm.simulator.firstTokenMs,
      tokensPerSecond: config.llm.simulator.tokensPerSecond,
      logger: logger.child({ module: 'simulator' }),
    });
    endpoint = { name: 'simulator', baseUrl: simulator.url, apiKey: 'sk-simulator' };
    logger.warn(
      { simulator: simulator.url },
      'DEEPSEEK_API_KEY is not set: replies come from the bundled DeepSeek SIMULATOR, not a real model',
    );
  }
  const llm = new ResilientChatClient({
    endpoints: [endpoint, ...config.llm.fallbackEndpoints],
    timeouts: {
      firstTokenMs: config.llm.firstTokenTimeoutMs,
      idleMs: config.llm.idleTimeoutMs,
      ...(config.llm.totalTimeoutMs ? { totalMs: config.llm.totalTimeoutMs } : {}),
    },
    retry: config.llm.retry,
    failover: { afterConsecutiveFailures: config.llm.failoverAfterFailures },
    breaker: config.llm.breaker,
    logger: logger.child({ module: 'llm' }),
    metrics: {
      upstreamError: (code, name) => metrics.upstreamErrors.inc({ code, endpoint: name }),
      retry: (name) => metrics.llmRetries.inc({ endpoint: name }),
      failover: (from, to) => metrics.llmFailovers.inc({ from, to }),
      breakerStateChanged: (name, state) => metrics.llmBreakerOpen.set({ endpoint: name }, state === 'closed' ? 0 : 1),
    },
  });
  return { llm, simulator };
}
