import type { ChatMessage } from '../llm-types.js';
import { hashText, pickFrom, seededRandom } from './deterministic-random.js';
import { findMarkerSpecs, stripMarkers } from './sim-marker.js';
import { isMostlyCjk } from './text-tokens.js';
import { lastUserText, messageText, type WireMessage } from './wire-message.js';

export const DEFAULT_REPLY_TOKENS = 60;

const ENGLISH_WORDS = [
  'thanks', 'for', 'reaching', 'out', 'your', 'order', 'account', 'refund', 'we', 'can', 'help', 'with',
  'that', 'today', 'please', 'check', 'the', 'details', 'below', 'our', 'team', 'will', 'review', 'request',
  'shipping', 'usually', 'takes', 'three', 'business', 'days', 'you', 'may', 'also', 'update', 'settings',
  'in', 'profile', 'page', 'if', 'problem', 'continues', 'let', 'us', 'know', 'and', 'an', 'agent', 'follow',
  'up', 'soon', 'invoice', 'payment', 'is', 'confirmed', 'delivery', 'address', 'tracking', 'number', 'ready',
];
const CHINESE_WORDS = [
  '您好', '感谢', '咨询', '订单', '退款', '我们', '已经', '收到', '您的', '申请', '请', '稍等', '客服', '会',
  '尽快', '处理', '物流', '通常', '需要', '三个', '工作日', '账户', '设置', '可以', '查看', '详情', '如果',
  '问题', '仍然', '存在', '联系', '人工', '服务', '发票', '支付', '确认', '地址', '更新',
];

/** Messages as the reply generator sees them: markers removed, so they never change the answer. */
function promptFingerprint(messages: readonly WireMessage[]): string {
  return JSON.stringify(messages.map((message) => [message.role, stripMarkers(messageText(message))]));
}

function englishReply(random: () => number, replyTokens: number): string {
  const words: string[] = [];
  let sentenceLength = 0;
  for (let i = 0; i < replyTokens; i++) {
    let word = pickFrom(ENGLISH_WORDS, random);
    if (sentenceLength === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceLength++;
    const isLast = i === replyTokens - 1;
    if (isLast || (sentenceLength >= 5 && random() < 0.2)) {
      word += '.';
      sentenceLength = 0;
    }
    words.push(word);
  }
  return words.join(' ');
}

function chineseReply(random: () => number, replyTokens: number): string {
  const chars: string[] = [];
  while (chars.length < replyTokens) {
    chars.push(...pickFrom(CHINESE_WORDS, random));
    if (random() < 0.15) chars.push('，');
  }
  chars.length = replyTokens;
  chars[replyTokens - 1] = '。';
  return chars.join('');
}

/** The `reply=` directive of the last user message's marker, if any (URL-decoded). */
function replyDirective(messages: readonly WireMessage[]): string | undefined {
  let reply: string | undefined;
  for (const spec of findMarkerSpecs(lastUserText(messages))) {
    for (const pair of spec.split(';')) {
      const [key, value] = pair.split('=', 2);
      if (key?.trim() === 'reply' && value !== undefined) reply = decodeURIComponent(value);
    }
  }
  return reply;
}

/**
 * The deterministic reply text the simulator generates for `messages` (what a stream concatenates to when
 * no stop, max_tokens, response_format or tool call changes it). Same messages -> same text; a `reply=`
 * directive in a `[[sim:...]]` marker of the last user message wins. Chinese-ish when the question is
 * mostly CJK.
 */
export function simulatedReply(
  messages: readonly ChatMessage[] | readonly WireMessage[],
  replyTokens: number = DEFAULT_REPLY_TOKENS,
): string {
  const wire = messages as readonly WireMessage[];
  const direct = replyDirective(wire);
  if (direct !== undefined) return direct;
  if (replyTokens <= 0) return '';
  const random = seededRandom(hashText(promptFingerprint(wire)));
  const question = stripMarkers(lastUserText(wire));
  return isMostlyCjk(question) ? chineseReply(random, replyTokens) : englishReply(random, replyTokens);
}

/** The short reasoning text `deepseek-reasoner` streams before its answer. */
export function simulatedReasoning(messages: readonly WireMessage[]): string {
  const question = stripMarkers(lastUserText(messages)).split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  if (isMostlyCjk(question)) return `用户问的是「${question}」。我应该礼貌、简洁地回答。`;
  return `The customer asks: "${question}". I should answer politely and concisely, then offer further help.`;
}
