import type { SiteView } from '../../src/contracts/admin-api.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { h, replace } from './view.js';

/** The one tag a company pastes into its pages. */
export function embedSnippet(site: Pick<SiteView, 'widgetKey'>, origin: string = location.origin): string {
  return `<script src="${origin}/widget.js" data-site-key="${site.widgetKey}" async></script>`;
}

function field(label: string, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}

/** Sites: create one, edit its settings, copy its embed snippet, rotate its key, delete it. */
export class SitesSettings {
  readonly element = h('section', { class: 'settings-sites', 'aria-label': t('sites') });
  private selected: string | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly onChange: () => Promise<SiteView[]>,
    private readonly toast: (text: string) => void,
  ) {}

  render(sites: readonly SiteView[]): void {
    const current = sites.find((site) => site.id === this.selected) ?? sites[0];
    this.selected = current?.id;
    replace(
      this.element,
      h('h2', {}, t('sites')),
      h(
        'ul',
        { class: 'pill-list' },
        ...sites.map((site) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: site.id === current?.id ? 'pill active' : 'pill',
                onclick: () => ((this.selected = site.id), this.render(sites)),
              },
              site.name,
            ),
          ),
        ),
      ),
      current ? this.editor(current) : null,
      this.createForm(),
    );
  }

  private form(
    site: Partial<SiteView>,
    submit: string,
    onSubmit: (body: Record<string, unknown>) => Promise<void>,
  ): HTMLFormElement {
    const name = h('input', { name: 'name', required: true, value: site.name ?? '' });
    const prompt = h('textarea', { name: 'systemPrompt', rows: 3, required: true });
    prompt.value = site.systemPrompt ?? '';
    const origins = h('textarea', { name: 'allowedOrigins', rows: 2 });
    origins.value = (site.allowedOrigins ?? []).join('\n');
    const lang = h('input', { name: 'language', value: site.language ?? 'en' });
    const model = h('input', { name: 'model', value: site.model ?? 'deepseek-chat' });
    const window = h('input', { name: 'historyWindow', type: 'number', min: 0, max: 200, value: site.historyWindow ?? 10 });
    const greeting = h('input', { name: 'greeting', maxlength: 500, value: site.greeting ?? '' });
    const questions = h('textarea', { name: 'suggestedQuestions', rows: 3 });
    questions.value = (site.suggestedQuestions ?? []).join('\n');
    return h(
      'form',
      {
        class: 'settings-form',
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          onSubmit({
            name: name.value,
            systemPrompt: prompt.value,
            allowedOrigins: origins.value.split(/[\s,]+/).filter(Boolean),
            language: lang.value,
            model: model.value,
            historyWindow: Number(window.value),
            greeting: greeting.value.trim() || null,
            suggestedQuestions: questions.value
              .split('\n')
              .map((question) => question.trim())
              .filter(Boolean),
          }).catch((error: unknown) => this.toast(t('error', { message: (error as Error).message })));
        },
      },
      field(t('name'), name),
      field(t('systemPrompt'), prompt),
      field(t('allowedOrigins'), origins),
      h('div', { class: 'row' }, field(t('siteLanguage'), lang), field(t('model'), model), field(t('historyWindow'), window)),
      field(t('greeting'), greeting),
      field(t('suggestedQuestions'), questions),
      h('button', { type: 'submit', class: 'primary' }, submit),
    );
  }

  private editor(site: SiteView): HTMLElement {
    const snippet = embedSnippet(site);
    const confirm = h('input', { 'aria-label': t('deleteConfirm'), placeholder: site.name });
    return h(
      'div',
      { class: 'site-editor' },
      h('h3', {}, t('embed')),
      h('pre', { class: 'snippet' }, h('code', {}, snippet)),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', class: 'copy', onclick: () => void copy(snippet).then(() => this.toast(t('copied'))) },
          t('copy'),
        ),
        h(
          'button',
          { type: 'button', onclick: () => void this.call('POST', `/api/v1/sites/${site.id}/widget-key/rotate`) },
          t('rotateKey'),
        ),
      ),
      this.form(site, t('save'), async (body) => {
        await this.api.request('PATCH', `/api/v1/sites/${site.id}`, body);
        this.toast(t('saved'));
        this.render(await this.onChange());
      }),
      h(
        'form',
        {
          class: 'danger row',
          onsubmit: (event: SubmitEvent) => {
            event.preventDefault();
            void this.call('DELETE', `/api/v1/sites/${site.id}`, { confirm: confirm.value });
          },
        },
        field(t('deleteConfirm'), confirm),
        h('button', { type: 'submit', class: 'danger' }, t('delete')),
      ),
    );
  }

  private createForm(): HTMLElement {
    return h(
      'details',
      { class: 'create-site' },
      h('summary', {}, `${t('create')}: ${t('sites')}`),
      this.form({}, t('create'), async (body) => {
        const { site } = await this.api.request<{ site: SiteView }>('POST', '/api/v1/sites', body);
        this.selected = site.id;
        this.render(await this.onChange());
      }),
    );
  }

  private async call(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await this.api.request(method, path, body);
      this.render(await this.onChange());
    } catch (error) {
      this.toast(t('error', { message: (error as Error).message }));
    }
  }
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (http, old browser): select a hidden field and copy from it.
    const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
