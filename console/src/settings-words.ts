import type { SiteView } from '../../src/contracts/admin-api.js';
import { FILTER_CATEGORIES } from '../../src/contracts/enum-values.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { h, replace } from './view.js';

interface Word {
  id: string;
  word: string;
  category: string;
  allow: boolean;
}

/** A site's sensitive words: the first page, add and remove, import (merge or replace) and export. */
export class WordSettings {
  readonly element = h('section', { class: 'settings-words', 'aria-label': t('words') });
  private readonly list = h('ul', { class: 'word-list' });
  private siteId: string | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly toast: (text: string) => void,
  ) {}

  async render(sites: readonly SiteView[]): Promise<void> {
    this.siteId = sites.find((site) => site.id === this.siteId)?.id ?? sites[0]?.id;
    const fail = (error: unknown) => this.toast(t('error', { message: (error as Error).message }));
    const picker = h(
      'select',
      { 'aria-label': t('site'), onchange: () => ((this.siteId = picker.value), void this.load().catch(fail)) },
      ...sites.map((site) => h('option', { value: site.id, selected: site.id === this.siteId }, site.name)),
    );
    const word = h('input', { required: true, 'aria-label': t('word'), placeholder: t('word') });
    const category = h(
      'select',
      { 'aria-label': t('category') },
      ...FILTER_CATEGORIES.map((name) => h('option', { value: name }, name)),
    );
    const allow = h('input', { type: 'checkbox' });
    const importText = h('textarea', { rows: 4, 'aria-label': t('importWords'), placeholder: 'word<TAB>category' });
    const mode = h(
      'select',
      { 'aria-label': t('importMode') },
      h('option', { value: 'merge' }, 'merge'),
      h('option', { value: 'replace' }, 'replace'),
    );
    replace(
      this.element,
      h('h2', {}, t('words')),
      picker,
      this.list,
      h(
        'form',
        {
          class: 'settings-form row',
          onsubmit: (event: SubmitEvent) => {
            event.preventDefault();
            const body = { word: word.value, category: category.value, allow: allow.checked };
            this.api.request('POST', this.path('words'), body).then(() => ((word.value = ''), this.load()), fail);
          },
        },
        word,
        category,
        h('label', {}, allow, ' ', t('allowWord')),
        h('button', { type: 'submit', class: 'primary' }, t('create')),
      ),
      h(
        'form',
        {
          class: 'settings-form',
          onsubmit: (event: SubmitEvent) => {
            event.preventDefault();
            this.api
              .text('POST', `${this.path('words/import')}?mode=${mode.value}`, importText.value)
              .then((answer) => this.toast(t('imported', { count: (JSON.parse(answer) as { imported: number }).imported })))
              .then(() => this.load(), fail);
          },
        },
        importText,
        h(
          'div',
          { class: 'row' },
          mode,
          h('button', { type: 'submit' }, t('importWords')),
          h('button', { type: 'button', onclick: () => void this.export().catch(fail) }, t('exportWords')),
        ),
      ),
    );
    await this.load();
  }

  private path(rest: string): string {
    return `/api/v1/sites/${this.siteId ?? ''}/${rest}`;
  }

  private async load(): Promise<void> {
    const { words } = this.siteId
      ? await this.api.request<{ words: Word[] }>('GET', `${this.path('words')}?limit=100`)
      : { words: [] };
    replace(
      this.list,
      ...words.map((entry) =>
        h(
          'li',
          { class: 'pill' },
          entry.word,
          ` · ${entry.category}${entry.allow ? ` · ${t('allowWord')}` : ''} `,
          h(
            'button',
            {
              type: 'button',
              'aria-label': `${t('delete')} ${entry.word}`,
              onclick: () => void this.api.request('DELETE', this.path(`words/${entry.id}`)).then(() => this.load()),
            },
            '×',
          ),
        ),
      ),
    );
  }

  /** Downloads the list as the import format (a Blob URL: no request leaves the page). */
  private async export(): Promise<void> {
    const text = await this.api.text('GET', this.path('words/export'));
    const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })), download: 'words.txt' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}
