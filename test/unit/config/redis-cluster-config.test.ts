import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('REDIS_CLUSTER_NODES', () => {
  it('is off by default: a single Redis at REDIS_URL, queue keys under the plain prefix', () => {
    const { redis } = loadConfig({ REDIS_PREFIX: 'shop' });
    expect(redis.cluster).toBeUndefined();
    expect(redis.queuePrefix).toBe('shop');
  });

  it('takes host:port seeds and hash-tags the queue prefix', () => {
    const { redis } = loadConfig({ REDIS_CLUSTER_NODES: ' 10.0.0.1:7000, redis-2:7001,[::1]:7002 ', REDIS_PREFIX: 'shop' });
    expect(redis.cluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      username: undefined,
      password: undefined,
      tls: false,
    });
    expect(redis.queuePrefix).toBe('{shop}');
    expect(redis.prefix).toBe('shop');
  });

  it('takes credentials and TLS from redis[s]:// seeds', () => {
    const { redis } = loadConfig({
      REDIS_CLUSTER_NODES: 'rediss://app:s%40cret@node-1:6379,rediss://app:s%40cret@node-2:6379',
    });
    expect(redis.cluster).toMatchObject({ username: 'app', password: 's@cret', tls: true });
  });

  it.each([
    ['no port', 'node-1'],
    ['another scheme', 'http://node-1:6379'],
    ['an empty list', ' , '],
    ['seeds that disagree on credentials', 'redis://a:x@n1:6379,redis://a:y@n2:6379'],
    ['seeds that disagree on TLS', 'rediss://n1:6379,n2:6379'],
  ])('refuses %s, naming the variable', (_case, value) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrowError(/REDIS_CLUSTER_NODES/);
  });
});
