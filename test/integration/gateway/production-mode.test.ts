import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  VISITOR_TOKEN_SECRET: 'visitor-secret-for-the-production-test-0123',
  AGENT_SESSION_SECRET: 'agent-secret-for-the-production-test-0123456',
  ADMIN_API_TOKEN: 'admin-token-for-the-production-test-01234567',
  WEBHOOK_SECRET_KEY: 'webhook-key-for-the-production-test-0123456',
};

describe('NODE_ENV=production with METRICS_TOKEN', () => {
  const stack = new TestStack({
    label: 'prodmetrics',
    env: { ...PRODUCTION, METRICS_TOKEN: 'metrics-token-for-the-production-test-0123' },
  });
  beforeAll(async () => {
    await stack.start();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('serves /metrics only with the bearer token', async () => {
    const refused = await fetch(`${stack.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await refused.json()) as { code: string }).code).toBe('UNAUTHORIZED');
    const wrong = await fetch(`${stack.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const served = await fetch(`${stack.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-for-the-production-test-0123' },
    });
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('switchboard_messages_total');
  });

  it('does not serve the demo page, and still serves the widget and health', async () => {
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(404);
    expect((await fetch(`${stack.url}/widget.js`)).status).toBe(200);
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  });
});

describe('NODE_ENV=production without METRICS_TOKEN', () => {
  const stack = new TestStack({ label: 'prodnometrics', env: PRODUCTION });
  beforeAll(async () => {
    await stack.start();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('keeps /metrics off', async () => {
    const response = await fetch(`${stack.url}/metrics`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });
});
