import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../errors/app-error.js';
import { assertRedisUp } from '../rate-limiter.js';

/** Abuse limits at the widget handshake; each documented in the README's settings table. */
export interface ConnectionLimits {
  /** Open widget sockets from one IP address, per gateway process. */
  connectionsPerIp: number;
  /** Handshakes from one IP address per minute, across every gateway (Redis). */
  handshakesPerIpPerMinute: number;
  /** New conversations one IP address may start per window, across every gateway (Redis). */
  newConversationsPerIp: number;
  newConversationWindowSeconds: number;
  /** Open sockets of one visitor (tabs), per gateway process; the oldest is closed past it. */
  socketsPerVisitor: number;
}

interface Closable {
  id: string;
  disconnect(close?: boolean): unknown;
}

/**
 * Keeps one address or one visitor from holding a gateway's sockets or filling the database with
 * conversations. Budgets that must hold across gateways live in Redis; open-socket counts are this
 * process's own (a socket lives on one gateway, and a crashed gateway must not leave counts behind).
 */
export class ConnectionGuard {
  private readonly openPerIp = new Map<string, number>();
  private readonly visitorSockets = new Map<string, Closable[]>();
  private readonly handshakes: RateLimiterRedis;
  private readonly conversations: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    private readonly limits: ConnectionLimits,
  ) {
    this.handshakes = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:handshake-ip`,
      points: limits.handshakesPerIpPerMinute,
      duration: 60,
    });
    this.conversations = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:new-conversation-ip`,
      points: limits.newConversationsPerIp,
      duration: limits.newConversationWindowSeconds,
    });
  }

  /**
   * Admits a handshake from `ip` or throws `RATE_LIMITED`; call the returned function when the socket
   * ends. Loopback is not limited: behind a proxy on the same host (without `TRUST_PROXY_HOPS`) every
   * visitor would share one budget and new visitors would be locked out.
   */
  async admit(ip: string): Promise<() => void> {
    if (isLoopback(ip)) return () => undefined;
    const open = this.openPerIp.get(ip) ?? 0;
    if (open >= this.limits.connectionsPerIp) {
      throw new AppError('RATE_LIMITED', 'Too many open chats from this network.', { retryAfterMs: 30_000 });
    }
    assertRedisUp(this.redis);
    await spend(this.handshakes, ip, 'Too many connections from this network; wait a moment.');
    this.openPerIp.set(ip, (this.openPerIp.get(ip) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.openPerIp.get(ip) ?? 1) - 1;
      if (left > 0) this.openPerIp.set(ip, left);
      else this.openPerIp.delete(ip);
    };
  }

  /** Spends one new conversation from `ip`'s budget or throws `RATE_LIMITED`. */
  async admitNewConversation(ip: string): Promise<void> {
    if (isLoopback(ip)) return;
    assertRedisUp(this.redis);
    await spend(this.conversations, ip, 'Too many new conversations from this network; try again later.');
  }

  /** A visitor's new socket; past the limit their oldest socket here is closed. Returns the untrack function. */
  trackVisitor(visitorId: string, socket: Closable): () => void {
    const sockets = this.visitorSockets.get(visitorId) ?? [];
    sockets.push(socket);
    this.visitorSockets.set(visitorId, sockets);
    while (sockets.length > this.limits.socketsPerVisitor) sockets.shift()!.disconnect(true);
    return () => {
      const index = sockets.indexOf(socket);
      if (index >= 0) sockets.splice(index, 1);
      if (sockets.length === 0 && this.visitorSockets.get(visitorId) === sockets) this.visitorSockets.delete(visitorId);
    };
  }
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

async function spend(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new AppError('RATE_LIMITED', message, { retryAfterMs: Math.max(1, error.msBeforeNext) });
    }
    throw error;
  }
}

/**
 * The client's address: the TCP peer, or with `trustedHops` proxies in front (load balancers that
 * append to `X-Forwarded-For`), the address the outermost trusted one saw.
 */
export function clientAddress(
  handshake: { address: string; headers: Record<string, string | string[] | undefined> },
  trustedHops: number,
): string {
  if (trustedHops <= 0) return handshake.address;
  const header = handshake.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return hops[hops.length - trustedHops] ?? hops[0] ?? handshake.address;
}
