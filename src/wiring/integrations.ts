import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { PasswordHasher } from '../agents/password-hasher.js';
import { integrationClientRoutes } from '../api/integration-client-routes.js';
import { oauthRoutes } from '../api/oauth-routes.js';
import { apiDocsRoutes } from '../api/openapi/api-docs-routes.js';
import { integrationRoutes } from '../api/v1/integration-routes.js';
import type { Config } from '../config.js';
import type { AgentConversationService } from '../conversations/agent-conversation.service.js';
import type { ConversationModeService } from '../conversations/conversation-mode.service.js';
import type { ConversationService, ReplyScheduler } from '../conversations/conversation.service.js';
import type { Database } from '../db/client.js';
import { AccessTokenRepository } from '../integrations/access-token.repository.js';
import { ChannelRepository } from '../integrations/channel.repository.js';
import { ClientRateLimitRepository } from '../integrations/client-rate-limit.repository.js';
import { IdempotencyRepository } from '../integrations/idempotency.repository.js';
import { IntegrationClientRepository } from '../integrations/integration-client.repository.js';
import { IntegrationClientService } from '../integrations/integration-client.service.js';
import { IntegrationConversationService, type IntegrationHandoff } from '../integrations/integration-conversation.service.js';
import { IntegrationTokenService } from '../integrations/integration-token.service.js';
import { IntegrationVisitorRepository } from '../integrations/integration-visitor.repository.js';
import { IntegrationVisitorService } from '../integrations/integration-visitor.service.js';
import { RestChannelService, type MessageBudget } from '../integrations/rest-channel.service.js';
import { TaskService, type ReplyJobStates, type ReplyProgress } from '../integrations/task.service.js';
import type { SiteCache } from '../sites/site-cache.js';
import type { VisitorService } from '../sites/visitor.service.js';
import { agentDirectory, type AgentAuthComponents } from './agent-auth.js';

export interface IntegrationApiDeps {
  db: Database;
  redis: Redis;
  config: Config;
  agentAuth: AgentAuthComponents;
  sites: SiteCache;
  conversations: ConversationService;
  agentConversations: AgentConversationService;
  modes: ConversationModeService;
  handoff: IntegrationHandoff;
  visitors: VisitorService;
  /** The reply queue; its `replyState` and `textSoFar` (when it has them) tell a task's pending from streaming. */
  replies: ReplyScheduler;
  budget: MessageBudget;
}

function replyStates(replies: ReplyScheduler): ReplyJobStates & ReplyProgress {
  const queue = replies as ReplyScheduler & Partial<ReplyJobStates & ReplyProgress>;
  return {
    replyState: (messageId) => (queue.replyState ? queue.replyState(messageId) : Promise.resolve(undefined)),
    textSoFar: (messageId) => (queue.textSoFar ? queue.textSoFar(messageId) : Promise.resolve(undefined)),
  };
}

/** The integration API of a gateway: OAuth clients and tokens, and the routes that use them (docs/api.md). */
export function createIntegrationApi(deps: IntegrationApiDeps): { mount: (app: Express) => void } {
  const prefix = deps.config.redis.prefix;
  const clients = new IntegrationClientService({
    clients: new IntegrationClientRepository(deps.db),
    hasher: new PasswordHasher(),
  });
  const tokens = new IntegrationTokenService({
    tokens: new AccessTokenRepository(deps.redis, prefix),
    clients,
    ttlMs: deps.config.integrations.tokenTtlSeconds * 1000,
  });
  const rateLimit = new ClientRateLimitRepository(deps.redis, prefix, deps.config.integrations.ratePerMinute);
  const channel = new ChannelRepository(deps.db);
  const replyJobs = replyStates(deps.replies);
  const conversations = new IntegrationConversationService({
    agentConversations: deps.agentConversations,
    modes: deps.modes,
    directory: agentDirectory(deps.agentAuth),
    handoff: deps.handoff,
  });
  return {
    mount: (app) => {
      app.use('/oauth', oauthRoutes({ clients, tokens, rateLimit }));
      app.use(
        '/api/v1/sites/:siteId/integration-clients',
        integrationClientRoutes({
          clients,
          adminApiToken: deps.config.security.adminApiToken,
          auth: deps.agentAuth.auth,
          csrf: deps.agentAuth.csrf,
          siteExists: async (siteId) => (await deps.sites.byIdentifier(siteId)) !== undefined,
        }),
      );
      app.use(
        '/api/v1',
        integrationRoutes({
          tokens,
          rateLimit,
          idempotency: new IdempotencyRepository(deps.redis, prefix),
          conversations,
          channel: new RestChannelService({
            sites: deps.sites,
            conversations: deps.conversations,
            visitors: deps.visitors,
            channel,
            budget: deps.budget,
          }),
          tasks: new TaskService({ channel, jobs: replyJobs, progress: replyJobs }),
          visitors: new IntegrationVisitorService({ visitors: new IntegrationVisitorRepository(deps.db), conversations }),
        }),
      );
      app.use('/api', apiDocsRoutes());
    },
  };
}
