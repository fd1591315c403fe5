import { pickFrom } from './deterministic-random.js';
import { CLOSINGS, TOPICS, type Topic } from './reply-topics.js';
import { splitIntoTokens } from './text-tokens.js';

export type ReplyLanguage = 'en' | 'zh';

export interface ComposeRequest {
  language: ReplyLanguage;
  topic: Topic;
  /** `#1042` when the question names an order number. */
  orderNumber: string | undefined;
  random: () => number;
  /** Exactly this many tokens. */
  tokens: number;
}

interface Piece {
  text: string;
  /** A Markdown block: set apart by a blank line. */
  block: boolean;
}

const GENERAL = TOPICS.find((topic) => topic.name === 'general') as Topic;

function countTokens(text: string): number {
  return splitIntoTokens(text).length;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/**
 * A reply of whole sentences on the topic, in the language, with exactly `tokens` tokens: an opener,
 * sometimes a Markdown block, facts in a seeded order without repeats, and a closing sentence chosen
 * by length to land on the exact count. Only budgets too small for any sentence (Chinese, 1-2 tokens)
 * are cut mid-sentence.
 */
export function composeReply(request: ComposeRequest): string {
  const { language, topic, random } = request;
  const text = topic[language];
  const fills = new Map(CLOSINGS[language].map((closing) => [countTokens(closing), closing]));
  const maxFill = Math.max(...fills.keys());
  const fits = (rest: number) => rest === 0 || fills.has(rest) || rest > maxFill;

  const opener = pickFrom(text.openers, random).replace('{order}', orderReference(language, request.orderNumber));
  const facts = [...shuffled(text.facts, random), ...(topic === GENERAL ? [] : shuffled(GENERAL[language].facts, random))];
  const candidates: Piece[] = [{ text: opener, block: false }];
  if (text.markdown && (topic.markdownAlways || random() < 0.5)) candidates.push({ text: text.markdown, block: true });
  candidates.push(...facts.map((fact) => ({ text: fact, block: false })));

  const chosen: Piece[] = [];
  let remaining = request.tokens;
  // Later rounds (only for budgets far above the default) reuse the facts.
  for (
    let round = 0, pool = candidates;
    round === 0 || (remaining > maxFill && round < 50);
    round++, pool = candidates.slice(1)
  ) {
    for (const piece of pool) {
      const cost = countTokens(piece.text);
      if (cost > remaining || !fits(remaining - cost)) continue;
      chosen.push(piece);
      remaining -= cost;
    }
  }
  const closing = fills.get(remaining);
  if (closing) chosen.push({ text: closing, block: false });
  else if (remaining > 0)
    chosen.push({
      text: splitIntoTokens(CLOSINGS[language].at(-1) ?? '')
        .slice(0, remaining)
        .join('')
        .trim(),
      block: false,
    });
  return join(chosen, language);
}

function orderReference(language: ReplyLanguage, orderNumber: string | undefined): string {
  if (language === 'zh') return orderNumber ? `订单 ${orderNumber}` : '您的订单';
  return orderNumber ? `order ${orderNumber}` : 'your order';
}

/** Sentences joined by a space (none in Chinese); a ` \n\n` around Markdown blocks keeps token counts. */
function join(pieces: readonly Piece[], language: ReplyLanguage): string {
  let result = '';
  pieces.forEach((piece, index) => {
    const previous = pieces[index - 1];
    if (previous) result += piece.block || previous.block ? ' \n\n' : language === 'en' ? ' ' : '';
    result += piece.text;
  });
  return result;
}
