import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './own-redis.js';

const run = promisify(execFile);

export interface OwnRedisClusterOptions {
  /** Default 3. */
  masters?: number;
  /** Replicas per master (default 0), for fail-over tests. */
  replicas?: number;
  /** `cluster-node-timeout`: how long a master may be unreachable before its replica takes over (default 1000 ms). */
  nodeTimeoutMs?: number;
}

/**
 * A Redis Cluster of the test's own: masters (and replicas if asked) on free loopback ports, keeping
 * nothing on disk, in a temporary directory that `stop()` removes with the servers.
 */
export class OwnRedisCluster {
  readonly ports: number[] = [];
  private readonly children = new Map<number, ChildProcess>();
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'own-redis-cluster-'));
  private readonly masters: number;
  private readonly replicas: number;
  private readonly nodeTimeoutMs: number;

  constructor(options: OwnRedisClusterOptions = {}) {
    this.masters = options.masters ?? 3;
    this.replicas = options.replicas ?? 0;
    this.nodeTimeoutMs = options.nodeTimeoutMs ?? 1000;
  }

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
    for (let index = 0; index < this.masters * (1 + this.replicas); index += 1) this.ports.push(await another());
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
        '--cluster-node-timeout',
        String(this.nodeTimeoutMs),
        '--cluster-config-file',
        path.join(this.dir, `nodes-${port}.conf`),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ];
      this.children.set(port, spawn('redis-server', args, { stdio: 'ignore' }));
    }
    await Promise.all(this.ports.map((port) => this.until(port, async (redis) => (await redis.ping()) === 'PONG')));
    const addresses = this.ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', String(this.replicas), '--cluster-yes'], {
      timeout: 20_000,
    });
    // Every node must see every slot covered before a client's first CLUSTER SLOTS is trusted.
    await Promise.all(
      this.ports.map((port) =>
        this.until(port, async (redis) => ((await redis.cluster('INFO')) as string).includes('cluster_state:ok')),
      ),
    );
    // A replica can take over only once it has synced with its master.
    const replicaPorts = (await this.nodeTable()).filter((node) => node.role === 'slave').map((node) => node.port);
    await Promise.all(
      replicaPorts.map((port) =>
        this.until(port, async (redis) => (await redis.info('replication')).includes('master_link_status:up')),
      ),
    );
    return this;
  }

  /** The port of the master that holds `key`'s slot. */
  async masterOf(key: string): Promise<number> {
    const slot = await this.keySlot(key);
    const owner = (await this.nodeTable()).find(
      (node) => node.role === 'master' && node.slots.some(([from, to]) => slot >= from && slot <= to),
    );
    if (!owner) throw new Error(`no master holds slot ${slot}`);
    return owner.port;
  }

  /**
   * Kills the master that holds `key`'s slot (SIGKILL) and resolves with the port of the replica that
   * took its slots over, once every node left reports the cluster healthy again.
   */
  async failOverMasterOf(key: string, timeoutMs = 20_000): Promise<{ killed: number; promoted: number }> {
    const killed = await this.masterOf(key);
    await this.kill(killed);
    const alive = this.ports.filter((port) => port !== killed);
    let promoted = 0;
    await this.until(
      alive[0]!,
      async () => {
        const owner = await this.masterOf(key).catch(() => killed);
        promoted = owner;
        return owner !== killed;
      },
      timeoutMs,
    ).catch(async (error: Error) => {
      const view = new Redis({ port: alive[0], host: '127.0.0.1', lazyConnect: true });
      try {
        await view.connect();
        throw new Error(`${error.message}; no replica took over from ${killed}:\n${(await view.cluster('NODES')) as string}`);
      } finally {
        view.disconnect();
      }
    });
    await Promise.all(
      alive.map((port) =>
        this.until(port, async (redis) => ((await redis.cluster('INFO')) as string).includes('cluster_state:ok')),
      ),
    );
    return { killed, promoted };
  }

  /** The hash slot of a key (`CLUSTER KEYSLOT`). */
  async keySlot(key: string): Promise<number> {
    const redis = new Redis({ port: this.livePort(), host: '127.0.0.1', lazyConnect: true });
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
    await Promise.all([...this.children.keys()].map((port) => this.kill(port)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A node this cluster has not killed. */
  private livePort(): number {
    const port = this.ports.find((candidate) => {
      const child = this.children.get(candidate);
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    });
    if (port === undefined) throw new Error('every node of the cluster is stopped');
    return port;
  }

  private async kill(port: number): Promise<void> {
    const child = this.children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** `CLUSTER NODES` as seen by a live node: port, role and slot ranges of every node it knows. */
  private async nodeTable(): Promise<Array<{ port: number; role: 'master' | 'slave'; slots: Array<[number, number]> }>> {
    const redis = new Redis({ port: this.livePort(), host: '127.0.0.1', lazyConnect: true });
    try {
      await redis.connect();
      const text = (await redis.cluster('NODES')) as string;
      return text
        .trim()
        .split('\n')
        .filter((line) => !line.includes('fail'))
        .map((line) => {
          const [, address, flags, , , , , , ...slots] = line.split(' ');
          return {
            port: Number(address!.split('@')[0]!.split(':')[1]),
            role: flags!.includes('master') ? ('master' as const) : ('slave' as const),
            slots: slots
              .filter((range) => !range.startsWith('['))
              .map((range) => {
                const [from, to] = range.split('-').map(Number);
                return [from!, to ?? from!] as [number, number];
              }),
          };
        });
    } finally {
      redis.disconnect();
    }
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
