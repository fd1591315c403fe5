import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyAttempt } from '../../../src/bot/reply.service.js';
import { REPLY_QUEUE } from '../../../src/contracts/jobs.js';
import { ReplyWorker } from '../../../src/jobs/reply-worker.js';
import { deleteRedisKeys, REDIS_URL, uniqueNamespace } from '../../support/test-env.js';

describe('reply worker', () => {
  const { redisPrefix } = uniqueNamespace('reply_worker');
  const handled: ReplyAttempt[] = [];
  let connection: Redis;
  let worker: ReplyWorker;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(REPLY_QUEUE, { connection, prefix: `${redisPrefix}:bull` });
    events = new QueueEvents(REPLY_QUEUE, { connection: { url: REDIS_URL }, prefix: `${redisPrefix}:bull` });
    await events.waitUntilReady();
    worker = new ReplyWorker(async (attempt) => void handled.push(attempt), {
      connection,
      prefix: redisPrefix,
      concurrency: 2,
      logger: pino({ level: 'silent' }),
    });
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker?.close();
    await events?.close();
    await queue?.close();
    connection?.disconnect();
    await deleteRedisKeys(redisPrefix);
  });

  it('fails a job whose payload breaks its schema at once, not after every attempt', async () => {
    const job = await queue.add(
      'reply',
      { conversationId: 'not-a-uuid' },
      { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
    );
    await expect(job.waitUntilFinished(events, 5000)).rejects.toThrow(/invalid reply job payload/);
    const failed = await queue.getJob(job.id!);
    expect(failed!.attemptsMade).toBe(1);
    expect(await failed!.getState()).toBe('failed');
    expect(handled.some((attempt) => attempt.job.conversationId === 'not-a-uuid')).toBe(false);
  });

  it('hands a valid payload to the handler with its attempt number', async () => {
    const data = {
      conversationId: '00000000-0000-4000-8000-000000000001',
      messageId: '00000000-0000-4000-8000-000000000002',
      messageSeq: 1,
      siteId: '00000000-0000-4000-8000-000000000003',
      enqueuedAt: Date.now(),
    };
    const job = await queue.add('reply', data, { attempts: 3 });
    await job.waitUntilFinished(events, 5000);
    expect(handled.find((attempt) => attempt.job.messageId === data.messageId)).toMatchObject({
      job: data,
      attempt: 1,
      final: false,
    });
  });
});
