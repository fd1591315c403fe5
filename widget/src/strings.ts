/** Every text the widget shows, per language (settings or `data-lang`, else the page's `lang`, else English). */
export interface Strings {
  defaultTitle: string;
  openChat: string;
  openChatUnread: (count: number) => string;
  closeChat: string;
  messagesLabel: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  counter: (length: number, max: number) => string;
  tooLong: (excess: number) => string;
  demoNotice: string;
  greeting: string;
  connecting: string;
  reconnecting: string;
  online: string;
  modeBot: string;
  modeWaiting: string;
  modeHuman: string;
  modeResolved: string;
  newConversation: string;
  you: string;
  assistant: string;
  agent: string;
  /** Under a message whose contact details the bot did not see (the site's agents do). */
  piiHidden: string;
  typing: string;
  /** Shown in the reply bubble while an answer whose worker failed is picked up again. */
  resuming: string;
  sending: string;
  notSent: string;
  retry: string;
  remove: string;
  edit: string;
  newReplyBelow: string;
  unknownSite: string;
  unavailablePlaceholder: string;
  retryIn: (seconds: number) => string;
  noAck: string;
  replyFailed: string;
  refused: string;
  talkToPerson: string;
  /** Place in the queue and the estimate in minutes. */
  queued: (position: number, minutes: number) => string;
  joined: (name: string) => string;
  chattingWith: (name: string) => string;
  backToBot: string;
  agentTyping: (name: string) => string;
  noAgent: string;
  emailLabel: string;
  emailSend: string;
  emailSaved: string;
  suggestions: string;
  /** Outside business hours; `when` is e.g. "Monday 09:00", or undefined when the schedule has no opening. */
  away: (when: string | undefined) => string;
  /** Follow `away(...)` directly (each language brings its own space between sentences). */
  botStillHelps: string;
  leaveEmail: string;
  today: (time: string) => string;
  helpful: string;
  notHelpful: string;
  rateTitle: string;
  rateStar: (stars: number) => string;
  rateComment: string;
  rateSend: string;
  rateThanks: string;
  /** The card of the visitor's previous conversation, offered when they come back. */
  ratePrevious: string;
  rateDismiss: string;
}

const en: Strings = {
  defaultTitle: 'Chat with us',
  openChat: 'Open chat',
  openChatUnread: (count) => `Open chat, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  closeChat: 'Close chat',
  messagesLabel: 'Conversation',
  inputLabel: 'Your message',
  placeholder: 'Type your message…',
  send: 'Send message',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (excess) => `${excess} too many`,
  demoNotice: 'Demo mode: replies come from a simulator, not a real AI',
  greeting: 'Hi! Ask us anything. We usually answer right away.',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  online: 'Online',
  modeBot: "You're chatting with our assistant",
  modeWaiting: 'An agent will join shortly',
  modeHuman: "You're chatting with an agent",
  modeResolved: 'This conversation has been resolved',
  newConversation: 'New conversation',
  you: 'You',
  assistant: 'Assistant',
  agent: 'Agent',
  piiHidden: 'Your contact details were hidden from the assistant; our team can see them.',
  typing: 'Assistant is typing',
  resuming: 'Picking up the answer again…',
  sending: 'Sending…',
  notSent: 'Not sent.',
  retry: 'Retry',
  remove: 'Remove',
  edit: 'Edit',
  newReplyBelow: 'New reply below',
  unknownSite: "This chat isn't set up yet, so it can't take messages right now. Please contact us another way.",
  unavailablePlaceholder: 'Chat is unavailable',
  retryIn: (seconds) => `Try again in ${seconds} s.`,
  noAck: 'The server did not confirm this message.',
  replyFailed: 'The assistant could not answer right now.',
  refused: 'Chat is unavailable on this page.',
  talkToPerson: 'Talk to a person',
  queued: (position, minutes) => `You're number ${position} in the queue (about ${minutes} min).`,
  joined: (name) => `${name} joined the conversation`,
  chattingWith: (name) => `You're chatting with ${name}`,
  backToBot: "You're back with our assistant",
  agentTyping: (name) => `${name} is typing…`,
  noAgent: "No one is available right now. Leave your e-mail and we'll answer you there.",
  emailLabel: 'Your e-mail',
  emailSend: 'Send',
  emailSaved: "Thanks, we'll write to you.",
  suggestions: 'Suggested questions',
  away: (when) => `Our team is away right now${when ? ` and back ${when}` : ''}.`,
  botStillHelps: ' The assistant can still help.',
  leaveEmail: " Leave your e-mail and we'll answer you there.",
  today: (time) => `today at ${time}`,
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  rateTitle: 'How did we do?',
  rateStar: (stars) => `${stars} of 5`,
  rateComment: 'Anything to add? (optional)',
  rateSend: 'Send rating',
  rateThanks: 'Thanks for your feedback!',
  ratePrevious: 'How did we do last time?',
  rateDismiss: 'Not now',
};

