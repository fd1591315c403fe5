import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { startServiceProcess, type ServiceProcess } from '../../support/child-process.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';

describe('gateway and worker in separate processes', () => {
  const stack = new TestStack({
    label: 'procs',
    startApp: false,
    // Slow enough that a worker can be killed mid-reply.
    simulator: { firstTokenDelayMs: 20, tokensPerSecond: 40, replyTokens: 40 },
  });
  const processes: ServiceProcess[] = [];
  let gateway: ServiceProcess;

  beforeAll(async () => {
    await stack.start();
    gateway = await startServiceProcess({ ...stack.env, ROLE: 'gateway' });
    processes.push(gateway, await startServiceProcess({ ...stack.env, ROLE: 'worker', WORKER_LOCK_DURATION_MS: '1000' }));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.map((service) => service.kill()));
    await stack.close();
  });

  it('streams the reply through the Redis bus, not process memory', async () => {
    const site = await stack.createSite();
    const { socket } = await stack.connectWidget(site, { url: gateway.url });
    const replies = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'two processes?' });
    if (!ack.ok) throw new Error(ack.error.message);
    const end = await replies.waitForEnd(ack.message.id);
    const request = stack.simulator.requests.find((candidate) => JSON.stringify(candidate.body).includes('two processes?'))!;
    expect(replies.streamedText(ack.message.id)).toBe(simulatedReply(request.body.messages, 40));
    expect(end.message.text).toBe(simulatedReply(request.body.messages, 40));
  });

  it('recovers a reply whose worker was killed mid-stream: reset, then one complete stored reply', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site, { url: gateway.url });
    const replies = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'crash test' });
    if (!ack.ok) throw new Error(ack.error.message);
    await replies.waitFor(() => replies.deltas(ack.message.id).length >= 3);

    await processes[1]!.kill();
    processes.push(await startServiceProcess({ ...stack.env, ROLE: 'worker', WORKER_LOCK_DURATION_MS: '1000' }));

    const end = await replies.waitForEnd(ack.message.id, 20_000);
    expect(replies.resets(ack.message.id).length).toBeGreaterThanOrEqual(1);
    expect(replies.streamedText(ack.message.id)).toBe(end.message.text);
    const stored = await stack.database.pool.query(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND role = 'bot'",
      [session.conversation.id],
    );
    expect(stored.rows[0].n).toBe(1);
  }, 40_000);

  it('shuts down cleanly on SIGTERM', async () => {
    const extraWorker = await startServiceProcess({ ...stack.env, ROLE: 'worker' });
    expect(await extraWorker.stop()).toBe(0);
  }, 30_000);
});
