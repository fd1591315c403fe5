import { z } from 'zod';

/** How to reach a Redis Cluster: its seed nodes and the credentials every node shares. */
export interface RedisClusterConfig {
  /** Seed nodes; the client learns the rest of the topology from them (`CLUSTER SLOTS`). */
  nodes: Array<{ host: string; port: number }>;
  username: string | undefined;
  password: string | undefined;
  /** `rediss://` seeds: TLS to every node. */
  tls: boolean;
}

/** Seeds beyond this are refused: a client needs a few to find the cluster, not every node. */
const MAX_SEED_NODES = 50;

/**
 * `REDIS_CLUSTER_NODES`: comma-separated seeds, each `host:port` or `redis[s]://[user:password@]host:port`.
 * Credentials and TLS are the cluster's, so every seed that names them must name the same ones.
 */
export const redisClusterNodesSchema = z.string().transform((text, context): RedisClusterConfig | typeof z.NEVER => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || entries.length > MAX_SEED_NODES) {
    context.addIssue({ code: 'custom', message: `1 to ${MAX_SEED_NODES} comma-separated host:port seeds` });
    return z.NEVER;
  }
  const seeds: Array<{ host: string; port: number; username: string; password: string; tls: boolean }> = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(entry) ? entry : `redis://${entry}`);
    } catch {
      context.addIssue({ code: 'custom', message: `"${entry}" is not host:port or a redis:// URL` });
      return z.NEVER;
    }
    const port = Number(url.port);
    if (!['redis:', 'rediss:'].includes(url.protocol) || !url.hostname || !Number.isInteger(port) || port < 1) {
      context.addIssue({ code: 'custom', message: `"${entry}" needs a redis:// or rediss:// host and an explicit port` });
      return z.NEVER;
    }
    seeds.push({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      tls: url.protocol === 'rediss:',
    });
  }
  const first = seeds[0]!;
  if (seeds.some((seed) => seed.tls !== first.tls || seed.username !== first.username || seed.password !== first.password)) {
    context.addIssue({ code: 'custom', message: 'every seed must use the same scheme and credentials' });
    return z.NEVER;
  }
  return {
    nodes: seeds.map(({ host, port }) => ({ host, port })),
    username: first.username || undefined,
    password: first.password || undefined,
    tls: first.tls,
  };
});

/**
 * BullMQ's keys on a cluster: every queue command is a Lua script over many keys of one queue, so they
 * must share one hash slot. `{<prefix>}` does that (the braces are the hash tag); on a single Redis the
 * prefix stays as it was, so an upgrade keeps the queued jobs.
 */
export function queuePrefix(prefix: string, cluster: RedisClusterConfig | undefined): string {
  return cluster ? `{${prefix}}` : prefix;
}
