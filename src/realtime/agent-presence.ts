import type { Redis } from 'ioredis';
import type { AgentPresence, AgentPresenceStatus } from '../contracts/agent-events.js';

/** Who a presence entry is about. */
export interface PresenceAgent {
  id: string;
  name: string;
  siteIds: readonly string[];
}

// Removes one socket of an agent; when none is left alive the agent is offline and forgotten.
const LEAVE_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('DEL', KEYS[3])
  return 'offline'
end
return redis.call('HGET', KEYS[3], 'status') or 'online'`;

/**
 * Agent presence in Redis, shared by every gateway. Each agent socket is an entry with an expiry
 * (score = ms), refreshed by the gateway holding it; an agent is online (or away, as they set it)
 * while any socket of theirs is alive, and offline once the last one left or stopped being refreshed
 * (a gateway that died: its entries simply run out).
 *
 * Keys: `<prefix>:{presence}:agents` (zset agent id -> expiry), `<prefix>:{presence}:sockets:<agent>`
 * (zset socket id -> expiry), `<prefix>:{presence}:agent:<agent>` (hash name, status, sites). The
 * `{presence}` hash tag keeps them in one slot on a Redis Cluster: the MULTI, the pipelines and the
 * leave script each touch several of them.
 */
export class AgentPresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /**
   * Records that the socket is alive for another TTL; returns the agent's status and whether they were
   * offline before (so the caller tells colleagues they came online).
   */
  async touch(agent: PresenceAgent, socketId: string): Promise<{ status: AgentPresenceStatus; cameOnline: boolean }> {
    const now = Date.now();
    const expiry = now + this.ttlMs;
    const results = (await this.redis
      .multi()
      .zscore(this.agentsKey(), agent.id)
      .zadd(this.socketsKey(agent.id), expiry, socketId)
      .zadd(this.agentsKey(), expiry, agent.id)
      .hset(this.agentKey(agent.id), 'name', agent.name, 'sites', agent.siteIds.join(','))
      .hsetnx(this.agentKey(agent.id), 'status', 'online')
      .hget(this.agentKey(agent.id), 'status')
      .pexpire(this.agentKey(agent.id), this.ttlMs * 2)
      .pexpire(this.socketsKey(agent.id), this.ttlMs * 2)
      .exec())! as Array<[Error | null, unknown]>;
    const alive = results[0]![1] as string | null;
    const status = results[5]![1] as AgentPresenceStatus | null;
    const wasAlive = alive !== null && Number(alive) > now;
    return { status: status ?? 'online', cameOnline: !wasAlive };
  }

  /** Refreshes many sockets at once (a gateway's periodic heartbeat). */
  async touchAll(entries: ReadonlyArray<{ agent: PresenceAgent; socketId: string }>): Promise<void> {
    if (entries.length === 0) return;
    const expiry = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const { agent, socketId } of entries) {
      pipeline
        .zadd(this.socketsKey(agent.id), expiry, socketId)
        .zadd(this.agentsKey(), expiry, agent.id)
        .hset(this.agentKey(agent.id), 'name', agent.name, 'sites', agent.siteIds.join(','))
        .pexpire(this.agentKey(agent.id), this.ttlMs * 2)
        .pexpire(this.socketsKey(agent.id), this.ttlMs * 2);
    }
    await pipeline.exec();
  }

  async setStatus(agentId: string, status: 'online' | 'away'): Promise<void> {
    await this.redis.hset(this.agentKey(agentId), 'status', status);
  }

  /** The socket is gone; returns the agent's status afterwards (`offline` when it was their last). */
  async leave(agentId: string, socketId: string): Promise<AgentPresenceStatus> {
    const status = await this.redis.eval(
      LEAVE_SCRIPT,
      3,
      this.socketsKey(agentId),
      this.agentsKey(),
      this.agentKey(agentId),
      socketId,
      String(Date.now()),
      agentId,
    );
    return status as AgentPresenceStatus;
  }

  /** Every agent online or away, optionally only those of the given sites. */
  async list(siteIds?: readonly string[]): Promise<AgentPresence[]> {
    const ids = await this.redis.zrangebyscore(this.agentsKey(), Date.now(), '+inf');
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.agentKey(id), 'name', 'status', 'sites');
    const results = (await pipeline.exec())!;
    const wanted = siteIds && new Set(siteIds);
    const presences: AgentPresence[] = [];
    ids.forEach((id, index) => {
      const [name, status, sites] = results[index]![1] as Array<string | null>;
      if (name === null || name === undefined) return;
      if (wanted && !(sites ?? '').split(',').some((site) => wanted.has(site))) return;
      presences.push({ id, name, status: status === 'away' ? 'away' : 'online' });
    });
    return presences.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  private agentsKey(): string {
    return `${this.prefix}:{presence}:agents`;
  }
  private socketsKey(agentId: string): string {
    return `${this.prefix}:{presence}:sockets:${agentId}`;
  }
  private agentKey(agentId: string): string {
    return `${this.prefix}:{presence}:agent:${agentId}`;
  }
}
