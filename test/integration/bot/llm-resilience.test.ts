import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedReply, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { TestStack } from '../../support/test-app.js';
import { ask, botRows, counterValue, requestsWith } from './llm-support.js';

// Small timeouts and near-instant backoff: retries are exercised for real without real waits.
const FAST_LLM_ENV = {
  LLM_FIRST_TOKEN_TIMEOUT_MS: '7000',
  LLM_IDLE_TIMEOUT_MS: '1500',
  LLM_RETRY_BASE_DELAY_MS: '20',
  LLM_RETRY_MAX_DELAY_MS: '100',
  LLM_RETRY_MAX_ATTEMPTS: '4',
  // Tests here fail on purpose in a row (4 stalls); the breaker is not what this file is about.
  LLM_BREAKER_FAILURE_THRESHOLD: '10',
};

describe('model failures seen through the widget', () => {
  const stack = new TestStack({ label: 'llm_resilience', env: FAST_LLM_ENV });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  it('retries a 429 and streams the answer', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(stack, site, 'Where is my order? [[sim:status=429;times=1;id=r429]]');
    const end = await replies.waitForEnd(message.id);

    const requests = requestsWith(stack.simulator, 'id=r429');
    expect(requests.map((request) => request.status)).toEqual([429, 200]);
    expect(end.message.text).toBe(simulatedReply(requests[1]!.body.messages));
    expect(replies.streamedText(message.id)).toBe(end.message.text);
    expect(replies.resets(message.id)).toEqual([]);
    expect(await botRows(stack, conversationId)).toMatchObject([{ endpoint: 'deepseek', degraded: false, flags: [] }]);
    expect(await counterValue(stack.app.metrics.llmRetries, { endpoint: 'deepseek' })).toBeGreaterThanOrEqual(1);
  });

  it('answers a 401 at once with the degraded reply and hands the conversation to a human', async () => {
    const site = await stack.createSite();
    const startedAt = Date.now();
    const { replies, message, conversationId } = await ask(stack, site, 'Refund please [[sim:status=401;id=r401]]');
    const end = await replies.waitForEnd(message.id, 2000);
    expect(Date.now() - startedAt).toBeLessThan(2000);

    expect(requestsWith(stack.simulator, 'id=r401')).toHaveLength(1);
    expect(end.message.flags).toContain('degraded');
    expect(end.message.text).toMatch(/member of our team/);
    await replies.waitFor(() => replies.modes.includes('waiting'), 2000);
    expect(await botRows(stack, conversationId)).toMatchObject([{ degraded: true, flags: ['degraded'] }]);
    const mode = await stack.database.pool.query('SELECT mode FROM conversations WHERE id = $1', [conversationId]);
    expect(mode.rows[0].mode).toBe('waiting');
  });

  it('withdraws a reply cut mid-stream and streams it again, storing one message', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(stack, site, 'Shipping times? [[sim:cut-after=5;times=1;id=cut1]]');
    const end = await replies.waitForEnd(message.id);

    expect(replies.resets(message.id).map((reset) => reset.reason)).toEqual(['broken-stream']);
    const requests = requestsWith(stack.simulator, 'id=cut1');
    expect(requests).toHaveLength(2);
    expect(end.message.text).toBe(simulatedReply(requests[1]!.body.messages));
    expect(replies.streamedText(message.id)).toBe(end.message.text);
    expect(await botRows(stack, conversationId)).toHaveLength(1);
  });

  it('cuts a stalled stream after the idle timeout and restarts the answer', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(
      stack,
      site,
      'Do you ship abroad? [[sim:stall-after=3;stall-ms=4000;times=1;id=stall1]]',
    );
    const end = await replies.waitForEnd(message.id, 8000);

    expect(replies.resets(message.id).map((reset) => reset.reason)).toEqual(['idle-timeout']);
    const [stalled] = requestsWith(stack.simulator, 'id=stall1');
    expect((await stack.simulator.waitForClose(stalled!.id)).outcome).toBe('aborted');
    expect(replies.streamedText(message.id)).toBe(end.message.text);
    expect(await botRows(stack, conversationId)).toMatchObject([{ degraded: false }]);
  });

  it('degrades when every attempt stalls, after the retries run out', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(
      stack,
      site,
      'Still there? [[sim:stall-after=2;stall-ms=4000;id=stallall]]',
    );
    const end = await replies.waitForEnd(message.id, 12_000);

    expect(requestsWith(stack.simulator, 'id=stallall')).toHaveLength(4);
    expect(replies.resets(message.id).map((reset) => reset.reason)).toEqual(['idle-timeout', 'idle-timeout', 'idle-timeout']);
    expect(end.message.flags).toEqual(['degraded']);
    await replies.waitFor(() => replies.modes.includes('waiting'), 2000);
    expect(await botRows(stack, conversationId)).toMatchObject([{ degraded: true }]);
  });

  it('waits through 5 s of keep-alives (idle timeout 1.5 s) and then streams', async () => {
    const site = await stack.createSite();
    const startedAt = Date.now();
    const { replies, message } = await ask(stack, site, 'Are you busy? [[sim:keepalive=5000;id=ka1]]');
    const end = await replies.waitForEnd(message.id, 10_000);

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(5000);
    expect(requestsWith(stack.simulator, 'id=ka1')).toHaveLength(1);
    expect(replies.resets(message.id)).toEqual([]);
    expect(end.message.flags).not.toContain('degraded');
  });
});

describe('failover to a backup endpoint', () => {
  let backup: RunningSimulator;
  let stack: TestStack;
  beforeAll(async () => {
    backup = await startSimulator({ firstTokenDelayMs: 5, tokensPerSecond: 2000 });
    stack = new TestStack({
      label: 'llm_failover',
      simulator: { fault: 'status=503' },
      env: {
        ...FAST_LLM_ENV,
        DEEPSEEK_FALLBACK_ENDPOINTS: JSON.stringify([{ name: 'backup', baseUrl: backup.url, apiKey: 'sk-simulator' }]),
      },
    });
    await stack.start();
  });
  afterAll(async () => {
    await stack?.close();
    await backup?.close();
  });

  it('moves to the second endpoint on a 503 and streams from it', async () => {
    const site = await stack.createSite();
    const { replies, message, conversationId } = await ask(stack, site, 'Is anyone there? failover-1');
    const end = await replies.waitForEnd(message.id);

    expect(requestsWith(stack.simulator, 'failover-1').map((request) => request.status)).toEqual([503]);
    const [answered] = requestsWith(backup, 'failover-1');
    expect(end.message.text).toBe(simulatedReply(answered!.body.messages));
    expect(replies.resets(message.id)).toEqual([]);
    expect(await botRows(stack, conversationId)).toMatchObject([{ endpoint: 'backup', degraded: false }]);
    expect(await counterValue(stack.app.metrics.llmFailovers, { from: 'deepseek', to: 'backup' })).toBe(1);
  });
});
