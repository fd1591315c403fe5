import type { z } from 'zod';
import type { IntegrationScope } from '../../contracts/integration-auth.js';

/**
 * Who may call an operation. `oauth`: an integration token with `scope`. `client`: an integration
 * client's own credentials (the token endpoint). `operator`: the bootstrap `ADMIN_API_TOKEN` only.
 * `manager`: the operator or an agent's session (bearer, or cookie + CSRF header on writes); the route
 * checks the agent's role and sites. `agent`: an agent's session only. `public`: nobody signs in.
 */
export type OperationSecurity = 'oauth' | 'client' | 'operator' | 'manager' | 'agent' | 'public';

/** One route of the document; the document is built from these and the zod schemas they name. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `{name}` for a path parameter. */
  path: string;
  summary: string;
  tag: string;
  security: OperationSecurity;
  scope?: IntegrationScope;
  body?: z.ZodType;
  /** `application/x-www-form-urlencoded` body (OAuth endpoints). */
  form?: z.ZodType;
  /** A `text/plain` body (word-list import). */
  textBody?: string;
  query?: z.ZodType;
  /** Path parameters that are not UUIDs. */
  params?: Record<string, Record<string, unknown>>;
  ok: {
    status: number;
    schema?: z.ZodType;
    contentType?: 'application/json' | 'text/plain' | 'text/html' | 'text/javascript';
    description?: string;
  };
  errors: number[];
  idempotent?: boolean;
}
