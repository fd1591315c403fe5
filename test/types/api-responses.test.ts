import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as responses from '../../src/contracts/admin-responses.js';
import type * as payloads from '../../src/contracts/webhook-payloads.js';
import type {
  FeedbackCreatedData,
  HandoffRequestedData,
  TicketRequestedData,
  WebhookEndpointView,
  WebhookMessage,
  WebhookTranscript,
} from '../../src/contracts/webhooks.js';
import type { TeamService } from '../../src/agents/team.service.js';
import type { CannedReplyService } from '../../src/sites/canned-reply.service.js';
import type { WebhookDeliveryLogService } from '../../src/webhooks/webhook-delivery-log.service.js';
import type { WordListService } from '../../src/moderation/word-list.service.js';

type Out<T extends z.ZodType> = z.output<T>;
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The same fields, each of the same type once dates are sent as JSON strings. */
type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

// The schemas the OpenAPI document is generated from describe what the code sends.
describe('webhook payload schemas', () => {
  it('equal the interfaces the payload builders use', () => {
    expectTypeOf<Out<typeof payloads.webhookMessageSchema>>().toEqualTypeOf<WebhookMessage>();
    expectTypeOf<Out<typeof payloads.webhookTranscriptSchema>>().toEqualTypeOf<WebhookTranscript>();
    expectTypeOf<Out<typeof payloads.handoffRequestedDataSchema>>().toEqualTypeOf<HandoffRequestedData>();
    expectTypeOf<Out<typeof payloads.ticketRequestedDataSchema>>().toEqualTypeOf<TicketRequestedData>();
    expectTypeOf<Out<typeof payloads.feedbackCreatedDataSchema>>().toEqualTypeOf<FeedbackCreatedData>();
  });
});

describe('admin response schemas', () => {
  it('have the fields the services return', () => {
    expectTypeOf<Out<typeof responses.webhookEndpointViewSchema>>().toEqualTypeOf<WebhookEndpointView>();
    expectTypeOf<Out<typeof responses.teamResponseSchema>['team']>().toEqualTypeOf<Result<TeamService['create']>>();
    expectTypeOf<Out<typeof responses.cannedReplyResponseSchema>['cannedReply']>().toEqualTypeOf<
      Result<CannedReplyService['create']>
    >();
    type Delivery = Result<WebhookDeliveryLogService['get']>;
    expectTypeOf<keyof Out<typeof responses.webhookDeliveryDetailSchema>>().toEqualTypeOf<keyof Delivery>();
    expectTypeOf<keyof Out<typeof responses.webhookDeliveryViewSchema>>().toEqualTypeOf<keyof Delivery['delivery']>();
    expectTypeOf<Out<typeof responses.webhookDeliveryDetailSchema>['attempts']>().toEqualTypeOf<Delivery['attempts']>();
    expectTypeOf<Out<typeof responses.wordViewSchema>>().toEqualTypeOf<Json<Result<WordListService['add']>>>();
    expectTypeOf<keyof Out<typeof responses.wordListPageSchema>>().toEqualTypeOf<keyof Result<WordListService['list']>>();
    expectTypeOf<Out<typeof responses.wordImportResultSchema>>().toEqualTypeOf<Result<WordListService['import']>>();
  });
});
