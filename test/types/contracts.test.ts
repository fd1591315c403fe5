import type { Namespace } from 'socket.io';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Untrusted } from '../../src/contracts/ack.js';
import type { ConversationMode, FilterActionName, FilterCategoryName, MessageRole } from '../../src/contracts/enums.js';
import type { ErrorCode } from '../../src/contracts/error-codes.js';
import type { ErrorBody, StoredMessage, storedMessageSchema } from '../../src/contracts/payloads.js';
import type { RoomEvents, roomEventSchemas } from '../../src/contracts/room-events.js';
import type {
  AgentClientEvents,
  AgentRoomEvents,
  AgentServerEvents,
  SiteAgentEvents,
  agentClientEventSchemas,
  agentRoomEventSchemas,
  siteAgentEventSchemas,
} from '../../src/contracts/agent-events.js';
import type { handoffQueuedSchema } from '../../src/contracts/handoff.js';
import type { AgentNamespace } from '../../src/gateway/agent/agent-namespace.js';
import type {
  SendMessageResult,
  SyncResult,
  WidgetClientEvents,
  WidgetServerEvents,
  widgetClientEventSchemas,
} from '../../src/contracts/widget-events.js';
import type { toStoredMessage } from '../../src/conversations/message-view.js';
import type { ConversationRow, MessageRow, siteWords } from '../../src/db/schema.js';
import type { FilterAction, FilterCategory } from '../../src/filter/index.js';
import type { WidgetNamespace } from '../../src/gateway/widget/widget-namespace.js';
import type { ChatConnection } from '../../widget/src/chat-connection.js';

/**
 * Compile-time checks (`npm run typecheck` runs them; vitest only sees them pass): they fail when the
 * server, the widget, the database schema or the filter drift from the contracts.
 */
type Schemas = typeof widgetClientEventSchemas;
type PayloadOf<E extends keyof WidgetClientEvents> = Parameters<WidgetClientEvents[E]>[0];
type AckOf<E extends 'message:send' | 'sync'> = Parameters<Parameters<WidgetClientEvents[E]>[1]>[0];

type AgentSchemas = typeof agentClientEventSchemas;
type AgentAcked = Exclude<keyof AgentClientEvents, 'typing'>;
type AgentPayloadOf<E extends keyof AgentClientEvents> = Parameters<AgentClientEvents[E]>[0];
type AgentAckOf<E extends AgentAcked> = Parameters<Parameters<AgentClientEvents[E]>[1]>[0];

