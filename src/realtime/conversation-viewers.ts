import type { Redis } from 'ioredis';
import type { AgentRef } from '../contracts/payloads.js';

/** One agent socket watching one conversation. */
export interface Viewer {
  conversationId: string;
  socketId: string;
  agent: AgentRef;
}

/**
 * "Who is viewing" per conversation, in Redis so every gateway answers the same: a zset per
 * conversation of watching sockets with an expiry (score = ms), refreshed by the gateway holding the
 * socket. A gateway that dies leaves entries that run out after the TTL. Keys
 * `<prefix>:{viewers}:<conversation>`: the hash tag keeps them in one slot on a Redis Cluster, where the
 * heartbeat's pipeline over many conversations could not span slots.
 */
export class ConversationViewers {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async add(viewer: Viewer): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.key(viewer.conversationId), Date.now() + this.ttlMs, member(viewer))
      .pexpire(this.key(viewer.conversationId), this.ttlMs * 2)
      .exec();
  }

  async remove(viewer: Viewer): Promise<void> {
    await this.redis.zrem(this.key(viewer.conversationId), member(viewer));
  }

  /** Refreshes entries that still exist (an unwatch in between is not undone). */
  async touchAll(viewers: readonly Viewer[]): Promise<void> {
    if (viewers.length === 0) return;
    const expiry = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const viewer of viewers) {
      pipeline.zadd(this.key(viewer.conversationId), 'XX', expiry, member(viewer));
      pipeline.pexpire(this.key(viewer.conversationId), this.ttlMs * 2);
    }
    await pipeline.exec();
  }

  /** The agents watching, each once however many tabs they have open, by name. */
  async list(conversationId: string): Promise<AgentRef[]> {
    const key = this.key(conversationId);
    const results = (await this.redis.multi().zremrangebyscore(key, '-inf', Date.now()).zrange(key, 0, -1).exec())! as Array<
      [Error | null, unknown]
    >;
    const members = results[1]![1] as string[];
    const agents = new Map<string, AgentRef>();
    for (const entry of members) {
      const [, id, name] = JSON.parse(entry) as [string, string, string];
      agents.set(id, { id, name });
    }
    return [...agents.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  private key(conversationId: string): string {
    return `${this.prefix}:{viewers}:${conversationId}`;
  }
}

function member(viewer: Viewer): string {
  return JSON.stringify([viewer.socketId, viewer.agent.id, viewer.agent.name]);
}
