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

/** What the operations of one section of the document share: their tag, who may call them, the scope. */
export type SectionShared = Pick<Operation, 'tag' | 'security' | 'scope'>;

/** An operation of a section: what is its own, and the shared security or scope where it differs. */
export type SectionOperation = Omit<Operation, 'tag' | 'security' | 'scope'> & Partial<Omit<SectionShared, 'tag'>>;

/** The operations of one section, each with what the section shares unless it names its own. */
export function section(shared: SectionShared, operations: SectionOperation[]): Operation[] {
  return operations.map((operation) => ({ ...shared, ...operation }));
}
