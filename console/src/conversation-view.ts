import type { VisitorDetails } from '../../src/contracts/payloads.js';
import type { AgentProfile } from '../../src/contracts/auth.js';
import type { CannedReplyView, SiteView, TeamView } from '../../src/contracts/admin-api.js';
import type { ConversationState } from '../../src/contracts/agent-events.js';
import type { Feedback } from '../../src/contracts/feedback.js';
import type { AgentRef } from '../../src/contracts/payloads.js';
import { AckError, type AgentConnection } from './agent-connection.js';
import { Composer } from './composer.js';
import { conversationHeader } from './conversation-header.js';
import { briefPanel, detailsPanel, ratingPanel } from './conversation-panels.js';
import { t } from './i18n.js';
import { Transcript } from './transcript.js';
import { h, replace } from './view.js';

export interface ConversationViewDeps {
  connection: AgentConnection;
  me: AgentProfile;
  site(siteId: string): SiteView | undefined;
  cannedReplies(siteId: string): Promise<CannedReplyView[]>;
  teams(): Promise<TeamView[]>;
  /** Where the conversation stands changed (the inbox updates its row). */
  changed(state: ConversationState): void;
  back(): void;
  toast(text: string): void;
}

/** One open conversation: header and actions, brief, transcript (streaming), composer, details. */
export class ConversationView {
  readonly element = h('section', { class: 'conversation', 'aria-label': 'conversation' });
  private state: ConversationState | undefined;
  private transcript = new Transcript();
  private readonly composer: Composer;
  private readonly header = h('header', { class: 'conv-header' });
  private readonly brief = h('div', { class: 'conv-brief' });
  private readonly presence = h('p', { class: 'conv-presence', role: 'status' });
  private readonly typing = h('p', { class: 'conv-typing', 'aria-live': 'polite' });
  private readonly details = h('aside', { class: 'conv-details', 'aria-label': t('visitorDetails') });
  // Focusable, so keyboard users can scroll the transcript.
  private readonly scroller = h('div', { class: 'conv-scroll', tabindex: 0, role: 'region', 'aria-label': 'transcript' });
  private viewers: AgentRef[] = [];
  private visitor: VisitorDetails | null = null;
  private rating: Feedback | undefined;
  private typers = new Map<string, string>();
  private visitorTyping = false;

  constructor(private readonly deps: ConversationViewDeps) {
    this.composer = new Composer({
      send: (text, asNote) => this.send(text, asNote),
      typing: (typing) => this.state && this.deps.connection.typing(this.state.id, typing),
      variables: () => ({
        'agent.name': this.deps.me.name,
        'site.name': this.state ? this.deps.site(this.state.siteId)?.name : undefined,
        'visitor.email': this.state?.contactEmail ?? undefined,
      }),
    });
    this.listen();
    this.showEmpty();
  }

  get id(): string | undefined {
    return this.state?.id;
  }

  showEmpty(): void {
    this.state = undefined;
    replace(this.element, h('p', { class: 'muted conv-empty' }, t('selectConversation')));
  }

  async open(conversationId: string): Promise<void> {
    if (this.state && this.state.id !== conversationId)
      await this.deps.connection.call('conversation:unwatch', { conversationId: this.state.id }).catch(() => undefined);
    this.transcript = new Transcript();
    this.typers.clear();
    this.visitorTyping = false;
    const watched = await this.deps.connection.call('conversation:watch', { conversationId });
    this.state = watched.conversation;
    this.visitor = watched.visitor;
    this.viewers = watched.viewers;
    for (const message of watched.messages) this.transcript.addMessage(message);
    for (const note of watched.notes) this.transcript.addNote(note);
    this.rating = undefined;
    for (const feedback of watched.feedback) this.showFeedback(feedback);
    replace(this.scroller, this.transcript.element);
    replace(
      this.element,
      h('button', { type: 'button', class: 'back', onclick: () => this.deps.back() }, `← ${t('back')}`),
      this.header,
      this.presence,
      this.brief,
      h('div', { class: 'conv-body' }, this.scroller, this.details),
      this.typing,
      this.composer.element,
    );
    this.render();
    this.composer.setCanned(await this.deps.cannedReplies(this.state.siteId).catch(() => []));
  }

  focusComposer(): void {
    this.composer.focus();
  }

  async take(): Promise<void> {
    await this.act('conversation:take');
  }

  async resolve(): Promise<void> {
    await this.act('conversation:resolve');
  }

  private async act(
    event: 'conversation:take' | 'conversation:hand-back' | 'conversation:resolve' | 'conversation:reopen',
  ): Promise<void> {
    if (!this.state) return;
    try {
      this.update((await this.deps.connection.call(event, { conversationId: this.state.id })).conversation);
    } catch (error) {
      this.fail(error);
    }
  }

