import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { OwnRedis, freePort } from '../../support/own-redis.js';
import { TcpProxy } from '../../support/tcp-proxy.js';
import { TestStack } from '../../support/test-app.js';
import { deleteRedisKeys } from '../../support/test-env.js';

async function readyz(url: string) {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('start-up and readiness', () => {
  const stack = new TestStack({ label: 'startup', startApp: false });
  const redis = new OwnRedis();
  beforeAll(async () => {
    await stack.start();
    await redis.start();
  });
  afterAll(async () => {
    await redis.stop();
    await stack.close();
  });

  it('closes everything it opened when start-up fails half-way (the port is taken)', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const config = loadConfig({ ...stack.env, PORT: String(port), REDIS_URL: redis.url });
      await expect(createApp(config)).rejects.toThrow(/EADDRINUSE/);
      // Queue, worker, adapter and signal connections were all open by then; none may be left.
      expect(
        await until(
          () => redis.otherClients(),
          (count) => count === 0,
        ),
      ).toBe(0);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('answers 503 naming Redis when Redis stops answering, and 200 again once it is back', async () => {
    const app = await createApp(loadConfig({ ...stack.env, REDIS_URL: redis.url }));
    try {
      expect(await readyz(app.url)).toEqual({ status: 200, body: { status: 'ready' } });
      await redis.stop();
      const down = await readyz(app.url);
      expect(down.status).toBe(503);
      expect(down.body.reason).toMatch(/^redis: /);
      await redis.start();
      expect(
        (
          await until(
            () => readyz(app.url),
            (answer) => answer.status === 200,
          )
        ).status,
      ).toBe(200);
    } finally {
      await app.close();
      await deleteRedisKeys(stack.namespace.redisPrefix);
    }
  });

  it('answers 503 naming Postgres when Postgres refuses connections', async () => {
    const proxy = await new TcpProxy({ host: '127.0.0.1', port: 5432 }).start();
    const databaseUrl = new URL(stack.env.DATABASE_URL!);
    databaseUrl.port = String(proxy.port);
    const app = await createApp(loadConfig({ ...stack.env, DATABASE_URL: databaseUrl.toString() }));
    try {
      expect((await readyz(app.url)).status).toBe(200);
      await proxy.cut();
      const down = await readyz(app.url);
      expect(down.status).toBe(503);
      expect(down.body.reason).toMatch(/postgres: /);
      expect(down.body.reason).not.toMatch(/redis: /);
    } finally {
      await app.close();
    }
  });
});
