import type { AgentConversationSummary } from '../../src/contracts/agent-events.js';
import type { SiteView, TeamView } from '../../src/contracts/admin-api.js';
import { reasonText, t, type StringKey } from './i18n.js';
import type { InboxSection, SectionKey } from './inbox-model.js';
import { age, h, replace } from './view.js';

const SECTION_TITLES: Record<SectionKey, StringKey> = {
  waiting: 'sectionWaiting',
  mine: 'sectionMine',
  others: 'sectionOthers',
  bot: 'sectionBot',
  resolved: 'sectionResolved',
};

export interface InboxViewState {
  sections: InboxSection[];
  myId: string;
  selectedId: string | undefined;
  openId: string | undefined;
  reasons: ReadonlyMap<string, string>;
  sites: readonly SiteView[];
  teams: readonly TeamView[];
  filter: { siteId?: string | undefined; teamId?: string | undefined; query?: string | undefined };
}

export interface InboxViewHandlers {
  open(id: string): void;
  filter(change: { siteId?: string | undefined; teamId?: string | undefined; query?: string | undefined }): void;
}

/** The inbox pane: filters on top, then the sections with their counters. */
export class InboxView {
  readonly element = h('section', { class: 'inbox', 'aria-label': 'inbox' });
  private readonly search: HTMLInputElement;
  private readonly site: HTMLSelectElement;
  private readonly team: HTMLSelectElement;
  private readonly list = h('div', { class: 'inbox-list' });

  constructor(private readonly handlers: InboxViewHandlers) {
    this.search = h('input', {
      type: 'search',
      class: 'inbox-search',
      'aria-label': t('search'),
      placeholder: t('search'),
      oninput: () => handlers.filter({ query: this.search.value }),
    });
    this.site = h('select', {
      class: 'inbox-site',
      'aria-label': t('site'),
      onchange: () => handlers.filter({ siteId: this.site.value || undefined }),
    });
    this.team = h('select', {
      class: 'inbox-team',
      'aria-label': t('team'),
      onchange: () => handlers.filter({ teamId: this.team.value || undefined }),
    });
    this.element.append(h('div', { class: 'inbox-filters' }, this.site, this.team, this.search), this.list);
  }

  render(state: InboxViewState): void {
    const chosen = state.filter.siteId ?? '';
    replace(
      this.site,
      h('option', { value: '' }, t('allSites')),
      ...state.sites.map((site) => h('option', { value: site.id, selected: site.id === chosen }, site.name)),
    );
    this.site.value = chosen;
    const team = state.filter.teamId ?? '';
    replace(
      this.team,
      h('option', { value: '' }, t('allTeams')),
      ...state.teams.map((entry) => h('option', { value: entry.id, selected: entry.id === team }, entry.name)),
    );
    this.team.value = team;
    this.team.hidden = state.teams.length === 0;
    const siteNames = new Map(state.sites.map((site) => [site.id, site.name]));
    replace(
      this.list,
      ...state.sections.map((section) =>
        h(
          'section',
          { class: `inbox-section section-${section.key}`, 'aria-label': t(SECTION_TITLES[section.key]) },
          h(
            'h2',
            {},
            t(SECTION_TITLES[section.key]),
            ' ',
            h('span', { class: 'counter', 'data-section': section.key }, section.items.length),
          ),
          section.items.length === 0
            ? h('p', { class: 'muted' }, t('empty'))
            : h('ul', {}, ...section.items.map((item) => this.row(item, state, siteNames))),
        ),
      ),
    );
  }

  private row(item: AgentConversationSummary, state: InboxViewState, siteNames: Map<string, string>): HTMLLIElement {
    const reason = state.reasons.get(item.id);
    const preview = item.lastMessage?.text ?? '';
    const selected = item.id === state.selectedId;
    const button = h(
      'button',
      {
        type: 'button',
        class: `inbox-row${selected ? ' selected' : ''}${item.id === state.openId ? ' open' : ''}`,
        'data-id': item.id,
        'aria-current': item.id === state.openId ? 'true' : undefined,
        onclick: () => this.handlers.open(item.id),
      },
      h(
        'span',
        { class: 'row-top' },
        h(
          'span',
          { class: 'row-site' },
          siteNames.get(item.siteId) ?? item.siteId.slice(0, 8),
          item.visitor.name ? ` · ${item.visitor.name}` : '',
        ),
        item.mode === 'waiting' && item.waitingSince
          ? h('span', { class: 'row-wait' }, t('waitingFor', { age: age(item.waitingSince) }))
          : h('span', { class: 'row-age' }, age(item.updatedAt)),
      ),
      h('span', { class: 'row-preview' }, preview || '…'),
      reason ? h('span', { class: 'row-reason' }, t('reason', { reason: reasonText(reason) })) : null,
      item.assignedAgent && item.mode === 'human' && item.assignedAgent.id !== state.myId
        ? h('span', { class: 'row-owner' }, t('takenBy', { name: item.assignedAgent.name }))
        : null,
    );
    return h('li', {}, button);
  }

  /** Scrolls the selected row into view (keyboard navigation). */
  reveal(id: string): void {
    this.list.querySelector(`[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }
}
