import { describe, expect, it } from 'vitest';
import { agentPasswordFromEnv, loadConfig } from '../../../src/config.js';

const productionBase = {
  NODE_ENV: 'production',
  VISITOR_TOKEN_SECRET: 'a-visitor-secret-of-some-length-0123',
  WEBHOOK_SECRET_KEY: 'a-webhook-secret-key-of-32-or-more-characters',
};

describe('agent settings', () => {
  it('defaults: one-hour sessions, 10 failed logins per account and 100 per IP a minute, a dev secret', () => {
    const config = loadConfig({});
    expect(config.agents).toMatchObject({
      sessionTtlMinutes: 60,
      loginPerAccountPerMinute: 10,
      loginPerIpPerMinute: 100,
      sessionSecretIsDefault: true,
    });
    expect(config.agents.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('requires a session secret of 32 characters or more in production', () => {
    expect(() => loadConfig(productionBase)).toThrowError(/AGENT_SESSION_SECRET/);
    expect(() => loadConfig({ ...productionBase, AGENT_SESSION_SECRET: 'too-short' })).toThrowError(/AGENT_SESSION_SECRET/);
    const config = loadConfig({ ...productionBase, AGENT_SESSION_SECRET: 'x'.repeat(32) });
    expect(config.agents).toMatchObject({ sessionSecret: 'x'.repeat(32), sessionSecretIsDefault: false });
  });

  it('reads the TTL and login limits', () => {
    const config = loadConfig({
      AGENT_SESSION_TTL_MINUTES: '15',
      LOGIN_RATE_LIMIT_PER_MINUTE: '5',
      LOGIN_IP_RATE_LIMIT_PER_MINUTE: '50',
    });
    expect(config.agents).toMatchObject({ sessionTtlMinutes: 15, loginPerAccountPerMinute: 5, loginPerIpPerMinute: 50 });
    expect(() => loadConfig({ AGENT_SESSION_TTL_MINUTES: '0' })).toThrowError(/AGENT_SESSION_TTL_MINUTES/);
  });

  it('keeps the CLI password out of the config', () => {
    expect(agentPasswordFromEnv({ AGENT_PASSWORD: 'pw-from-env' })).toBe('pw-from-env');
    expect(agentPasswordFromEnv({ AGENT_PASSWORD: '' })).toBeUndefined();
    expect(JSON.stringify(loadConfig({ AGENT_PASSWORD: 'pw-from-env' }))).not.toContain('pw-from-env');
  });
});
