import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../../support/test-app.js';
import { addWord, api } from './filter-support.js';

describe('word-list REST API', () => {
  const stack = new TestStack({ label: 'filter_api' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const expectProblem = (response: Awaited<ReturnType<typeof api>>, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.type).toContain('application/problem+json');
    expect(response.json).toMatchObject({ status, code, title: code });
  };

  it('adds, lists page by page and deletes words', async () => {
    const site = await stack.createSite();
    const created = await api(stack, 'POST', `/sites/${site.id}/words`, { word: 'gamma', category: 'ads' });
    expect(created.status).toBe(201);
    expect(created.json.word).toMatchObject({ word: 'gamma', category: 'ads', allow: false });
    await addWord(stack, site.id, 'alpha', 'custom');
    await api(stack, 'POST', `/sites/${site.id}/words`, { word: 'assassin', category: 'custom', allow: true });

    const first = await api(stack, 'GET', `/sites/${site.id}/words?limit=2`);
    expect(first.json.words.map((word: { word: string }) => word.word)).toEqual(['alpha', 'assassin']);
    expect(first.json.next).toBe('assassin');
    const second = await api(stack, 'GET', `/sites/${site.id}/words?limit=2&after=${first.json.next}`);
    expect(second.json).toMatchObject({ words: [{ word: 'gamma' }], next: null });

    expectProblem(await api(stack, 'POST', `/sites/${site.id}/words`, { word: 'gamma', category: 'custom' }), 409, 'CONFLICT');
    expect((await api(stack, 'DELETE', `/sites/${site.id}/words/${created.json.word.id}`)).status).toBe(204);
    expectProblem(await api(stack, 'DELETE', `/sites/${site.id}/words/${created.json.word.id}`), 404, 'NOT_FOUND');
  });

  it('answers bad input with problem bodies', async () => {
    const site = await stack.createSite();
    const words = `/sites/${site.id}/words`;
    const noToken = await fetch(`${stack.url}/api/v1${words}`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('content-type')).toContain('application/problem+json');

    expectProblem(await api(stack, 'POST', words, { word: 'x' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'POST', words, { word: 'x', category: 'gossip' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'POST', words, { word: '   ', category: 'custom' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'POST', words, { word: 'a'.repeat(65), category: 'custom' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'POST', words, { word: 'a\tb', category: 'custom' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'POST', words, '{"word":', { contentType: 'application/json' }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'GET', `${words}?limit=0`), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'GET', `${words}?limit=lots`), 400, 'BAD_REQUEST');
    expect((await api(stack, 'GET', `${words}?limit=5000`)).status).toBe(200);
    expectProblem(await api(stack, 'DELETE', `${words}/not-a-uuid`), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'GET', '/sites/00000000-0000-4000-8000-000000000000/words'), 404, 'NOT_FOUND');
    expectProblem(await api(stack, 'GET', '/sites/nonsense/words'), 404, 'NOT_FOUND');
    expectProblem(
      await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { actions: { ads: 'explode' } }),
      400,
      'BAD_REQUEST',
    );
    expectProblem(await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { normalise: {} }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'PUT', '/sites/default/filter-policy', {}), 400, 'BAD_REQUEST');
    const badPattern = await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { pii: { orderNumberPatterns: ['(a+)+$'] } });
    expectProblem(badPattern, 400, 'BAD_REQUEST');
    expect(badPattern.json.detail).toContain('orderNumberPatterns');
    expectProblem(await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { starterList: ['gossip'] }), 400, 'BAD_REQUEST');
    expectProblem(await api(stack, 'PUT', `/sites/${site.id}/filter-policy`, { piiVisibility: 'everyone' }), 400, 'BAD_REQUEST');
  });

  it('imports and exports the tab-separated format, round trip', async () => {
    const site = await stack.createSite();
    const text = '# shop list\n敏感词\tprofanity\r\n代开发票\tads\nclassic\tcustom\tallow\n\nbadword\tcustom\n';
    const imported = await api(stack, 'POST', `/sites/${site.id}/words/import`, text);
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ imported: 4 });

    const exported = await api(stack, 'GET', `/sites/${site.id}/words/export`);
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('text/plain');
    const lines = exported.text.trimEnd().split('\n');
    expect([...lines].sort()).toEqual(['badword\tcustom', 'classic\tcustom\tallow', '代开发票\tads', '敏感词\tprofanity'].sort());

    // Into another site, replacing what it had; its export is then the same text.
    const copy = await stack.createSite();
    await addWord(stack, copy.id, 'stale', 'custom');
    expect((await api(stack, 'POST', `/sites/${copy.id}/words/import?mode=replace`, exported.text)).json).toEqual({
      imported: 4,
    });
    expect((await api(stack, 'GET', `/sites/${copy.id}/words/export`)).text).toBe(exported.text);

    // Merge updates a word's category in place.
    await api(stack, 'POST', `/sites/${copy.id}/words/import`, 'badword\tpolitics\n');
    expect((await api(stack, 'GET', `/sites/${copy.id}/words/export`)).text).toContain('badword\tpolitics\n');

    // An empty file in replace mode empties the list.
    expect((await api(stack, 'POST', `/sites/${copy.id}/words/import?mode=replace`, '')).json).toEqual({ imported: 0 });
    expect((await api(stack, 'GET', `/sites/${copy.id}/words/export`)).text).toBe('');
  });

  it('refuses an import with bad lines as a whole, naming the lines', async () => {
    const site = await stack.createSite();
    const text = ['good\tcustom', 'no-category', 'x\tgossip', `${'y'.repeat(65)}\tcustom`, 'z\tcustom\tdeny'].join('\n');
    const response = await api(stack, 'POST', `/sites/${site.id}/words/import`, text);
    expectProblem(response, 400, 'BAD_REQUEST');
    expect(response.json.errors.map((error: { line: number }) => error.line)).toEqual([2, 3, 4, 5]);
    expect((await api(stack, 'GET', `/sites/${site.id}/words/export`)).text).toBe('');

    expectProblem(await api(stack, 'POST', `/sites/${site.id}/words/import`, { word: 'a' }), 400, 'BAD_REQUEST');
    const tooBig = 'w\tcustom\n'.repeat(120_000);
    expectProblem(await api(stack, 'POST', `/sites/${site.id}/words/import`, tooBig), 413, 'TOO_LONG');
    const tooManyLines = 'w\tcustom\n'.repeat(50_001);
    expectProblem(
      await api(stack, 'POST', `/sites/${site.id}/words/import`, tooManyLines.slice(0, 1024 * 1024 - 1)),
      413,
      'TOO_LONG',
    );
  });

  it('keeps the shared default list under `default`', async () => {
    const added = await addWord(stack, 'default', 'sharedword', 'profanity');
    const list = await api(stack, 'GET', '/sites/default/words');
    expect(list.json.words.map((word: { word: string }) => word.word)).toContain('sharedword');
    expect((await api(stack, 'GET', '/sites/default/words/export')).text).toContain('sharedword\tprofanity\n');
    expect((await api(stack, 'DELETE', `/sites/default/words/${added.id}`)).status).toBe(204);
  });
});
