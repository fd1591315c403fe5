/** The console's texts in English and Chinese; `{name}` placeholders are filled by {@link t}. */
const EN = {
  appName: 'Switchboard',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'E-mail',
  password: 'Password',
  signInFailed: 'Sign-in failed: {message}',
  sessionExpired: 'Your session has expired. Sign in again to continue.',
  inbox: 'Inbox',
  settings: 'Settings',
  search: 'Search visitor or text',
  allSites: 'All sites',
  sectionWaiting: 'Waiting for a person',
  sectionMine: 'Mine',
  sectionOthers: 'Taken by colleagues',
  sectionBot: 'With the bot',
  sectionResolved: 'Resolved',
  empty: 'Nothing here.',
  waitingFor: 'waiting {age}',
  reason: 'Reason: {reason}',
  takeOver: 'Take over',
  handBack: 'Hand back to bot',
  resolve: 'Resolve',
  reopen: 'Reopen',
  transfer: 'Transfer',
  transferTo: 'Transfer to…',
  takenBy: 'Taken by {name}',
  youOwn: 'You are answering',
  alsoViewing: '{names} also viewing',
  visitorTyping: 'Visitor is typing…',
  agentTyping: '{name} is typing…',
  reply: 'Reply',
  note: 'Private note',
  send: 'Send',
  composerReply: 'Write a reply (/ for canned replies)',
  composerNote: 'Write a private note (only agents see it)',
  composerLocked: 'Take over to answer',
  brief: 'Handoff brief',
  briefIntent: 'Intent',
  briefTried: 'The bot tried',
  briefSuggested: 'Suggested reply',
  confidence: 'confidence {value}',
  customer: 'Visitor',
  bot: 'Bot',
  system: 'System',
  visitorDetails: 'Details',
  site: 'Site',
  contact: 'Contact e-mail',
  started: 'Updated',
  selectConversation: 'Select a conversation.',
  back: 'Back',
  shortcuts: 'Keyboard shortcuts',
  shortcutList: 'j / k: next / previous · Enter: open · t: take over · r: resolve · c: composer · ?: this sheet · Esc: close',
  close: 'Close',
  mute: 'Mute sound',
  unmute: 'Unmute sound',
  notify: 'Desktop notifications',
  newHandoff: 'New handoff: {preview}',
  language: '中文',
  sites: 'Sites',
  agents: 'Agents',
  teams: 'Teams',
  canned: 'Canned replies',
  name: 'Name',
  systemPrompt: 'System prompt',
  allowedOrigins: 'Allowed origins (one a line)',
  siteLanguage: 'Language',
  model: 'Model',
  historyWindow: 'History window',
  create: 'Create',
  save: 'Save',
  saved: 'Saved.',
  delete: 'Delete',
  embed: 'Embed snippet',
  copy: 'Copy',
  copied: 'Copied.',
  rotateKey: 'Rotate widget key',
  deleteConfirm: 'Type the site name to delete it and all its data',
  role: 'Role',
  invite: 'Invite',
  inviteToken: 'Set-password token for {email} (give it to them once): {token}',
  disabled: 'disabled',
  disable: 'Disable',
  enable: 'Enable',
  shortcut: 'Shortcut',
  text: 'Text',
  variablesHint: 'Variables: {{visitor.name}}, {{visitor.email}}, {{agent.name}}, {{site.name}}',
  error: 'Error: {message}',
  adminOnly: 'Only admins can change settings.',
  modeBot: 'bot',
  modeWaiting: 'waiting',
  modeHuman: 'human',
  modeResolved: 'resolved',
  connectionLost: 'Connection lost, reconnecting…',
};
export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  appName: 'Switchboard 客服台',
  signIn: '登录',
  signOut: '退出',
  email: '邮箱',
  password: '密码',
  signInFailed: '登录失败：{message}',
  sessionExpired: '会话已过期，请重新登录。',
  inbox: '收件箱',
  settings: '设置',
  search: '搜索访客或内容',
  allSites: '全部站点',
  sectionWaiting: '等待人工',
  sectionMine: '我的',
  sectionOthers: '同事处理中',
  sectionBot: '机器人接待中',
  sectionResolved: '已解决',
  empty: '暂无。',
  waitingFor: '已等待 {age}',
  reason: '原因：{reason}',
  takeOver: '接管',
  handBack: '交还机器人',
  resolve: '解决',
  reopen: '重新打开',
  transfer: '转接',
  transferTo: '转接给…',
  takenBy: '{name} 已接管',
  youOwn: '由你接待',
  alsoViewing: '{names} 也在查看',
  visitorTyping: '访客正在输入…',
  agentTyping: '{name} 正在输入…',
  reply: '回复',
  note: '内部备注',
  send: '发送',
  composerReply: '输入回复（输入 / 使用快捷回复）',
  composerNote: '输入内部备注（仅客服可见）',
  composerLocked: '接管后才能回复',
  brief: '转人工摘要',
  briefIntent: '意图',
  briefTried: '机器人已尝试',
  briefSuggested: '建议回复',
  confidence: '置信度 {value}',
  customer: '访客',
  bot: '机器人',
  system: '系统',
  visitorDetails: '详情',
  site: '站点',
  contact: '联系邮箱',
  started: '更新于',
  selectConversation: '请选择一个会话。',
  back: '返回',
  shortcuts: '键盘快捷键',
  shortcutList: 'j / k：下一个 / 上一个 · Enter：打开 · t：接管 · r：解决 · c：输入框 · ?：本说明 · Esc：关闭',
  close: '关闭',
  mute: '静音',
  unmute: '取消静音',
  notify: '桌面通知',
  newHandoff: '新的转人工：{preview}',
  language: 'English',
  sites: '站点',
  agents: '客服',
  teams: '团队',
  canned: '快捷回复',
  name: '名称',
  systemPrompt: '系统提示词',
  allowedOrigins: '允许的来源（每行一个）',
  siteLanguage: '语言',
  model: '模型',
  historyWindow: '历史窗口',
  create: '创建',
  save: '保存',
  saved: '已保存。',
  delete: '删除',
  embed: '嵌入代码',
  copy: '复制',
  copied: '已复制。',
  rotateKey: '更换组件密钥',
  deleteConfirm: '输入站点名称以删除它及其全部数据',
  role: '角色',
  invite: '邀请',
  inviteToken: '{email} 的设置密码令牌（仅显示一次）：{token}',
  disabled: '已停用',
  disable: '停用',
  enable: '启用',
  shortcut: '快捷词',
  text: '内容',
  variablesHint: '变量：{{visitor.name}}、{{visitor.email}}、{{agent.name}}、{{site.name}}',
  error: '错误：{message}',
  adminOnly: '只有管理员可以修改设置。',
  modeBot: '机器人',
  modeWaiting: '等待中',
  modeHuman: '人工',
  modeResolved: '已解决',
  connectionLost: '连接中断，正在重连…',
};

export type Language = 'en' | 'zh';
const STORAGE_KEY = 'sb-console-lang';
let current: Language = initialLanguage();

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Storage may be blocked; the browser's language decides.
  }
  return /^zh\b/i.test(navigator.language) ? 'zh' : 'en';
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; still switched.
  }
}

/** The text for `key` in the current language, `{name}` placeholders replaced by `vars`. */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const template = (current === 'zh' ? ZH : EN)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const REASONS: Record<Language, Record<string, string>> = {
  en: {
    customer_asked: 'visitor asked for a person',
    model_asked: 'the bot asked for help',
    low_confidence: 'low confidence',
    model_failed: 'the model failed',
    repeated_question: 'same question again',
    review: 'filter review',
    agent_silent: 'no agent answered',
    transfer: 'transfer',
  },
  zh: {
    customer_asked: '访客要求人工',
    model_asked: '机器人请求人工',
    low_confidence: '置信度低',
    model_failed: '模型故障',
    repeated_question: '重复提问',
    review: '内容审核',
    agent_silent: '客服未响应',
    transfer: '转接',
  },
};

/** A handoff reason (`customer_asked`, ...) in words; an unknown one as it is. */
export function reasonText(reason: string): string {
  return REASONS[current][reason] ?? reason;
}
