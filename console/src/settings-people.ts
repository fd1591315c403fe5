import type { AgentView, CannedReplyView, SiteView, TeamView } from '../../src/contracts/admin-api.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { h, replace } from './view.js';

type Toast = (text: string) => void;

function failWith(toast: Toast) {
  return (error: unknown) => toast(t('error', { message: (error as Error).message }));
}

/** Agents (invite, role, disable) and teams. */
export class PeopleSettings {
  readonly element = h('section', { class: 'settings-people', 'aria-label': t('agents') });

  constructor(
    private readonly api: ApiClient,
    private readonly toast: Toast,
  ) {}

  async render(sites: readonly SiteView[]): Promise<void> {
    const [{ agents }, { teams }] = await Promise.all([
      this.api.request<{ agents: AgentView[] }>('GET', '/api/v1/agents'),
      this.api.request<{ teams: TeamView[] }>('GET', '/api/v1/teams'),
    ]);
    const reload = () => void this.render(sites).catch(failWith(this.toast));
    const name = h('input', { required: true, 'aria-label': t('name'), placeholder: t('name') });
    const email = h('input', { type: 'email', required: true, 'aria-label': t('email'), placeholder: t('email') });
    const role = h(
      'select',
      { 'aria-label': t('role') },
      h('option', { value: 'agent' }, 'agent'),
      h('option', { value: 'admin' }, 'admin'),
    );
    const siteBoxes = sites.map((site) => ({ site, box: h('input', { type: 'checkbox', checked: true }) }));
    const teamName = h('input', { required: true, 'aria-label': t('teams'), placeholder: t('teams') });
    replace(
      this.element,
      h('h2', {}, t('agents')),
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('name')), h('th', {}, t('email')), h('th', {}, t('role')), h('th', {}, ''))),
        h(
          'tbody',
          {},
          ...agents.map((agent) =>
            h(
              'tr',
              {},
              h('td', {}, agent.name, agent.disabled ? h('span', { class: 'badge' }, t('disabled')) : null),
              h('td', {}, agent.email),
              h('td', {}, agent.role),
              h(
                'td',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: () =>
                      void this.api
                        .request('PATCH', `/api/v1/agents/${agent.id}`, { disabled: !agent.disabled })
                        .then(reload, failWith(this.toast)),
                  },
                  agent.disabled ? t('enable') : t('disable'),
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        'form',
        {
          class: 'settings-form row',
          onsubmit: (event: SubmitEvent) => {
            event.preventDefault();
            const body = {
              name: name.value,
              email: email.value,
              role: role.value,
              siteIds: siteBoxes.filter((entry) => entry.box.checked).map((entry) => entry.site.id),
            };
            this.api.request<{ agent: AgentView; setPasswordToken?: string }>('POST', '/api/v1/agents', body).then((result) => {
              if (result.setPasswordToken)
                this.toast(t('inviteToken', { email: result.agent.email, token: result.setPasswordToken }));
              reload();
            }, failWith(this.toast));
          },
        },
        name,
        email,
        role,
        ...siteBoxes.map((entry) => h('label', {}, entry.box, ' ', entry.site.name)),
        h('button', { type: 'submit', class: 'primary' }, t('invite')),
      ),
      h('h2', {}, t('teams')),
      h(
        'ul',
        { class: 'pill-list' },
        ...teams.map((team) => h('li', { class: 'pill' }, `${team.name} (${team.memberIds.length})`)),
      ),
      h(
        'form',
        {
          class: 'settings-form row',
          onsubmit: (event: SubmitEvent) => {
            event.preventDefault();
            this.api.request('POST', '/api/v1/teams', { name: teamName.value }).then(reload, failWith(this.toast));
          },
        },
        teamName,
        h('button', { type: 'submit', class: 'primary' }, t('create')),
      ),
    );
  }
}

/** A site's canned replies: list, add, delete. */
export class CannedSettings {
  readonly element = h('section', { class: 'settings-canned', 'aria-label': t('canned') });
  private readonly list = h('ul', { class: 'canned-settings-list' });
  private siteId: string | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly toast: Toast,
  ) {}

  async render(sites: readonly SiteView[]): Promise<void> {
    this.siteId = sites.find((site) => site.id === this.siteId)?.id ?? sites[0]?.id;
    const picker = h(
      'select',
      {
        'aria-label': t('site'),
        onchange: () => ((this.siteId = picker.value), void this.loadList().catch(failWith(this.toast))),
      },
      ...sites.map((site) => h('option', { value: site.id, selected: site.id === this.siteId }, site.name)),
    );
    const shortcut = h('input', {
      required: true,
      'aria-label': t('shortcut'),
      placeholder: t('shortcut'),
      class: 'canned-shortcut',
    });
    const text = h('textarea', {
      required: true,
      rows: 2,
      'aria-label': t('text'),
      placeholder: t('text'),
      class: 'canned-text',
    });
    const form = h(
      'form',
      {
        class: 'settings-form',
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          this.api
            .request('POST', `/api/v1/sites/${this.siteId}/canned-replies`, { shortcut: shortcut.value, text: text.value })
            .then(() => {
              form.reset();
              return this.loadList();
            }, failWith(this.toast));
        },
      },
      shortcut,
      text,
      h('p', { class: 'muted' }, t('variablesHint')),
      h('button', { type: 'submit', class: 'primary canned-add' }, t('create')),
    );
    replace(this.element, h('h2', {}, t('canned')), picker, this.list, form);
    await this.loadList();
  }

  private async loadList(): Promise<void> {
    const siteId = this.siteId;
    const replies = siteId
      ? (await this.api.request<{ cannedReplies: CannedReplyView[] }>('GET', `/api/v1/sites/${siteId}/canned-replies`))
          .cannedReplies
      : [];
    replace(
      this.list,
      ...replies.map((reply) =>
        h(
          'li',
          {},
          h('strong', {}, `/${reply.shortcut}`),
          ' ',
          h('span', {}, reply.text),
          ' ',
          h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void this.api
                  .request('DELETE', `/api/v1/sites/${siteId}/canned-replies/${reply.id}`)
                  .then(() => this.loadList(), failWith(this.toast)),
            },
            t('delete'),
          ),
        ),
      ),
    );
  }
}
