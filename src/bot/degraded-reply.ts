/**
 * What a customer reads when no model endpoint can answer: polite, in the site's language, and honest
 * that a person will take over (the conversation moves to `waiting`).
 */
const DEGRADED_REPLIES: Record<string, string> = {
  en: "Sorry, I can't answer right now. A member of our team will join this conversation shortly.",
  zh: '抱歉，我暂时无法回答。人工客服将很快接入为您服务。',
  ja: '申し訳ありません。ただいま回答できません。まもなく担当者が対応いたします。',
  es: 'Lo siento, ahora mismo no puedo responder. Una persona de nuestro equipo se unirá a la conversación en breve.',
  fr: 'Désolé, je ne peux pas répondre pour le moment. Un membre de notre équipe va rejoindre la conversation.',
  de: 'Entschuldigung, ich kann gerade nicht antworten. Eine Mitarbeiterin oder ein Mitarbeiter meldet sich gleich.',
};

export function degradedReplyText(language: string): string {
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  return DEGRADED_REPLIES[primary] ?? DEGRADED_REPLIES.en!;
}