const zh: Strings = {
  defaultTitle: '在线客服',
  openChat: '打开聊天',
  openChatUnread: (count) => `打开聊天，${count} 条未读消息`,
  closeChat: '关闭聊天',
  messagesLabel: '对话',
  inputLabel: '您的消息',
  placeholder: '请输入消息…',
  send: '发送消息',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (excess) => `超出 ${excess} 个字符`,
  demoNotice: '演示模式：回复来自模拟器，并非真实 AI',
  greeting: '您好！有什么可以帮您？',
  connecting: '正在连接…',
  reconnecting: '连接已断开，正在重连…',
  online: '在线',
  modeBot: '正在与智能助手对话',
  modeWaiting: '人工客服即将接入',
  modeHuman: '正在与人工客服对话',
  modeResolved: '本次对话已结束',
  newConversation: '新的对话',
  you: '我',
  assistant: '助手',
  agent: '客服',
  piiHidden: '您的联系方式已对智能助手隐藏，仅客服人员可见。',
  typing: '助手正在输入',
  resuming: '正在继续回答…',
  sending: '发送中…',
  notSent: '未发送。',
  retry: '重试',
  remove: '删除',
  edit: '编辑',
  newReplyBelow: '下方有新回复',
  unknownSite: '此聊天尚未设置完成，暂时无法接收消息。请通过其他方式联系我们。',
  unavailablePlaceholder: '聊天暂不可用',
  retryIn: (seconds) => `请 ${seconds} 秒后再试。`,
  noAck: '服务器未确认此消息。',
  replyFailed: '助手暂时无法回答。',
  refused: '此页面无法使用聊天。',
  talkToPerson: '转人工客服',
  queued: (position, minutes) => `您在队列中排第 ${position} 位，预计等待约 ${minutes} 分钟。`,
  joined: (name) => `${name} 已接入对话`,
  chattingWith: (name) => `正在与 ${name} 对话`,
  backToBot: '已转回智能助手',
  agentTyping: (name) => `${name} 正在输入…`,
  noAgent: '暂时没有客服在线。请留下邮箱，我们会通过邮件回复您。',
  emailLabel: '您的邮箱',
  emailSend: '提交',
  emailSaved: '谢谢，我们会尽快通过邮件回复您。',
  suggestions: '推荐问题',
  away: (when) => `客服团队暂时不在线${when ? `，将于 ${when} 回来` : ''}。`,
  botStillHelps: '智能助手仍可为您解答。',
  leaveEmail: '请留下邮箱，我们会通过邮件回复您。',
  today: (time) => `今天 ${time}`,
  helpful: '有帮助',
  notHelpful: '没有帮助',
  rateTitle: '您对本次服务满意吗？',
  rateStar: (stars) => `${stars} 分（满分 5 分）`,
  rateComment: '还有什么想说的吗？（选填）',
  rateSend: '提交评分',
  rateThanks: '感谢您的反馈！',
  ratePrevious: '您对上次的服务满意吗？',
  rateDismiss: '暂不评价',
};

const LANGUAGES = { en, zh } as const;
export type Language = keyof typeof LANGUAGES;

export function isLanguage(value: string): value is Language {
  return Object.hasOwn(LANGUAGES, value);
}

export function stringsFor(language: Language): Strings {
  return LANGUAGES[language];
}

/** The visitor's own regional variant when it matches the widget's language (en-GB: 14:05), else the language. */
export function timeLocale(language: Language): string {
  const preferred = (navigator.languages ?? [navigator.language]).find((tag) => tag.toLowerCase().split('-')[0] === language);
  return preferred ?? language;
}
