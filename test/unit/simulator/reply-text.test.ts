import { describe, expect, it } from 'vitest';
import { simulatedReply } from '../../../src/simulator/index.js';
import { CLOSINGS } from '../../../src/simulator/reply-topics.js';
import { splitIntoTokens } from '../../../src/simulator/text-tokens.js';

const user = (content: string) => [{ role: 'user', content }];

describe('simulated replies read like a support assistant', () => {
  it('answers on the topic of the question, in its language', () => {
    expect(simulatedReply(user('Do you ship abroad?'))).toMatch(/ship|deliver|parcel/i);
    expect(simulatedReply(user('Do you ship abroad?'))).not.toMatch(/refund/i);
    expect(simulatedReply(user('How do refunds work?'))).toMatch(/refund/i);
    expect(simulatedReply(user('Where is my order #1042?'))).toContain('order #1042');
    expect(simulatedReply(user('I was charged twice on my card'))).toMatch(/charge|card|payment/i);
    expect(simulatedReply(user('运费多少？'))).toMatch(/配送|快递|发货/);
    expect(simulatedReply(user('我想退款'))).toMatch(/退款/);
    expect(simulatedReply(user('我想退款'))).not.toMatch(/[a-z]{3,}/i);
  });

  it('writes Markdown steps with bold text for a password question', () => {
    const reply = simulatedReply(user('How do I reset my password?'));
    expect(reply).toMatch(/\n1\. .+\n2\. .+\n3\. /);
    expect(reply).toMatch(/\*\*[^*]+\*\*/);
    expect(simulatedReply(user('忘记密码了怎么办'))).toMatch(/\n1\. .*\*\*登录\*\*/);
  });

  it('is made of whole sentences without repeats, with exactly the requested number of tokens', () => {
    for (const question of [
      'Hi! Where is my order #1042?',
      'Do you ship abroad?',
      'How do I reset my password?',
      'hello',
      '我的订单在哪里？',
      '忘记密码了怎么办',
    ]) {
      for (const tokens of [3, 7, 10, 20, 40, 60, 120]) {
        const reply = simulatedReply(user(question), tokens);
        expect(splitIntoTokens(reply)).toHaveLength(tokens);
        // Every token but the first starts with one space, so counting words by spaces agrees.
        if (!/[\u4e00-\u9fff]/.test(reply)) expect(reply.split(' ')).toHaveLength(tokens);
        expect(reply).toMatch(/[.!。]$/);
        const sentences = reply.split(/(?<=[.!。])\s+/).filter((sentence) => sentence.length > 20);
        if (tokens <= 60) expect(new Set(sentences).size).toBe(sentences.length);
      }
    }
  });

  it('has a closing sentence for every short remainder, so replies can end on a whole sentence', () => {
    const lengths = (language: 'en' | 'zh') => new Set(CLOSINGS[language].map((closing) => splitIntoTokens(closing).length));
    for (let n = 1; n <= 13; n++) expect(lengths('en').has(n)).toBe(true);
    for (let n = 3; n <= 14; n++) expect(lengths('zh').has(n)).toBe(true);
  });

  it('is deterministic and ignores markers', () => {
    expect(simulatedReply(user('How do refunds work?'))).toBe(
      simulatedReply(user('How do refunds work? [[sim:status=429;times=1]]')),
    );
    expect(simulatedReply(user('hi [[sim:reply=%3Cimg%20src%3Dx%3E]]'))).toBe('<img src=x>');
  });
});
