import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyCollector } from '../../support/reply-collector.js';
import { TestStack } from '../../support/test-app.js';
import { addWord, encodeAll, send, sendOk } from './filter-support.js';

describe('sensitive-word actions on customer messages and model output', () => {
  const stack = new TestStack({ label: 'filter_actions' });
  beforeAll(() => stack.start());
  afterAll(() => stack.close());

  const everythingSentToModel = () => JSON.stringify(stack.simulator.requests.map((request) => request.body));

  it('refuses a blocked message with BLOCKED_CONTENT, stores nothing and writes one audit row', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, '某某运动', 'politics');
    const { socket, session } = await stack.connectWidget(site);

    const ack = await send(socket, '我想聊聊某某运动的事');
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('BLOCKED_CONTENT');

    const messages = await stack.database.pool.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [
      session.conversation.id,
    ]);
    expect(messages.rows[0].n).toBe(0);
    const audit = await stack.database.pool.query('SELECT * FROM filter_audit WHERE site_id = $1', [site.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ conversation_id: session.conversation.id, action: 'block', categories: ['politics'] });
    expect(JSON.stringify(audit.rows[0])).not.toContain('某某运动');
    expect(everythingSentToModel()).not.toContain('某某运动');
  });

  it('stores a flagged message as is, flagged with its category, and still answers it', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, '代开发票', 'ads');
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const message = await sendOk(socket, '可以代开发票吗');
    expect(message.text).toBe('可以代开发票吗');
    expect(message.flags).toEqual(expect.arrayContaining(['flagged', 'category:ads']));
    expect(message.flags).not.toContain('masked');
    await replies.waitForEnd(message.id);
  });

  it('hands a message in a review category to a human: stored, mode waiting, no bot reply', async () => {
    const site = await stack.createSite({ filterPolicy: { actions: { custom: 'review' } } });
    await addWord(stack, site.id, 'refund fraud', 'custom');
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const message = await sendOk(socket, 'I want to report refund fraud please');
    expect(message.text).toBe('I want to report refund fraud please');
    expect(message.flags).toEqual(expect.arrayContaining(['review', 'category:custom']));
    await replies.waitFor(() => replies.modes.includes('waiting'));
    // The decision is taken before the ack: a review queues no reply job at all, so no reply can come.
    expect(await stack.replyJobState(message.id)).toBeUndefined();
    expect(replies.events.filter((event) => event.payload.replyTo === message.id)).toEqual([]);
    expect(everythingSentToModel()).not.toContain('report refund fraud');
    const mode = await stack.database.pool.query('SELECT mode FROM conversations WHERE id = $1', [message.conversationId]);
    expect(mode.rows[0].mode).toBe('waiting');
  });

  it('masks evasions (spaced, full-width, traditional) end to end; the model never sees them', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, '敏感词', 'profanity');
    await addWord(stack, site.id, 'badword', 'profanity');
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const cases: Array<[string, string]> = [
      ['这是敏 感 词吗', '这是*****吗'],
      ['这是敏感詞吗', '这是***吗'],
      ['a ｂａｄｗｏｒｄ here', 'a ******* here'],
      ['a BAD.WORD here', 'a ******** here'],
    ];
    for (const [text, masked] of cases) {
      const message = await sendOk(socket, text);
      expect(message.text).toBe(masked);
      expect(message.flags).toContain('masked');
      await replies.waitForEnd(message.id);
    }
    const sent = everythingSentToModel();
    for (const evasion of ['敏感词', '敏 感 词', '敏感詞', 'ｂａｄｗｏｒｄ', 'BAD.WORD', 'badword'])
      expect(sent).not.toContain(evasion);
  });

  it('keeps PII (phone, e-mail) from the model but shows it to the customer and the agents by default', async () => {
    const site = await stack.createSite();
    const { socket, session } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const typed = 'call me on 13812345678 or write to jane.doe@example.com';
    const message = await sendOk(socket, typed);
    expect(message.text).toBe(typed);
    expect(message.flags).toEqual(expect.arrayContaining(['pii_hidden', 'category:pii']));
    expect(message.flags).not.toContain('masked');
    await replies.waitForEnd(message.id);
    const sent = everythingSentToModel();
    expect(sent).toContain('call me on ***********');
    expect(sent).not.toContain('13812345678');
    expect(sent).not.toContain('jane.doe@example.com');
    const synced = await socket.emitWithAck('sync', { afterSeq: 0 });
    expect(synced.ok && synced.messages[0]!.text).toBe(typed);
    const stored = await stack.database.pool.query('SELECT text, model_text FROM messages WHERE id = $1', [message.id]);
    expect(stored.rows[0]).toEqual({ text: typed, model_text: 'call me on *********** or write to ********************' });
    expect(session.conversation.id).toBe(message.conversationId);
  });

  it('masks PII everywhere when the site says nobody may see it', async () => {
    const site = await stack.createSite({ filterPolicy: { piiVisibility: 'nobody' } });
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    const message = await sendOk(socket, 'call me on 13812345678 or write to jane.doe@example.com');
    expect(message.text).toBe('call me on *********** or write to ********************');
    expect(message.flags).toEqual(expect.arrayContaining(['masked', 'category:pii']));
    expect(message.flags).not.toContain('pii_hidden');
    await replies.waitForEnd(message.id);
    const sent = everythingSentToModel();
    expect(sent).toContain('call me on ***********');
    expect(sent).not.toContain('13812345678');
    expect(sent).not.toContain('jane.doe@example.com');
  });

  it('switches the shipped starter list on per site, and leaves ordinary words alone', async () => {
    const plain = await stack.createSite();
    const starter = await stack.createSite({ filterPolicy: { starterList: ['profanity'] } });
    const text = 'this is shit, please ship it as soon as possible';
    const unfiltered = await sendOk((await stack.connectWidget(plain)).socket, text);
    expect(unfiltered.text).toBe(text);
    const filtered = await sendOk((await stack.connectWidget(starter)).socket, text);
    expect(filtered.text).toBe('this is ****, please ship it as soon as possible');
    expect(filtered.flags).toEqual(expect.arrayContaining(['masked', 'category:profanity']));
  });

  it("never treats the site's order-number shapes as PII", async () => {
    const site = await stack.createSite({ filterPolicy: { pii: { orderNumberPatterns: ['SO-\\d{18}'] } } });
    const { socket } = await stack.connectWidget(site);
    // 18 digits whose last one fits the ID checksum: without the pattern, a candidate ID card.
    const message = await sendOk(socket, 'where is SO-110105199003072514 please');
    expect(message.flags).not.toContain('category:pii');
    expect(message.text).toBe('where is SO-110105199003072514 please');
  });

  it('never lets a word split over two SSE chunks reach the widget', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, 'forbidden', 'profanity');
    const { socket } = await stack.connectWidget(site);
    const replies = new ReplyCollector(socket);

    // chunk=4 streams "You ", "can ", "buy ", "forb", "idde", "n go", "ods".
    const message = await sendOk(socket, `Hi [[sim:reply=${encodeAll('You can buy forbidden goods')};chunk=4]]`);
    const end = await replies.waitForEnd(message.id);
    const deltas = replies.deltas(message.id).map((delta) => delta.text);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('')).toBe('You can buy ********* goods');
    for (let from = 0; from < deltas.length; from++) {
      for (let to = from + 1; to <= deltas.length; to++) expect(deltas.slice(from, to).join('')).not.toContain('forbidden');
    }
    expect(end.message.text).toBe('You can buy ********* goods');
    const stored = await stack.database.pool.query('SELECT text FROM messages WHERE in_reply_to = $1', [message.id]);
    expect(stored.rows[0].text).toBe('You can buy ********* goods');
  });

  it('catches a word spread over consecutive short messages and masks the message that completes it', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, '敏感词', 'profanity');
    const { socket } = await stack.connectWidget(site);

    expect((await sendOk(socket, '敏')).text).toBe('敏');
    expect((await sendOk(socket, '感')).text).toBe('感');
    const last = await sendOk(socket, '词');
    expect(last.text).toBe('*');
    expect(last.flags).toEqual(expect.arrayContaining(['masked', 'split', 'category:profanity']));
    // The tail starts afresh after a completed word, and a long message is not part of a split word.
    expect((await sendOk(socket, '词')).text).toBe('词');
  });

  it('blocks the message that completes a split blocked word', async () => {
    const site = await stack.createSite();
    await addWord(stack, site.id, 'evilparty', 'politics');
    const { socket, session } = await stack.connectWidget(site);

    await sendOk(socket, 'evil');
    const ack = await send(socket, 'party');
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('BLOCKED_CONTENT');
    const audit = await stack.database.pool.query('SELECT action, categories FROM filter_audit WHERE conversation_id = $1', [
      session.conversation.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'block', categories: ['politics'] }]);
  });
});
