import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_QUEUE, replyJobId, type ReplyJob } from '../../../src/contracts/jobs.js';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { REDIS_URL } from '../../support/test-env.js';

/**
 * A worker that stored the reply and died before publishing `reply:end` leaves a job that BullMQ runs
 * again. That run finds the message answered; it must still tell the room, or a visitor who stayed
 * connected never sees the end of the reply. Running the same job a second time reproduces it.
 */
describe('a reply job that finds the work already done', () => {
  const stack = new TestStack({ label: 'converge' });
  let queue: Queue<ReplyJob>;

  beforeAll(async () => {
    await stack.start();
    queue = new Queue<ReplyJob>(REPLY_QUEUE, { connection: { url: REDIS_URL }, prefix: `${stack.namespace.redisPrefix}:bull` });
  });
  afterAll(async () => {
    await queue.close();
    await stack.close();
  });

  it('publishes reply:end with the stored message again, and stores nothing new', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);
    const ack = await socket.emitWithAck('message:send', { clientMessageId: randomUUID(), text: 'answered twice?' });
    if (!ack.ok) throw new Error(ack.error.message);
    const first = await replies.waitForEnd(ack.message.id);
    expect(await stack.replyJobSettled(ack.message.id)).toBe('completed');

    // The retry after a crash: the same job id, run again.
    const job = (await queue.getJob(replyJobId(ack.message.id)))!;
    await job.remove();
    await queue.add('reply', job.data, { jobId: replyJobId(ack.message.id) });
    await replies.waitFor(() => replies.events.filter((event) => event.kind === 'end').length === 2);

    const ends = replies.events.flatMap((event) => (event.kind === 'end' ? [event.payload] : []));
    expect(ends[1]!.replyTo).toBe(ack.message.id);
    expect(ends[1]!.message).toEqual(first.message);
    const stored = await stack.database.pool.query(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND role = 'bot'",
      [session.conversation.id],
    );
    expect(stored.rows[0].n).toBe(1);
    expect(stack.simulator.requests.filter((request) => JSON.stringify(request.body).includes('answered twice?'))).toHaveLength(
      1,
    );
  });
});
