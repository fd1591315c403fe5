import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './own-redis.js';

const run = promisify(execFile);

/**
 * A Redis Cluster of the test's own: `size` masters (no replicas) on free loopback ports, keeping
 * nothing on disk, in a temporary directory that `stop()` removes with the servers.
 */
export class OwnRedisCluster {
  readonly ports: number[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'own-redis-cluster-'));

  constructor(private readonly size = 3) {}

  /** The seed list `REDIS_CLUSTER_NODES` takes. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  async start(): Promise<this> {
    const taken = new Set<number>();
    // Ports are released before the servers bind them: never hand the same one out twice.
    const another = async (): Promise<number> => {
      for (;;) {
        const port = await freePort();
        if (taken.has(port)) continue;
        taken.add(port);
        return port;
      }
    };
    for (let index = 0; index < this.size; index += 1) this.ports.push(await another());
    for (const port of this.ports) {
      const args = [
        '--port',
        String(port),
        // The bus defaults to port + 10000, which may be taken or past 65535: a free port of its own.
        '--cluster-port',
        String(await another()),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(this.dir, `nodes-${port}.conf`),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ];
      this.children.push(spawn('redis-server', args, { stdio: 'ignore' }));
    }
    await Promise.all(this.ports.map((port) => this.until(port, async (redis) => (await redis.ping()) === 'PONG')));
    const addresses = this.ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 20_000,
    });
    // Every node must see every slot covered before a client's first CLUSTER SLOTS is trusted.
    await Promise.all(
      this.ports.map((port) =>
        this.until(port, async (redis) => ((await redis.cluster('INFO')) as string).includes('cluster_state:ok')),
      ),
    );
    return this;
  }

  /** The hash slot of a key (`CLUSTER KEYSLOT`). */
  async keySlot(key: string): Promise<number> {
    const redis = new Redis({ port: this.ports[0], host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      return (await redis.cluster('KEYSLOT', key)) as number;
    } finally {
      redis.disconnect();
    }
  }

  /** Every key matching `pattern` on each master, by port. */
  async keysByNode(pattern: string): Promise<Map<number, string[]>> {
    const found = new Map<number, string[]>();
    for (const port of this.ports) {
      const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
      try {
        await redis.connect();
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          keys.push(...batch);
        } while (cursor !== '0');
        if (keys.length > 0) found.set(port, keys);
      } finally {
        redis.disconnect();
      }
    }
    return found;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async until(port: number, check: (redis: Redis) => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      redis.on('error', () => undefined);
      try {
        await redis.connect();
        if (await check(redis)) return;
      } catch {
        // not up yet
      } finally {
        redis.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`redis cluster node ${port} not ready after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
