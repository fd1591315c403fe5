import type { SiteView } from '../../src/contracts/admin-api.js';
import type { ConversationState } from '../../src/contracts/agent-events.js';
import type { Feedback } from '../../src/contracts/feedback.js';
import type { VisitorDetails } from '../../src/contracts/payloads.js';
import { reasonText, t } from './i18n.js';
import { age, h, type Child } from './view.js';

/** The handoff reason and wait, and the model's brief as a card when there is one. */
export function briefPanel(state: ConversationState): Child[] {
  const reason = state.handoffReason
    ? h(
        'p',
        { class: 'conv-reason' },
        t('reason', { reason: reasonText(state.handoffReason) }),
        state.waitingSince ? ` · ${t('waitingFor', { age: age(state.waitingSince) })}` : '',
      )
    : null;
  const brief = state.handoffBrief;
  if (!brief) return [reason];
  return [
    reason,
    h(
      'article',
      { class: 'brief-card', 'aria-label': t('brief') },
      h(
        'h3',
        {},
        t('brief'),
        ' ',
        h('span', { class: `badge priority-${brief.priority}` }, brief.priority),
        ' ',
        h('span', { class: 'badge' }, brief.sentiment),
      ),
      h('p', {}, brief.summary),
      h('p', {}, h('strong', {}, `${t('briefIntent')}: `), brief.customer_intent),
      brief.facts.length > 0 ? h('ul', {}, ...brief.facts.map((fact) => h('li', {}, fact))) : null,
      h('p', {}, h('strong', {}, `${t('briefTried')}: `), brief.what_the_bot_tried),
      h('p', {}, h('strong', {}, `${t('briefSuggested')}: `), brief.suggested_reply),
    ),
  ];
}

/** What the console knows about the conversation and its visitor. */
export function detailsPanel(state: ConversationState, site: SiteView | undefined, visitor: VisitorDetails | null): Child[] {
  const row = (label: string, value: string | null | undefined): Child[] =>
    value ? [h('dt', {}, label), h('dd', {}, value)] : [];
  return [
    h('h3', {}, t('visitorDetails')),
    h(
      'dl',
      {},
      h('dt', {}, t('site')),
      h('dd', {}, site?.name ?? state.siteId),
      ...row(t('visitorName'), visitor?.name && `${visitor.name}${visitor.verified ? ` (${t('verified')})` : ''}`),
      ...row(t('visitorEmail'), visitor?.email && `${visitor.email}${visitor.verified ? ` (${t('verified')})` : ''}`),
      ...row(t('page'), visitor?.pageUrl),
      ...row(t('browserLanguage'), visitor?.language),
      ...row(t('firstSeen'), visitor && new Date(visitor.firstSeenAt).toLocaleString()),
      ...Object.entries(visitor?.attributes ?? {}).flatMap(([key, value]) => row(key, String(value))),
      ...row(
        t('previousConversations'),
        visitor && visitor.previousConversations.length > 0
          ? visitor.previousConversations
              .map((conversation) => `${new Date(conversation.createdAt).toLocaleDateString()} (${conversation.mode})`)
              .join(', ')
          : undefined,
      ),
      state.contactEmail ? h('dt', {}, t('contact')) : null,
      state.contactEmail ? h('dd', {}, state.contactEmail) : null,
      h('dt', {}, t('started')),
      h('dd', {}, new Date(state.updatedAt).toLocaleString()),
      h('dt', {}, 'ID'),
      h('dd', { class: 'mono' }, state.id),
    ),
  ];
}

/** The visitor's rating of the resolved conversation (stars, score, comment), or nothing before one. */
export function ratingPanel(rating: Feedback | undefined): Child[] {
  if (!rating?.rating) return [];
  const stars = '★'.repeat(rating.rating) + '☆'.repeat(5 - rating.rating);
  return [
    h(
      'section',
      { class: 'rating-card', 'aria-label': t('rating') },
      h('h3', {}, t('rating')),
      h(
        'p',
        { class: 'rating-score' },
        h('span', { class: 'stars', 'aria-hidden': 'true' }, stars),
        ' ',
        t('ratingValue', { rating: rating.rating }),
      ),
      rating.comment ? h('blockquote', { class: 'rating-comment' }, rating.comment) : null,
    ),
  ];
}
