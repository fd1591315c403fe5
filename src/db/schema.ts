/**
 * The drizzle schema, one file per domain under `schema/` (what `drizzle-kit generate` reads through
 * this file). Enums and CHECK lists come from `src/contracts/enums.ts`.
 */
export * from './schema/sites.js';
export * from './schema/conversations.js';
export * from './schema/moderation.js';
export * from './schema/agents.js';
export * from './schema/webhooks.js';
export * from './schema/integrations.js';
export * from './schema/feedback.js';
