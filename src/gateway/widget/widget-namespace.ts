import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import type { Ack, Untrusted } from '../../contracts/ack.js';
import type { WidgetFeedback } from '../../contracts/feedback.js';
import { conversationRoom } from '../../contracts/rooms.js';
import { widgetClientEventSchemas, type WidgetClientEvents, type WidgetServerEvents } from '../../contracts/widget-events.js';
import { widgetAuthSchema, type ConversationSummary } from '../../contracts/payloads.js';
import type { ConversationService } from '../../conversations/conversation.service.js';
import type { FeedbackService } from '../../feedback/feedback.service.js';
import type { HandoffService } from '../../handoff/handoff.service.js';
import { summarize } from '../../conversations/conversation-view.js';
import type { SiteRow } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { failedEventAck, handshakeRefusal } from '../socket-errors.js';
import { isOriginAllowed } from '../origin-policy.js';
import type { MessageRateLimiter } from '../rate-limiter.js';
import type { SiteCache } from '../../sites/site-cache.js';
import { widgetSiteOf } from '../../sites/widget-site.js';
import { clientAddress, type ConnectionGuard } from '../connection-guard.js';
import type { SocketEventBudget } from '../socket-event-budget.js';
import type { NewConversationBudget } from './new-conversation-budget.js';
import type { VisitorTokens } from './visitor-token.js';

interface WidgetSocketData {
  site: SiteRow;
  visitorId: string;
  conversationId: string;
  conversationAtConnect: ConversationSummary;
  verified: boolean;
  feedbackAtConnect: WidgetFeedback;
}

export type WidgetNamespace = Namespace<
  Untrusted<WidgetClientEvents>,
  WidgetServerEvents,
  Record<string, never>,
  WidgetSocketData
>;
type WidgetSocket = Socket<Untrusted<WidgetClientEvents>, WidgetServerEvents, Record<string, never>, WidgetSocketData>;

export interface WidgetNamespaceDeps {
  conversations: ConversationService;
  sites: SiteCache;
  visitorTokens: VisitorTokens;
  rateLimiter: MessageRateLimiter;
  metrics: Metrics;
  logger: Logger;
  simulated: boolean;
  /** Told when a visitor's socket leaves its conversation (the room may now be empty). */
  onVisitorLeft?: (conversationId: string) => void;
  /** Told when the visitor starts or stops typing (agents watching the conversation see it). */
  onVisitorTyping?: (conversationId: string, typing: boolean) => void;
  /** Abuse limits: connections and handshakes per address, sockets per visitor. */
  guard?: ConnectionGuard;
  /** New conversations per address. */
  newConversations?: NewConversationBudget;
  /**
   * The socket's budget for its cheap, unthrottled events (`typing`, `sync`): an over-budget `sync`
   * answers `RATE_LIMITED`, an over-budget `typing` is dropped. Message sends have their own limits.
   */
  eventBudget?: SocketEventBudget;
  /** Proxies in front that append to `X-Forwarded-For` (0: the TCP peer is the client). */
  trustedProxyHops?: number;
  /** "Talk to a person" and the contact address; without it both events answer `UNAVAILABLE`. */
  handoff?: Pick<HandoffService, 'requestHandoff' | 'saveContactEmail'>;
  /** Thumbs and ratings; without it `feedback:send` answers `UNAVAILABLE`. */
  feedback?: Pick<FeedbackService, 'send' | 'dismissRating' | 'forWidgetSession'>;
}

const NO_FEEDBACK: WidgetFeedback = { thumbs: [], unratedConversationId: null };

