import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assertAdmin,
  assertSiteAccess,
  canAccessSite,
  type AuthenticatedAgent,
} from '../../../src/agents/authenticated-agent.js';
import { AppError } from '../../../src/errors/app-error.js';

const siteA = randomUUID();
const siteB = randomUUID();

function agent(overrides: Partial<AuthenticatedAgent> = {}): AuthenticatedAgent {
  return {
    id: randomUUID(),
    name: 'Lin',
    email: 'lin@example.com',
    role: 'agent',
    siteIds: [siteA],
    sessionId: randomUUID(),
    sessionExpiresAt: new Date(Date.now() + 60_000),
    ...overrides,
  };
}

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

describe('site access', () => {
  it('lets an agent into the sites they belong to', () => {
    expect(codeOf(() => assertSiteAccess(agent(), siteA))).toBeUndefined();
    expect(canAccessSite(agent(), siteA)).toBe(true);
  });

  it("answers NOT_FOUND for another site's id, as for one that does not exist", () => {
    expect(codeOf(() => assertSiteAccess(agent(), siteB))).toBe('NOT_FOUND');
    expect(codeOf(() => assertSiteAccess(agent(), randomUUID()))).toBe('NOT_FOUND');
    expect(canAccessSite(agent(), siteB)).toBe(false);
  });

  it('holds admins to their memberships too', () => {
    expect(codeOf(() => assertSiteAccess(agent({ role: 'admin', siteIds: [] }), siteA))).toBe('NOT_FOUND');
    expect(codeOf(() => assertSiteAccess(agent({ role: 'admin', siteIds: [siteA, siteB] }), siteB))).toBeUndefined();
  });

  it('reserves admin actions for admins', () => {
    expect(codeOf(() => assertAdmin(agent()))).toBe('FORBIDDEN');
    expect(codeOf(() => assertAdmin(agent({ role: 'admin' })))).toBeUndefined();
  });
});
