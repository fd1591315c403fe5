import type { SiteView, TeamView } from '../../src/contracts/admin-api.js';
import type { ConversationState } from '../../src/contracts/agent-events.js';
import type { AgentProfile } from '../../src/contracts/auth.js';
import type { AgentConnection } from './agent-connection.js';
import { t, type StringKey } from './i18n.js';
import { h, type Child } from './view.js';

const MODE_KEYS: Record<ConversationState['mode'], StringKey> = {
  bot: 'modeBot',
  waiting: 'modeWaiting',
  human: 'modeHuman',
  resolved: 'modeResolved',
};

/** What the header reads: the agent, and where the transfer list comes from. */
export interface HeaderDeps {
  connection: AgentConnection;
  me: AgentProfile;
  teams(): Promise<TeamView[]>;
}

/** What the header's buttons and transfer list ask the conversation to do. */
export interface HeaderActions {
  take(): void;
  handBack(): void;
  resolve(): void;
  reopen(): void;
  transfer(to: { toTeamId: string } | { toAgentId: string }): void;
}

/**
 * The open conversation's header: site, mode and owner ("Taken by Lin"), and the actions bar with only
 * the moves the agent may make from here (take over, hand back, resolve, reopen, transfer).
 */
export function conversationHeader(
  state: ConversationState,
  site: SiteView | undefined,
  deps: HeaderDeps,
  actions: HeaderActions,
): Child[] {
  const ownedByMe = state.mode === 'human' && state.assignedAgent?.id === deps.me.id;
  const owner =
    state.mode === 'human' && state.assignedAgent && !ownedByMe
      ? t('takenBy', { name: state.assignedAgent.name })
      : ownedByMe
        ? t('youOwn')
        : '';
  const button = (label: StringKey, onclick: () => void, key?: string) =>
    h('button', { type: 'button', class: 'action', onclick, 'aria-keyshortcuts': key }, t(label), key ? h('kbd', {}, key) : null);
  const buttons: HTMLElement[] = [];
  if (state.mode === 'bot' || state.mode === 'waiting') buttons.push(button('takeOver', () => actions.take(), 't'));
  if (ownedByMe) buttons.push(button('handBack', () => actions.handBack()));
  if (state.mode !== 'resolved' && (state.mode !== 'human' || ownedByMe))
    buttons.push(button('resolve', () => actions.resolve(), 'r'));
  if (state.mode === 'resolved') buttons.push(button('reopen', () => actions.reopen()));
  if (ownedByMe || state.mode === 'waiting') buttons.push(transferControl(state.siteId, deps, actions));
  return [
    h(
      'div',
      { class: 'conv-title' },
      h('h2', {}, site?.name ?? state.siteId.slice(0, 8)),
      h('span', { class: `badge mode-${state.mode}` }, t(MODE_KEYS[state.mode])),
      owner ? h('span', { class: 'conv-owner' }, owner) : null,
    ),
    h('div', { class: 'conv-actions' }, ...buttons),
  ];
}

/** "Transfer to…": the teams, then the site's colleagues who are online. */
function transferControl(siteId: string, deps: HeaderDeps, actions: HeaderActions): HTMLElement {
  const select = h('select', { class: 'transfer', 'aria-label': t('transfer') }, h('option', { value: '' }, t('transferTo')));
  void Promise.all([
    deps.teams().catch(() => []),
    deps.connection
      .call('agents:presence', { siteId })
      .then((result) => result.agents)
      .catch(() => []),
  ]).then(([teams, agents]) => {
    for (const team of teams) select.append(h('option', { value: `team:${team.id}` }, `${t('teams')}: ${team.name}`));
    for (const agent of agents)
      if (agent.id !== deps.me.id && agent.status !== 'offline')
        select.append(h('option', { value: `agent:${agent.id}` }, agent.name));
  });
  select.addEventListener('change', () => {
    const [kind, id] = select.value.split(':');
    if (!id) return;
    actions.transfer(kind === 'team' ? { toTeamId: id } : { toAgentId: id });
  });
  return select;
}
