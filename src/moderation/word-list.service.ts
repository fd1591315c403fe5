import { AppError } from '../errors/app-error.js';
import type { WordEntry } from '../filter/index.js';
import type { WordListChanges } from '../realtime/word-list-changes.js';
import { filterPolicySchema, type SiteFilterPolicyInput } from './filter-policy.js';
import { DEFAULT_LIST } from './site-filter-registry.js';
import { formatWordList, MAX_IMPORT_LINES, parseWordList } from './word-list-format.js';
import type { WordListRepository, WordListScope, WordRow } from './word-list.repository.js';

/** Most entries one list (a site's, or the default list) may hold. */
export const MAX_LIST_WORDS = 100_000;

/**
 * Word-list and filter-policy use cases for operators. Every change is committed first, then announced
 * on the change channel, so every gateway and worker rebuilds the site's engine.
 */
export class WordListService {
  constructor(private readonly deps: { words: WordListRepository; changes: WordListChanges }) {}

  /** `default` is the shared list; anything else must be an existing site's id. */
  async resolveScope(siteId: string): Promise<WordListScope> {
    if (siteId === DEFAULT_LIST) return null;
    if (
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(siteId) ||
      !(await this.deps.words.siteExists(siteId))
    ) {
      throw new AppError('NOT_FOUND', 'No such site.');
    }
    return siteId;
  }

  async list(scope: WordListScope, page: { after?: string; limit: number }): Promise<{ words: WordRow[]; next: string | null }> {
    const words = await this.deps.words.list(scope, page);
    return { words, next: words.length === page.limit ? words.at(-1)!.word : null };
  }

  async add(scope: WordListScope, entry: WordEntry): Promise<WordRow> {
    if ((await this.deps.words.count(scope)) >= MAX_LIST_WORDS) {
      throw new AppError('CONFLICT', `A word list may hold at most ${MAX_LIST_WORDS} words.`);
    }
    const row = await this.deps.words.add(scope, entry);
    if (!row) throw new AppError('CONFLICT', 'The list already has this word.');
    await this.changed(scope);
    return row;
  }

  async remove(scope: WordListScope, wordId: string): Promise<void> {
    if (!(await this.deps.words.remove(scope, wordId))) throw new AppError('NOT_FOUND', 'No such word in this list.');
    await this.changed(scope);
  }

  /** All or nothing: a file with any bad line writes nothing and the error lists the lines. */
  async import(scope: WordListScope, text: string, replace: boolean): Promise<{ imported: number }> {
    const { entries, errors, lines } = parseWordList(text);
    if (lines > MAX_IMPORT_LINES) {
      throw new AppError('TOO_LONG', `An import may have at most ${MAX_IMPORT_LINES} lines.`);
    }
    if (errors.length > 0) {
      throw new AppError('BAD_REQUEST', `The import has ${errors.length} bad line(s); nothing was imported.`, {
        lineErrors: errors,
      });
    }
    const existing = replace ? 0 : await this.deps.words.count(scope);
    if (existing + entries.length > MAX_LIST_WORDS) {
      throw new AppError('CONFLICT', `A word list may hold at most ${MAX_LIST_WORDS} words.`);
    }
    await this.deps.words.importEntries(scope, entries, replace);
    await this.changed(scope);
    return { imported: entries.length };
  }

  async export(scope: WordListScope): Promise<string> {
    return formatWordList(await this.deps.words.exportEntries(scope));
  }

  async filterPolicy(siteId: string): Promise<SiteFilterPolicyInput> {
    const policy = await this.deps.words.getFilterPolicy(siteId);
    if (!policy) throw new AppError('NOT_FOUND', 'No such site.');
    return policy as SiteFilterPolicyInput;
  }

  async setFilterPolicy(siteId: string, input: unknown): Promise<SiteFilterPolicyInput> {
    const policy = filterPolicySchema.parse(input);
    if (!(await this.deps.words.setFilterPolicy(siteId, policy))) throw new AppError('NOT_FOUND', 'No such site.');
    await this.deps.changes.publish(siteId);
    return policy;
  }

  private async changed(scope: WordListScope): Promise<void> {
    await this.deps.changes.publish(scope ?? DEFAULT_LIST);
  }
}
