import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('DATABASE_POOL_MODE', () => {
  it('defaults to session pooling without a direct URL', () => {
    expect(loadConfig({}).database).toMatchObject({ poolMode: 'session', directUrl: undefined });
  });

  it('refuses transaction pooling without a direct URL for the migrations', () => {
    expect(() => loadConfig({ DATABASE_POOL_MODE: 'transaction' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DATABASE_POOL_MODE: 'transaction' })).toThrowError(
      /DATABASE_DIRECT_URL: required when DATABASE_POOL_MODE=transaction/,
    );
  });

  it('takes transaction pooling with a direct URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@pgbouncer:6432/switchboard',
      DATABASE_POOL_MODE: 'transaction',
      DATABASE_DIRECT_URL: 'postgres://app@postgres:5432/switchboard',
    });
    expect(config.database).toMatchObject({
      url: 'postgres://app@pgbouncer:6432/switchboard',
      poolMode: 'transaction',
      directUrl: 'postgres://app@postgres:5432/switchboard',
    });
  });

  it('names an unknown mode', () => {
    expect(() => loadConfig({ DATABASE_POOL_MODE: 'statement' })).toThrowError(/DATABASE_POOL_MODE/);
  });
});
