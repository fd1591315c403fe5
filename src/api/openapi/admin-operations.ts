import { z } from 'zod';
import * as admin from '../../contracts/admin-api.js';
import { cannedReplyResponseSchema, teamResponseSchema } from '../../contracts/admin-responses.js';
import { loginRequestSchema, meResponseSchema, sessionResponseSchema } from '../../contracts/auth.js';
import { conversationSummarySchema, storedMessageSchema } from '../../contracts/payloads.js';
import { afterSeqQuerySchema, modeBodySchema } from '../conversation-routes.js';
import { section, type Operation } from './openapi-operation.js';

const SITES = '/api/v1/sites';
const SITE = `${SITES}/{siteId}`;
const REPLIES = `${SITE}/canned-replies`;
const AGENTS = '/api/v1/agents';
const TEAMS = '/api/v1/teams';
const agentResult = z.object({ agent: admin.agentViewSchema });

/** Sites, canned replies, agents, teams (docs/admin-api.md), agent sessions (docs/agents.md), the operator's routes. */
export const ADMIN_OPERATIONS: Operation[] = [
  ...section({ tag: 'Sites', security: 'manager' }, [
    {
      method: 'get',
      path: SITES,
      summary: "The caller's sites",
      ok: { status: 200, schema: admin.siteListResponseSchema },
      errors: [401, 403],
    },
    {
      method: 'post',
      path: SITES,
      summary: 'Create a site (admins)',
      body: admin.createSiteSchema,
      ok: { status: 201, schema: admin.siteResponseSchema },
      errors: [400, 401, 403, 413],
    },
    {
      method: 'get',
      path: SITE,
      summary: 'Read a site',
      ok: { status: 200, schema: admin.siteResponseSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'patch',
      path: SITE,
      summary: 'Change any subset of the settings (admins)',
      body: admin.updateSiteSchema,
      ok: { status: 200, schema: admin.siteResponseSchema },
      errors: [400, 401, 403, 404, 413],
    },
    {
      method: 'delete',
      path: SITE,
      summary: "Delete a site and all its data; the body repeats the site's exact name",
      body: admin.deleteSiteSchema,
      ok: { status: 204 },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: `${SITE}/widget-key/rotate`,
      summary: 'A new widget key (pages with the old tag stop connecting)',
      ok: { status: 200, schema: admin.siteResponseSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: `${SITE}/identity-secret/rotate`,
      summary: 'A new identity secret',
      ok: { status: 200, schema: admin.siteResponseSchema },
      errors: [401, 403, 404],
    },
  ]),

  ...section({ tag: 'Canned replies', security: 'manager' }, [
    {
      method: 'get',
      path: REPLIES,
      summary: "The site's canned replies",
      ok: { status: 200, schema: admin.cannedReplyListResponseSchema },
      errors: [401, 403, 404],
    },
    {
      method: 'post',
      path: REPLIES,
      summary: 'Create a canned reply (admins)',
      body: admin.cannedReplyBodySchema,
      ok: { status: 201, schema: cannedReplyResponseSchema },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'put',
      path: `${REPLIES}/{replyId}`,
      summary: 'Replace a canned reply (admins)',
      body: admin.cannedReplyBodySchema,
      ok: { status: 200, schema: cannedReplyResponseSchema },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'delete',
      path: `${REPLIES}/{replyId}`,
      summary: 'Delete a canned reply (admins)',
      ok: { status: 204 },
      errors: [401, 403, 404],
    },
  ]),

  ...section({ tag: 'Agents', security: 'manager' }, [
    {
      method: 'get',
      path: AGENTS,
      summary: 'Agents who share a site with the caller (admins)',
      ok: { status: 200, schema: admin.agentListResponseSchema },
      errors: [401, 403],
    },
    {
      method: 'post',
      path: AGENTS,
      summary: 'Create an agent, or invite one (no password: a one-time set-password token)',
      body: admin.createAgentSchema,
      ok: { status: 201, schema: admin.agentResponseSchema },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'get',
      path: `${AGENTS}/{agentId}`,
      summary: 'Read an agent (admins)',
      ok: { status: 200, schema: agentResult },
      errors: [401, 403, 404],
    },
    {
      method: 'patch',
      path: `${AGENTS}/{agentId}`,
      summary: 'Change name, role, sites, teams, or disable (admins)',
      body: admin.updateAgentSchema,
      ok: { status: 200, schema: agentResult },
      errors: [400, 401, 403, 404],
    },
  ]),

  ...section({ tag: 'Teams', security: 'manager' }, [
    {
      method: 'get',
      path: TEAMS,
      summary: 'Every team (any agent: transfers need them)',
      ok: { status: 200, schema: admin.teamListResponseSchema },
      errors: [401],
    },
    {
      method: 'post',
      path: TEAMS,
      summary: 'Create a team (admins)',
      body: admin.teamBodySchema,
      ok: { status: 201, schema: teamResponseSchema },
      errors: [400, 401, 403, 409],
    },
    {
      method: 'patch',
      path: `${TEAMS}/{teamId}`,
      summary: 'Rename a team (admins)',
      body: admin.teamBodySchema,
      ok: { status: 200, schema: teamResponseSchema },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'delete',
      path: `${TEAMS}/{teamId}`,
      summary: 'Delete a team (admins)',
      ok: { status: 204 },
      errors: [401, 403, 404],
    },
  ]),

  ...section({ tag: 'Agent sessions', security: 'agent' }, [
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in: a bearer token in the body, the session and CSRF cookies',
      security: 'public',
      body: loginRequestSchema,
      ok: { status: 200, schema: sessionResponseSchema },
      errors: [400, 401, 429],
    },
    {
      method: 'post',
      path: '/api/auth/refresh',
      summary: 'A fresh session for the current one',
      ok: { status: 200, schema: sessionResponseSchema },
      errors: [401, 403],
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End the session',
      ok: { status: 204 },
      errors: [401, 403],
    },
    {
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in agent and the session',
      ok: { status: 200, schema: meResponseSchema },
      errors: [401],
    },
    {
      method: 'post',
      path: '/api/auth/set-password',
      summary: 'An invited agent sets a password with the one-time token',
      security: 'public',
      body: admin.setPasswordSchema,
      ok: { status: 204 },
      errors: [400, 401],
    },
  ]),

  ...section({ tag: 'Operator', security: 'operator' }, [
    {
      method: 'get',
      path: '/api/v1/conversations/{id}/messages',
      summary: "A conversation's messages after a seq (operator token)",
      query: afterSeqQuerySchema,
      ok: { status: 200, schema: z.object({ messages: z.array(storedMessageSchema) }) },
      errors: [400, 401, 403],
    },
    {
      method: 'put',
      path: '/api/v1/conversations/{id}/mode',
      summary: 'Set who answers (operator token; the mode compare-and-set decides)',
      body: modeBodySchema,
      ok: { status: 200, schema: z.object({ conversation: conversationSummarySchema }) },
      errors: [400, 401, 403, 404, 409],
    },
  ]),

  ...section({ tag: 'Reference', security: 'public' }, [
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This document',
      ok: { status: 200, contentType: 'application/json', description: 'The OpenAPI 3.1 document' },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/docs',
      summary: 'A browsable reference of this document (served locally)',
      ok: { status: 200, contentType: 'text/html', description: 'An HTML page (Swagger UI, from the swagger-ui-dist package)' },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/docs/start.js',
      summary: "The reference page's start script (kept out of the page for its Content-Security-Policy)",
      ok: { status: 200, contentType: 'text/javascript', description: 'A script' },
      errors: [],
    },
  ]),
];
