import type { ChatMessage } from '../llm/llm-types.js';
import { hashText, pickFrom, seededRandom } from './deterministic-random.js';
import { findMarkerSpecs, stripMarkers } from './sim-marker.js';
import { isMostlyCjk } from './text-tokens.js';
import { lastUserText, messageText, type WireMessage } from './wire-message.js';

export const DEFAULT_REPLY_TOKENS = 60;

const ENGLISH_SENTENCES = [
  'We can help you with that today.',
  'Please check the details in your account page.',
  'Our team will review your request and get back to you soon.',
  'Shipping usually takes three to five business days.',
  'You can update your address in the profile settings.',
  'A refund is sent to the original payment method.',
  'If the problem continues, an agent will follow up with you.',
  'Your tracking number is in the confirmation email.',
  'Invoices can be downloaded from the billing section.',
  'Let us know if there is anything else we can do.',
  'We are sorry for the trouble this has caused.',
  'The order status updates as soon as the parcel leaves our warehouse.',
];
const CHINESE_SENTENCES = [
  '我们已经收到您的申请。',
  '请在账户页面查看订单详情。',
  '客服会尽快为您处理。',
  '物流通常需要三到五个工作日。',
  '您可以在个人设置中更新地址。',
  '退款会原路返回到您的支付账户。',
  '如果问题仍然存在，请联系人工客服。',
  '发票可以在账单页面下载。',
  '给您带来不便，我们深表歉意。',
];

/** Messages as the reply generator sees them: markers removed, so they never change the answer. */
function promptFingerprint(messages: readonly WireMessage[]): string {
  return JSON.stringify(messages.map((message) => [message.role, stripMarkers(messageText(message))]));
}

/** Canned support sentences in a prompt-seeded order, cut or extended to exactly `count` units. */
function sentenceStream(
  opener: string[],
  sentences: readonly string[],
  random: () => number,
  units: (sentence: string) => string[],
  count: number,
): string[] {
  const result = [...opener];
  while (result.length < count) result.push(...units(pickFrom(sentences, random)));
  return result.slice(0, count);
}

function englishReply(question: string, random: () => number, replyTokens: number): string {
  const topic = question.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').split(/\s+/).filter(Boolean).slice(0, 5).join(' ');
  const opener = (topic ? `Thanks for asking about "${topic}".` : 'Thanks for your question.').split(' ');
  const words = sentenceStream(opener, ENGLISH_SENTENCES, random, (sentence) => sentence.split(' '), replyTokens);
  const last = words.length - 1;
  words[last] = `${words[last]!.replace(/[.,!?"]+$/, '')}.`;
  return words.join(' ');
}

function chineseReply(random: () => number, replyTokens: number): string {
  const chars = sentenceStream(Array.from('感谢您的咨询。'), CHINESE_SENTENCES, random, Array.from, replyTokens);
  chars[chars.length - 1] = '。';
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
  return isMostlyCjk(question) ? chineseReply(random, replyTokens) : englishReply(question, random, replyTokens);
}

/** The short reasoning text `deepseek-reasoner` streams before its answer. */
export function simulatedReasoning(messages: readonly WireMessage[]): string {
  const question = stripMarkers(lastUserText(messages)).split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  if (isMostlyCjk(question)) return `用户问的是「${question}」。我应该礼貌、简洁地回答。`;
  return `The customer asks: "${question}". I should answer politely and concisely, then offer further help.`;
}
