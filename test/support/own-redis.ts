import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free TCP port on loopback, as the OS hands it out. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A Redis server of the test's own on a free port (never the shared one), for tests that stop it.
 * Keeps nothing on disk, unless `stop({ keepData: true })` saves a snapshot (in a directory of its own)
 * for the next `start()` to load.
 */
export class OwnRedis {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'own-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    mkdirSync(this.dir, { recursive: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return this;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  /** Connected clients other than the one asking. */
  async otherClients(): Promise<number> {
    const redis = new Redis(this.url);
    try {
      const list = (await redis.client('LIST')) as string;
      return list.trim().split('\n').length - 1;
    } finally {
      redis.disconnect();
    }
  }

  /** Kills the server; with `keepData`, after a snapshot the next start loads (a restart with its data). */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    if (options.keepData) {
      const redis = new Redis(this.url);
      try {
        await redis.save();
      } finally {
        redis.disconnect();
      }
    }
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    if (!options.keepData) rmSync(this.dir, { recursive: true, force: true });
  }
}