/** Wires the `/widget` namespace: handshake (site key, Origin, visitor token) and the visitor's events. */
export function attachWidgetNamespace(namespace: WidgetNamespace, deps: WidgetNamespaceDeps): void {
  namespace.use(async (socket, next) => {
    let release: (() => void) | undefined;
    try {
      const ip = clientAddress(socket.handshake, deps.trustedProxyHops ?? 0);
      release = await deps.guard?.admitSocket(ip, socket);
      const auth = widgetAuthSchema.parse(socket.handshake.auth ?? {});
      const site = await deps.sites.byWidgetKey(auth.siteKey);
      if (!site) throw new AppError('UNKNOWN_SITE', 'Unknown site key.');
      if (!isOriginAllowed(socket.handshake.headers.origin, site.allowedOrigins)) {
        throw new AppError('FORBIDDEN_ORIGIN', 'This page is not allowed to use this site key.');
      }
      const knownVisitorId = auth.visitorToken ? deps.visitorTokens.verify(auth.visitorToken, site.id) : undefined;
      const budget = deps.newConversations;
      const session = await deps.conversations.openSession(site, {
        knownVisitorId,
        claims: { user: auth.user, attributes: auth.attributes, page: auth.page },
        admitNew: budget ? () => budget.admit(ip) : undefined,
      });
      const conversationAtConnect = summarize(session.conversation);
      const [feedbackAtConnect] = await Promise.all([
        deps.feedback?.forWidgetSession(session.visitorId, conversationAtConnect) ?? NO_FEEDBACK,
        socket.join(conversationRoom(session.conversation.id)),
      ]);
      socket.data = {
        site,
        visitorId: session.visitorId,
        conversationId: session.conversation.id,
        conversationAtConnect,
        verified: session.verified,
        feedbackAtConnect,
      };
      next();
    } catch (error) {
      release?.();
      next(handshakeRefusal(error, deps, 'widget'));
    }
  });

  namespace.on('connection', (socket) => {
    // The first event a client gets: its ids and where the conversation stands.
    socket.emit('session', {
      visitorId: socket.data.visitorId,
      visitorToken: deps.visitorTokens.issue(socket.data.site.id, socket.data.visitorId),
      conversation: socket.data.conversationAtConnect,
      simulated: deps.simulated,
      verified: socket.data.verified,
      site: widgetSiteOf(socket.data.site),
      feedback: socket.data.feedbackAtConnect,
    });
    deps.metrics.sockets.inc({ namespace: 'widget' });
    const untrack = deps.guard?.trackOwner(socket.data.visitorId, socket);
    // What the agents were last told about this socket's typing: a tab closed mid-word must not leave "typing" up.
    let typingShown = false;
    socket.on('disconnect', () => {
      untrack?.();
      deps.eventBudget?.forget(socket.id);
      deps.metrics.sockets.dec({ namespace: 'widget' });
      if (typingShown) deps.onVisitorTyping?.(socket.data.conversationId, false);
      deps.onVisitorLeft?.(socket.data.conversationId);
    });

    socket.on(
      'message:send',
      acknowledged(deps, socket, 'message:send', widgetClientEventSchemas['message:send'].payload, async (input) => {
        const { site, visitorId, conversationId } = socket.data;
        await deps.rateLimiter.consume(site.id, visitorId);
        return deps.conversations.sendCustomerMessage(site, conversationId, input);
      }),
    );

    socket.on('typing', (payload: unknown) => {
      const parsed = widgetClientEventSchemas.typing.payload.safeParse(payload);
      if (!parsed.success) return;
      // Over budget: dropped, unanswered (fire and forget), and published to nobody.
      const spent = deps.eventBudget?.spend(socket.id) ?? Promise.resolve();
      spent.then(
        () => {
          typingShown = parsed.data.typing;
          deps.onVisitorTyping?.(socket.data.conversationId, typingShown);
        },
        () => undefined,
      );
    });

    socket.on(
      'handoff:request',
      acknowledged(deps, socket, 'handoff:request', widgetClientEventSchemas['handoff:request'].payload, async () => {
        const { site, visitorId, conversationId } = socket.data;
        if (!deps.handoff) throw new AppError('UNAVAILABLE', 'Talking to a person is not available here.');
        // Counted like a message: every press notifies every agent of the site.
        await deps.rateLimiter.consume(site.id, visitorId);
        const outcome = await deps.handoff.requestHandoff(conversationId, 'customer_asked');
        if (outcome.mode === 'resolved')
          throw new AppError('CONVERSATION_CLOSED', 'This conversation is closed; reconnect to start a new one.');
        return { mode: outcome.mode };
      }),
    );

    socket.on(
      'contact:email',
      acknowledged(deps, socket, 'contact:email', widgetClientEventSchemas['contact:email'].payload, async ({ email }) => {
        if (!deps.handoff) throw new AppError('UNAVAILABLE', 'Leaving an address is not available here.');
        await deps.rateLimiter.consume(socket.data.site.id, socket.data.visitorId);
        return { email: await deps.handoff.saveContactEmail(socket.data.conversationId, email) };
      }),
    );

    socket.on(
      'feedback:send',
      acknowledged(deps, socket, 'feedback:send', widgetClientEventSchemas['feedback:send'].payload, async (input) => {
        if (!deps.feedback) throw new AppError('UNAVAILABLE', 'Feedback is not available here.');
        const { site, visitorId } = socket.data;
        await deps.rateLimiter.consume(site.id, visitorId);
        // Any conversation of this visitor: the rating comes after a resolve, often once the widget moved on.
        return { feedback: await deps.feedback.send({ siteId: site.id, visitorId }, input.conversationId, input.target) };
      }),
    );

    socket.on(
      'feedback:dismiss',
      acknowledged(deps, socket, 'feedback:dismiss', widgetClientEventSchemas['feedback:dismiss'].payload, async (input) => {
        if (!deps.feedback) throw new AppError('UNAVAILABLE', 'Feedback is not available here.');
        const { site, visitorId } = socket.data;
        await deps.rateLimiter.consume(site.id, visitorId);
        await deps.feedback.dismissRating({ siteId: site.id, visitorId }, input.conversationId);
        return {};
      }),
    );

    socket.on(
      'sync',
      acknowledged(deps, socket, 'sync', widgetClientEventSchemas.sync.payload, async ({ afterSeq }) => {
        // Before Postgres is asked: a flood of syncs costs this gateway a counter.
        await deps.eventBudget?.spend(socket.id);
        return { messages: await deps.conversations.messagesAfter(socket.data.conversationId, afterSeq) };
      }),
    );
  });
}

/**
 * Validates an event's payload, runs the handler and answers through the ack with `{ok:true,...}` or
 * `{ok:false,error}`. Every event is `(payload, ack)`: one without an ack callback is not run (nobody
 * could be told what became of it), and one with extra arguments is refused through its ack.
 */
function acknowledged<Input, Output extends object>(
  deps: WidgetNamespaceDeps,
  socket: WidgetSocket,
  event: keyof WidgetClientEvents,
  schema: ZodType<Input>,
  handler: (input: Input) => Promise<Output>,
) {
  return async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as (response: Ack<Output>) => void;
    // One id per event, so every line about it (and the stored message's line) can be found together.
    const log = deps.logger.child({
      event,
      eventId: randomUUID(),
      conversationId: socket.data.conversationId,
      socketId: socket.id,
    });
    log.debug('widget event');
    try {
      if (args.length !== 2) throw new AppError('BAD_REQUEST', `${event} takes one payload and an ack callback.`);
      reply({ ok: true, ...(await handler(schema.parse(args[0]))) });
    } catch (error) {
      reply(failedEventAck(error, deps, log, 'widget event'));
    }
  };
}
