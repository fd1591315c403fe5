import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';
import { assertRedisUp, spendOrRefuse } from './rate-limiter.js';

/** Abuse limits at one namespace's handshake (`/widget`, `/agent`); each documented in docs/reliability.md. */
export interface ConnectionLimits {
  /** Names the Redis budget (`<prefix>:rl:<scope>-handshake-ip`), so namespaces never share one. */
  scope: string;
  /** Open sockets from one IP address, per gateway process. */
  connectionsPerIp: number;
  /** Handshakes from one IP address per minute, across every gateway (Redis). */
  handshakesPerIpPerMinute: number;
  /** Open sockets of one owner (a visitor's or an agent's tabs), per gateway process; the oldest is closed past it. */
  socketsPerOwner: number;
}

interface Closable {
  id: string;
  disconnect(close?: boolean): unknown;
}

/** What {@link ConnectionGuard.admitSocket} needs of a server socket: its end, or its connection's. */
interface EndingSocket {
  once(event: 'disconnect', listener: () => void): unknown;
  conn: { once(event: 'close', listener: () => void): unknown };
}

/**
 * Keeps one address or one owner from holding a gateway's sockets. The handshake budget must hold
 * across gateways and lives in Redis; open-socket counts are this process's own (a socket lives on
 * one gateway, and a crashed gateway must not leave counts behind).
 */
export class ConnectionGuard {
  private readonly openPerIp = new Map<string, number>();
  private readonly ownerSockets = new Map<string, Closable[]>();
  private readonly handshakes: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    private readonly limits: ConnectionLimits,
  ) {
    this.handshakes = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rl:${limits.scope}-handshake-ip`,
      points: limits.handshakesPerIpPerMinute,
      duration: 60,
    });
  }

  /**
   * Admits a handshake from `ip` or throws `RATE_LIMITED`; call the returned function when the socket
   * ends. Loopback is not limited: behind a proxy on the same host (without `TRUST_PROXY_HOPS`) every
   * client would share one budget and new ones would be locked out.
   */
  async admit(ip: string): Promise<() => void> {
    if (isLoopback(ip)) return () => undefined;
    const open = this.openPerIp.get(ip) ?? 0;
    if (open >= this.limits.connectionsPerIp) {
      throw new AppError('RATE_LIMITED', 'Too many open connections from this network.', { retryAfterMs: 30_000 });
    }
    assertRedisUp(this.redis);
    await spendOrRefuse(this.handshakes, ip, 'Too many connections from this network; wait a moment.');
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

  /**
   * {@link admit} for a namespace middleware: the slot is freed when the socket ends, or when its
   * connection goes before the socket ever connected. Call the returned function on a refusal later in
   * the handshake (it is idempotent).
   */
  async admitSocket(ip: string, socket: EndingSocket): Promise<() => void> {
    const release = await this.admit(ip);
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    return release;
  }

  /** An owner's new socket; past the limit their oldest socket here is closed. Returns the untrack function. */
  trackOwner(ownerId: string, socket: Closable): () => void {
    const sockets = this.ownerSockets.get(ownerId) ?? [];
    sockets.push(socket);
    this.ownerSockets.set(ownerId, sockets);
    while (sockets.length > this.limits.socketsPerOwner) sockets.shift()!.disconnect(true);
    return () => {
      const index = sockets.indexOf(socket);
      if (index >= 0) sockets.splice(index, 1);
      if (sockets.length === 0 && this.ownerSockets.get(ownerId) === sockets) this.ownerSockets.delete(ownerId);
    };
  }
}

/** Loopback peers are never limited by address (a proxy on the same host would lock everyone out together). */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
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
