import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

const SECRETS = {
  NODE_ENV: 'production',
  VISITOR_TOKEN_SECRET: 'v'.repeat(40),
  AGENT_SESSION_SECRET: 'a'.repeat(40),
  ADMIN_API_TOKEN: 't'.repeat(40),
  WEBHOOK_SECRET_KEY: 'w'.repeat(40),
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('production settings', () => {
  it('refuses the compose file placeholders, naming every one', () => {
    const message = problemsOf({
      NODE_ENV: 'production',
      VISITOR_TOKEN_SECRET: 'change-me-to-a-long-random-secret',
      ADMIN_API_TOKEN: 'change-me-admin-token',
      AGENT_SESSION_SECRET: 'change-me-to-a-random-secret-of-32-or-more-characters',
    });
    expect(message).toContain('VISITOR_TOKEN_SECRET: still the placeholder');
    expect(message).toContain('ADMIN_API_TOKEN: still the placeholder');
    expect(message).toContain('AGENT_SESSION_SECRET: still the placeholder');
  });

  it('refuses a short secret and a missing one', () => {
    const message = problemsOf({ NODE_ENV: 'production', VISITOR_TOKEN_SECRET: 'x'.repeat(20), METRICS_TOKEN: 'm'.repeat(20) });
    expect(message).toContain('VISITOR_TOKEN_SECRET: at least 32 characters');
    expect(message).toContain('METRICS_TOKEN: at least 32 characters');
    expect(message).toContain('AGENT_SESSION_SECRET: required');
    expect(message).toContain('WEBHOOK_SECRET_KEY: required');
  });

  it('does not seed or serve the demo, and keeps /metrics off without a token', () => {
    const config = loadConfig(SECRETS);
    expect(config.demo.seed).toBe(false);
    expect(config.demo.servePage).toBe(false);
    expect(config.security.metricsOpen).toBe(false);
  });

  it('refuses the demo site open to every origin, and allows it for named origins', () => {
    expect(problemsOf({ ...SECRETS, SEED_DEMO_SITE: 'true' })).toContain('DEMO_ALLOWED_ORIGINS=*');
    const config = loadConfig({ ...SECRETS, SEED_DEMO_SITE: 'true', DEMO_ALLOWED_ORIGINS: 'https://shop.example' });
    expect(config.demo).toMatchObject({ seed: true, servePage: true, allowedOrigins: ['https://shop.example'] });
  });

  it('keeps the one-command demo outside production', () => {
    const config = loadConfig({ NODE_ENV: 'development', VISITOR_TOKEN_SECRET: 'change-me-to-a-long-random-secret' });
    expect(config.demo).toMatchObject({ seed: true, servePage: true });
    expect(config.security.metricsOpen).toBe(true);
  });
});