describe('contracts', () => {
  it('types every widget -> server event from its zod schemas, payload and ack', () => {
    expectTypeOf<PayloadOf<'message:send'>>().toEqualTypeOf<z.infer<Schemas['message:send']['payload']>>();
    expectTypeOf<PayloadOf<'sync'>>().toEqualTypeOf<z.infer<Schemas['sync']['payload']>>();
    expectTypeOf<SendMessageResult>().toEqualTypeOf<z.infer<Schemas['message:send']['result']>>();
    expectTypeOf<SyncResult>().toEqualTypeOf<z.infer<Schemas['sync']['result']>>();
    expectTypeOf<AckOf<'message:send'>>().toEqualTypeOf<({ ok: true } & SendMessageResult) | { ok: false; error: ErrorBody }>();
    expectTypeOf<keyof WidgetClientEvents>().toEqualTypeOf<keyof Schemas>();
    expectTypeOf<PayloadOf<'feedback:dismiss'>>().toEqualTypeOf<z.input<Schemas['feedback:dismiss']['payload']>>();
    expectTypeOf<Parameters<Parameters<WidgetClientEvents['feedback:dismiss']>[1]>[0]>().toEqualTypeOf<
      ({ ok: true } & z.infer<Schemas['feedback:dismiss']['result']>) | { ok: false; error: ErrorBody }
    >();
    expectTypeOf<Parameters<WidgetClientEvents['typing']>>().toEqualTypeOf<[z.infer<Schemas['typing']['payload']>]>();
    expectTypeOf<Parameters<WidgetServerEvents['agent:typing']>[0]>().toEqualTypeOf<{
      conversationId: string;
      agentName: string;
      typing: boolean;
    }>();
  });

  it('types the handoff events from their zod schemas, both ways, and keeps site-wide agent events from widgets', () => {
    expectTypeOf<PayloadOf<'handoff:request'>>().toEqualTypeOf<z.input<Schemas['handoff:request']['payload']>>();
    expectTypeOf<PayloadOf<'contact:email'>>().toEqualTypeOf<z.input<Schemas['contact:email']['payload']>>();
    expectTypeOf<Parameters<Parameters<WidgetClientEvents['handoff:request']>[1]>[0]>().toEqualTypeOf<
      ({ ok: true } & z.infer<Schemas['handoff:request']['result']>) | { ok: false; error: ErrorBody }
    >();
    expectTypeOf<Parameters<WidgetServerEvents['handoff:queued']>[0]>().toEqualTypeOf<z.infer<typeof handoffQueuedSchema>>();
    expectTypeOf<Pick<AgentServerEvents, keyof SiteAgentEvents>>().toEqualTypeOf<SiteAgentEvents>();
    expectTypeOf<keyof typeof siteAgentEventSchemas>().toEqualTypeOf<keyof SiteAgentEvents>();
    expectTypeOf<Extract<keyof WidgetServerEvents, keyof SiteAgentEvents>>().toBeNever();
  });

  it('types every agent -> server event from its zod schemas, payload and ack', () => {
    expectTypeOf<keyof AgentClientEvents>().toEqualTypeOf<keyof AgentSchemas>();
    expectTypeOf<AgentPayloadOf<'conversation:take'>>().toEqualTypeOf<z.input<AgentSchemas['conversation:take']['payload']>>();
    expectTypeOf<AgentPayloadOf<'conversations:list'>>().toEqualTypeOf<z.input<AgentSchemas['conversations:list']['payload']>>();
    expectTypeOf<AgentPayloadOf<'conversation:transfer'>>().toEqualTypeOf<
      z.input<AgentSchemas['conversation:transfer']['payload']>
    >();
    expectTypeOf<AgentPayloadOf<'typing'>>().toEqualTypeOf<z.input<AgentSchemas['typing']['payload']>>();
    expectTypeOf<AgentAckOf<'message:send'>>().toEqualTypeOf<
      ({ ok: true } & z.infer<AgentSchemas['message:send']['result']>) | { ok: false; error: ErrorBody }
    >();
    expectTypeOf<AgentAckOf<'conversation:watch'>>().toEqualTypeOf<
      ({ ok: true } & z.infer<AgentSchemas['conversation:watch']['result']>) | { ok: false; error: ErrorBody }
    >();
    // Fire and forget: no ack parameter.
    expectTypeOf<Parameters<AgentClientEvents['typing']>>().toEqualTypeOf<[AgentPayloadOf<'typing'>]>();
  });

  it('sends agents every room event plus the agent-only ones, and keeps agent-only events out of the widget map', () => {
    expectTypeOf<Pick<AgentServerEvents, keyof RoomEvents>>().toEqualTypeOf<RoomEvents>();
    expectTypeOf<Pick<AgentServerEvents, keyof AgentRoomEvents>>().toEqualTypeOf<AgentRoomEvents>();
    expectTypeOf<keyof typeof agentRoomEventSchemas>().toEqualTypeOf<keyof AgentRoomEvents>();
    expectTypeOf<Parameters<AgentRoomEvents['note:new']>[0]>().toEqualTypeOf<
      z.infer<(typeof agentRoomEventSchemas)['note:new']>
    >();
    expectTypeOf<Extract<keyof WidgetServerEvents, 'note:new' | 'conversation:viewers' | 'visitor:typing'>>().toBeNever();
    type ReceivedByAgents = Untrusted<AgentClientEvents>;
    expectTypeOf<Parameters<ReceivedByAgents['message:send']>[0]>().toBeUnknown();
    expectTypeOf<Parameters<ReceivedByAgents['typing']>>().toEqualTypeOf<[payload: unknown]>();
    expectTypeOf<AgentNamespace>().toEqualTypeOf<
      Namespace<
        ReceivedByAgents,
        AgentServerEvents,
        Record<string, never>,
        AgentNamespace extends Namespace<never, never, never, infer D> ? D : never
      >
    >();
  });

  it('gives the server every client payload as unknown, so it must parse before use', () => {
    type Received = Untrusted<WidgetClientEvents>;
    expectTypeOf<Parameters<Received['message:send']>[0]>().toBeUnknown();
    expectTypeOf<Parameters<Received['sync']>[1]>().toEqualTypeOf<Parameters<WidgetClientEvents['sync']>[1]>();
    expectTypeOf<WidgetNamespace>().toEqualTypeOf<
      Namespace<
        Received,
        WidgetServerEvents,
        Record<string, never>,
        WidgetNamespace extends Namespace<never, never, never, infer D> ? D : never
      >
    >();
  });

  it('sends every room event to widgets with its schema type', () => {
    expectTypeOf<keyof typeof roomEventSchemas>().toEqualTypeOf<keyof RoomEvents>();
    expectTypeOf<Parameters<RoomEvents['message:new']>[0]>().toEqualTypeOf<z.infer<typeof storedMessageSchema>>();
    expectTypeOf<Pick<WidgetServerEvents, keyof RoomEvents>>().toEqualTypeOf<RoomEvents>();
  });

  it('has the widget use the same event map as the server', () => {
    expectTypeOf<ChatConnection['on']>().parameter(0).toEqualTypeOf<keyof WidgetServerEvents>();
    expectTypeOf<ReturnType<ChatConnection['send']>>().resolves.toEqualTypeOf<AckOf<'message:send'>>();
    expectTypeOf<ReturnType<ChatConnection['sync']>>().resolves.toEqualTypeOf<AckOf<'sync'>>();
  });

  it('takes the database columns and the filter library enums from the contracts', () => {
    expectTypeOf<ConversationRow['mode']>().toEqualTypeOf<ConversationMode>();
    expectTypeOf<MessageRow['role']>().toEqualTypeOf<MessageRole>();
    expectTypeOf<(typeof siteWords.$inferSelect)['category']>().toEqualTypeOf<FilterCategoryName>();
    expectTypeOf<FilterCategory>().toEqualTypeOf<FilterCategoryName>();
    expectTypeOf<FilterAction>().toEqualTypeOf<FilterActionName>();
    expectTypeOf<ErrorBody['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ReturnType<typeof toStoredMessage>>().toEqualTypeOf<StoredMessage>();
  });
});
