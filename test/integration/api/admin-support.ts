import { sessionResponseSchema } from '../../../src/contracts/auth.js';
import type { AgentRole } from '../../../src/contracts/enums.js';
import type { TestStack } from '../../support/test-app.js';
import { call, createAgent, login, type HttpResult } from '../agents/agent-support.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A signed-in agent of the given role and sites: its bearer token and id. */
export async function signedIn(
  stack: TestStack,
  options: { role?: AgentRole; siteIds?: string[]; name?: string } = {},
): Promise<{ id: string; token: string; email: string }> {
  const account = await createAgent(stack, options);
  const response = await login(stack, account.email, account.password);
  return { id: account.id, email: account.email, token: sessionResponseSchema.parse(response.json).token };
}

/** A call with a bearer token (an agent's session or the admin token). */
export function as(stack: TestStack, bearer: string) {
  return (method: string, path: string, body?: unknown): Promise<HttpResult> =>
    call(stack, method, path, { bearer, ...(body !== undefined ? { body } : {}) });
}

export function expectProblem(expect: (value: unknown) => any, response: HttpResult, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.json).toMatchObject({ status, code });
}
