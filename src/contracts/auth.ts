import { z } from 'zod';
import { agentRoleSchema } from './enums.js';

/**
 * Bodies of the agent auth routes (`/api/auth/*`, docs/agents.md). The console and scripts import
 * these; the server validates requests and shapes responses with them.
 */

/** `POST /api/auth/login`. The e-mail is matched case-insensitively. */
export const loginRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in agent as the console sees it. */
export const agentProfileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: agentRoleSchema,
  /** The sites whose conversations this agent may see. */
  siteIds: z.array(z.uuid()),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export const sessionInfoSchema = z.object({
  id: z.uuid(),
  /** ISO 8601; refresh (`POST /api/auth/refresh`) before then to keep the session. */
  expiresAt: z.iso.datetime(),
});

/**
 * `POST /api/auth/login` and `POST /api/auth/refresh`. The token is also set as the HttpOnly session
 * cookie; `csrfToken` (also set as the readable `sb_csrf` cookie) goes in `X-CSRF-Token` on every
 * cookie-authenticated write. Scripts send `Authorization: Bearer <token>` and need no CSRF token.
 */
export const sessionResponseSchema = z.object({
  agent: agentProfileSchema,
  session: sessionInfoSchema,
  token: z.string(),
  tokenType: z.literal('Bearer'),
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
export const loginResponseSchema = sessionResponseSchema;
export type LoginResponse = SessionResponse;

/** `GET /api/auth/me`. */
export const meResponseSchema = z.object({
  agent: agentProfileSchema,
  session: sessionInfoSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;
