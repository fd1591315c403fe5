import { Cluster, Redis, type ClusterOptions } from 'ioredis';
import type { Config } from '../config.js';

export interface RedisClientOptions {
  /**
   * Batch the commands of one tick into one write (publishers of many events). On a single Redis
   * only: a cluster client ignores it (see `duplicateRedis`).
   */
  autoPipelining?: boolean;
  /** On a cluster: one extra connection per master for SSUBSCRIBE (the sharded Socket.IO adapter). */
  shardedSubscriber?: boolean;
}

/**
 * The process's main command connection: a single Redis at `REDIS_URL`, or an ioredis `Cluster` over
 * `REDIS_CLUSTER_NODES`. Commands are retried until Redis is back (`maxRetriesPerRequest: null`, which
 * BullMQ requires); the caller connects.
 *
 * A `Cluster` has the same command API as `Redis`, which is all the repositories use, so it is handed
 * to them typed as `Redis`; this is the one place that assumption is made. Its keys must obey the
 * cluster's rules (one slot per script, MULTI or pipeline), which docs/deploy.md lists per family.
 */
export function createRedisClient(config: Config['redis']): Redis {
  if (!config.cluster) return new Redis(config.url, { maxRetriesPerRequest: null, lazyConnect: true });
  const { nodes, username, password, tls } = config.cluster;
  const options: ClusterOptions = {
    lazyConnect: true,
    redisOptions: { maxRetriesPerRequest: null, username, password, ...(tls ? { tls: {} } : {}) },
  };
  return new Cluster(nodes, options) as unknown as Redis;
}

/** Another connection to the same Redis or cluster (subscribers, publishers), with the same settings. */
export function duplicateRedis(redis: Redis, options: RedisClientOptions = {}): Redis {
  if (!redis.isCluster) return options.autoPipelining ? redis.duplicate({ enableAutoPipelining: true }) : redis.duplicate();
  const cluster = redis as unknown as Cluster;
  // No auto-pipelining on a cluster (ioredis 5.11): it batches a tick's commands per node, not per slot.
  // After a master's fail-over such a batch (a room's /widget and /agent SPUBLISH, two slots of one
  // master) is sent on the stale slot map and answered MOVED with two different slots, which the
  // pipeline neither retries nor refreshes the slots for: every room event of that master failed until
  // something else refreshed them. One command at a time follows MOVED and refreshes
  // (redis-cluster-failover.test.ts).
  return cluster.duplicate([], {
    enableAutoPipelining: false,
    shardedSubscribers: options.shardedSubscriber ?? false,
  }) as unknown as Redis;
}
