import type { AgentConversationSummary, ConversationState } from '../../src/contracts/agent-events.js';
import type { CannedReplyView, SiteView, TeamView } from '../../src/contracts/admin-api.js';
import type { AgentProfile } from '../../src/contracts/auth.js';
import { AgentConnection } from './agent-connection.js';
import type { ApiClient } from './api-client.js';
import { ConversationView } from './conversation-view.js';
import { language, setLanguage, t } from './i18n.js';
import { groupInbox, inboxOrder, type InboxFilter } from './inbox-model.js';
import { InboxView } from './inbox-view.js';
import { installShortcuts } from './keyboard.js';
import { Notifier } from './notifications.js';
import { CannedSettings, PeopleSettings } from './settings-people.js';
import { SitesSettings } from './settings-sites.js';
import { WordSettings } from './settings-words.js';
import { h, replace } from './view.js';

/** Lists refresh this often besides the pushes (a new bot conversation is not pushed to agents). */
const LIST_REFRESH_MS = 5000;

/** The signed-in console: header, inbox + conversation, settings, notifications, shortcuts. */
export class ConsoleApp {
  private readonly connection = new AgentConnection();
  private readonly notifier = new Notifier();
  private readonly conversations = new Map<string, AgentConversationSummary>();
  private readonly reasons = new Map<string, string>();
  private readonly canned = new Map<string, Promise<CannedReplyView[]>>();
  private sites: SiteView[] = [];
  /** For the inbox's team filter. */
  private teamList: TeamView[] = [];
  private teams: Promise<TeamView[]> | undefined;
  private filter: InboxFilter = {};
  private selectedId: string | undefined;
  private readonly inbox: InboxView;
  private readonly conversation: ConversationView;
  private readonly main = h('main', { class: 'workspace', id: 'main' });
  private readonly toastRegion = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  private readonly help: HTMLDialogElement;
  private timer: ReturnType<typeof setInterval> | undefined;
  private removeShortcuts: () => void = () => undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: ApiClient,
    private readonly me: AgentProfile,
    private readonly signOut: () => void,
    /** The server ended the session (logout elsewhere, disabled, expired). */
    private readonly sessionLost: () => void,
  ) {
    this.inbox = new InboxView({
      open: (id) => (location.hash = `#/c/${id}`),
      filter: (change) => ((this.filter = { ...this.filter, ...change }), this.renderInbox()),
    });
    this.conversation = new ConversationView({
      connection: this.connection,
      me,
      site: (siteId) => this.sites.find((site) => site.id === siteId),
      cannedReplies: (siteId) => this.cannedFor(siteId),
      teams: () => this.loadTeams(),
      changed: (state) => this.stateChanged(state),
      back: () => (location.hash = '#/inbox'),
      toast: (text) => this.toast(text),
    });
    this.help = h(
      'dialog',
      { class: 'help', 'aria-label': t('shortcuts') },
      h('h2', {}, t('shortcuts')),
      h('p', {}, t('shortcutList')),
      h('button', { type: 'button', onclick: () => this.help.close() }, t('close')),
    );
  }

  async start(): Promise<void> {
    this.renderShell();
    const socket = this.connection.socket;
    socket.on('connect', () => void this.refresh());
    socket.on('disconnect', () => this.toast(t('connectionLost')));
    socket.on('handoff:requested', (event) => {
      this.reasons.set(event.conversationId, event.reason);
      this.notifier.handoff(event.preview);
      this.toast(t('newHandoff', { preview: event.preview ?? '' }));
      void this.refresh();
    });
    socket.on('conversation:mode', () => void this.refresh());
    socket.on('message:new', () => void this.refresh());
    socket.on('session:ended', () => this.sessionLost());
    this.timer = setInterval(() => void this.refresh(), LIST_REFRESH_MS);
    this.removeShortcuts = installShortcuts({
      next: () => this.move(1),
      previous: () => this.move(-1),
      open: () => this.selectedId && (location.hash = `#/c/${this.selectedId}`),
      take: () => void this.conversation.take(),
      resolve: () => void this.conversation.resolve(),
      focusComposer: () => this.conversation.focusComposer(),
      toggleHelp: () => (this.help.open ? this.help.close() : this.help.showModal()),
      escape: () => this.help.open && this.help.close(),
    });
    window.addEventListener('hashchange', this.onHashChange);
    await this.loadSites();
    // Every agent may list teams (transfers need them); a failure only hides the team filter.
    this.teamList = await this.loadTeams().catch(() => []);
    await this.route();
  }

  private readonly onHashChange = () => void this.route();

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.toastTimer);
    window.removeEventListener('hashchange', this.onHashChange);
    this.removeShortcuts();
    this.connection.close();
  }

  private renderShell(): void {
    const nav = (hash: string, label: string) => h('a', { href: hash, class: 'nav-link' }, label);
    const mute = h(
      'button',
      { type: 'button', class: 'mute', 'aria-pressed': String(this.notifier.isMuted()) },
      this.notifier.isMuted() ? t('unmute') : t('mute'),
    );
    mute.addEventListener('click', () => {
      const muted = this.notifier.toggleMute();
      mute.textContent = muted ? t('unmute') : t('mute');
      mute.setAttribute('aria-pressed', String(muted));
    });
    replace(
      this.root,
      h(
        'header',
        { class: 'topbar' },
        h('strong', { class: 'brand' }, t('appName')),
        h(
          'nav',
          { 'aria-label': 'main' },
          nav('#/inbox', t('inbox')),
          this.me.role === 'admin' ? nav('#/settings', t('settings')) : null,
        ),
        h(
          'div',
          { class: 'topbar-tools' },
          mute,
          h('button', { type: 'button', onclick: () => void this.notifier.askPermission() }, t('notify')),
          h(
            'button',
            { type: 'button', class: 'lang', onclick: () => (setLanguage(language() === 'zh' ? 'en' : 'zh'), location.reload()) },
            t('language'),
          ),
          h('button', { type: 'button', 'aria-label': t('shortcuts'), onclick: () => this.help.showModal() }, '?'),
          h('span', { class: 'me' }, this.me.name),
          h('button', { type: 'button', class: 'sign-out', onclick: () => this.signOut() }, t('signOut')),
        ),
      ),
      this.main,
      this.toastRegion,
      this.help,
    );
  }

  private async route(): Promise<void> {
    const hash = location.hash || '#/inbox';
    // Settings scroll as a page; the inbox and conversation panes scroll inside themselves.
    this.root.classList.toggle('page-scroll', hash.startsWith('#/settings'));
    if (hash.startsWith('#/settings')) return this.showSettings();
    const open = /^#\/c\/([\w-]+)$/.exec(hash)?.[1];
    replace(this.main, h('div', { class: `panes${open ? ' has-open' : ''}` }, this.inbox.element, this.conversation.element));
    if (open) {
      this.selectedId = open;
      await this.conversation.open(open).catch((error: unknown) => this.toast(t('error', { message: (error as Error).message })));
    } else this.conversation.showEmpty();
    this.renderInbox();
  }

  private async showSettings(): Promise<void> {
    if (this.me.role !== 'admin') {
      replace(this.main, h('p', {}, t('adminOnly')));
      return;
    }
    const people = new PeopleSettings(this.api, (text) => this.toast(text));
    const canned = new CannedSettings(this.api, (text) => this.toast(text));
    const words = new WordSettings(this.api, (text) => this.toast(text));
    const fail = (error: unknown) => this.toast(t('error', { message: (error as Error).message }));
    // A new or renamed site shows up in the other settings at once.
    const reload = async () => {
      const loaded = await this.loadSites();
      void Promise.all([people.render(loaded), canned.render(loaded), words.render(loaded)]).catch(fail);
      return loaded;
    };
    const sites = new SitesSettings(this.api, reload, (text) => this.toast(text));
    replace(this.main, h('div', { class: 'settings' }, sites.element, canned.element, words.element, people.element));
    sites.render(this.sites);
    await Promise.all([people.render(this.sites), canned.render(this.sites), words.render(this.sites)]).catch(fail);
  }

  /** Loaded once per page: transfers and the inbox filter both need them. */
  private loadTeams(): Promise<TeamView[]> {
    return (this.teams ??= this.api.request<{ teams: TeamView[] }>('GET', '/api/v1/teams').then((body) => body.teams));
  }

  private async loadSites(): Promise<SiteView[]> {
    this.sites = (await this.api.request<{ sites: SiteView[] }>('GET', '/api/v1/sites')).sites;
    this.canned.clear();
    return this.sites;
  }

  private cannedFor(siteId: string): Promise<CannedReplyView[]> {
    let replies = this.canned.get(siteId);
    if (!replies) {
      replies = this.api
        .request<{ cannedReplies: CannedReplyView[] }>('GET', `/api/v1/sites/${siteId}/canned-replies`)
        .then((body) => body.cannedReplies);
      this.canned.set(siteId, replies);
    }
    return replies;
  }

  private async refresh(): Promise<void> {
    try {
      const { conversations } = await this.connection.call('conversations:list', { limit: 100 });
      this.conversations.clear();
      for (const conversation of conversations) this.conversations.set(conversation.id, conversation);
      if (this.sites.length === 0 || conversations.some((c) => !this.sites.some((site) => site.id === c.siteId)))
        await this.loadSites();
      this.renderInbox();
    } catch {
      // Disconnected: the next connect refreshes.
    }
  }

  private stateChanged(state: ConversationState): void {
    const known = this.conversations.get(state.id);
    if (known)
      this.conversations.set(state.id, {
        ...known,
        mode: state.mode,
        assignedAgent: state.assignedAgent,
        waitingSince: state.waitingSince,
      });
    if (state.handoffReason) this.reasons.set(state.id, state.handoffReason);
    this.renderInbox();
  }

  private sections() {
    return groupInbox(
      [...this.conversations.values()],
      this.me.id,
      this.filter,
      new Map(this.sites.map((site) => [site.id, site.name])),
    );
  }

  private renderInbox(): void {
    const sections = this.sections();
    this.notifier.setWaitingCount(sections.find((section) => section.key === 'waiting')!.items.length);
    this.inbox.render({
      sections,
      myId: this.me.id,
      selectedId: this.selectedId,
      openId: this.conversation.id,
      reasons: this.reasons,
      sites: this.sites,
      teams: this.teamList,
      filter: this.filter,
    });
  }

  private move(step: number): void {
    const order = inboxOrder(this.sections());
    if (order.length === 0) return;
    const index = order.findIndex((item) => item.id === this.selectedId);
    const next = order[Math.min(order.length - 1, Math.max(0, index < 0 ? 0 : index + step))]!;
    this.selectedId = next.id;
    this.renderInbox();
    this.inbox.reveal(next.id);
  }

  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  /** A short message at the bottom; it goes after a while (a set-password token stays longer). */
  private toast(text: string): void {
    this.toastRegion.textContent = text;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toastRegion.textContent = ''), text.length > 80 ? 60_000 : 6000);
  }
}