  private async send(text: string, asNote: boolean): Promise<void> {
    if (!this.state) return;
    const conversationId = this.state.id;
    try {
      if (asNote) this.transcript.addNote((await this.deps.connection.call('note:add', { conversationId, text })).note);
      else
        this.transcript.addMessage(
          (await this.deps.connection.call('message:send', { conversationId, clientMessageId: crypto.randomUUID(), text }))
            .message,
        );
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  private fail(error: unknown): void {
    if (error instanceof AckError && error.body.code === 'CONVERSATION_CONFLICT') {
      const owner = error.body.details?.assignedAgent;
      this.deps.toast(owner ? t('takenBy', { name: owner.name }) : t('error', { message: error.message }));
      return;
    }
    this.deps.toast(t('error', { message: error instanceof Error ? error.message : String(error) }));
  }

  /** Watches the open conversation again from the last seq held; the transcript drops what it has. */
  private async catchUp(): Promise<void> {
    const conversationId = this.state?.id;
    if (!conversationId) return;
    const watched = await this.deps.connection
      .call('conversation:watch', { conversationId, afterSeq: this.transcript.lastSeq() })
      .catch(() => undefined);
    if (!watched || this.state?.id !== conversationId) return;
    for (const message of watched.messages) this.transcript.addMessage(message);
    for (const note of watched.notes) this.transcript.addNote(note);
    for (const feedback of watched.feedback) this.showFeedback(feedback);
    this.viewers = watched.viewers;
    this.update(watched.conversation);
  }

  private update(state: ConversationState): void {
    this.state = state;
    this.deps.changed(state);
    this.render();
  }

  private listen(): void {
    const socket = this.deps.connection.socket;
    const mine = (payload: { conversationId: string }) => payload.conversationId === this.state?.id;
    socket.on('message:new', (message) => mine(message) && this.transcript.addMessage(message));
    socket.on('reply:start', (start) => mine(start) && this.transcript.replyStart(start.replyTo));
    socket.on('reply:delta', (delta) => mine(delta) && this.transcript.replyDelta(delta));
    socket.on('reply:reset', (reset) => mine(reset) && this.transcript.replyReset(reset.replyTo));
    socket.on('reply:end', (end) => mine(end) && this.transcript.replyEnd(end));
    socket.on('reply:error', (failure) => mine(failure) && this.transcript.dropStream(failure.replyTo));
    socket.on('note:new', (note) => mine(note) && this.transcript.addNote(note));
    // A new socket is in no room, and a gateway whose bus reconnected may have missed room events.
    socket.on('connect', () => void this.catchUp());
    socket.on('resync', () => void this.catchUp());
    socket.on('conversation:mode', (change) => {
      if (!mine(change) || !this.state) return;
      if (change.mode !== 'bot') this.transcript.dropAllStreams();
      // The server keeps the handoff fields while waiting or human and clears them otherwise.
      const keeps = change.mode === 'waiting' || change.mode === 'human';
      this.update({
        ...this.state,
        mode: change.mode,
        assignedAgent: change.assignedAgent ?? null,
        ...(keeps ? {} : { handoffReason: null, waitingSince: null, handoffBrief: null }),
      });
    });
    socket.on('handoff:requested', (event) => {
      if (!mine(event) || !this.state) return;
      this.update({
        ...this.state,
        handoffReason: event.reason,
        waitingSince: event.waitingSince,
        handoffBrief: event.brief ?? this.state.handoffBrief,
      });
    });
    socket.on('conversation:viewers', (change) => {
      if (!mine(change)) return;
      this.viewers = change.viewers;
      this.renderPresence();
    });
    socket.on('visitor:typing', (event) => {
      if (!mine(event)) return;
      this.visitorTyping = event.typing;
      this.renderPresence();
    });
    socket.on('agent:typing', (event) => {
      if (!mine(event) || event.agentId === this.deps.me.id) return;
      if (event.typing) this.typers.set(event.agentId, event.agentName);
      else this.typers.delete(event.agentId);
      this.renderPresence();
    });
    socket.on('feedback:created', (event) => {
      if (!mine(event)) return;
      this.showFeedback(event.feedback);
      if (event.feedback.kind === 'conversation') this.render();
    });
    socket.on('handoff:brief', (event) => {
      if (!mine(event) || !this.state) return;
      this.update({ ...this.state, handoffBrief: event.brief });
    });
  }

  private render(): void {
    const state = this.state;
    if (!state) return;
    const site = this.deps.site(state.siteId);
    replace(
      this.header,
      ...conversationHeader(state, site, this.deps, {
        take: () => void this.take(),
        handBack: () => void this.act('conversation:hand-back'),
        resolve: () => void this.resolve(),
        reopen: () => void this.act('conversation:reopen'),
        transfer: (to) => this.transfer(to),
      }),
    );
    this.composer.setLocked(!(state.mode === 'human' && state.assignedAgent?.id === this.deps.me.id));
    replace(this.brief, ...briefPanel(state));
    replace(this.details, ...ratingPanel(this.rating), ...detailsPanel(state, site, this.visitor));
    this.renderPresence();
  }

  private showFeedback(feedback: Feedback): void {
    if (feedback.kind === 'conversation') this.rating = feedback;
    else if (feedback.messageId && feedback.value) this.transcript.setThumb(feedback.messageId, feedback.value);
  }

  private renderPresence(): void {
    const others = this.viewers.filter((viewer) => viewer.id !== this.deps.me.id).map((viewer) => viewer.name);
    this.presence.textContent = others.length > 0 ? t('alsoViewing', { names: others.join(', ') }) : '';
    const typing = [...this.typers.values()].map((name) => t('agentTyping', { name }));
    if (this.visitorTyping) typing.unshift(t('visitorTyping'));
    this.typing.textContent = typing.join(' · ');
  }

  private transfer(to: { toTeamId: string } | { toAgentId: string }): void {
    if (!this.state) return;
    this.deps.connection
      .call('conversation:transfer', { conversationId: this.state.id, ...to })
      .then((result) => this.update(result.conversation))
      .catch((error: unknown) => this.fail(error));
  }
}
