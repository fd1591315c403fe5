import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../../widget/src/strings.js';
import { backAt } from '../../../widget/src/welcome-view.js';

describe('backAt: when the team is back, in the visitor’s words', () => {
  const en = stringsFor('en');
  const now = new Date(2026, 11, 2, 20, 0); // a Wednesday evening, the machine's own zone

  it('says "today at" for the same day, the weekday within a week, and the date further out', () => {
    const later = new Date(2026, 11, 2, 22, 30);
    expect(backAt(later.toISOString(), 'en-GB', en, now)).toBe('today at 22:30');
    const friday = new Date(2026, 11, 4, 9, 0);
    expect(backAt(friday.toISOString(), 'en-GB', en, now)).toBe('Friday 09:00');
    expect(backAt(friday.toISOString(), 'en-US', en, now)).toBe('Friday 9:00 AM');
    expect(backAt(friday.toISOString(), 'zh-CN', stringsFor('zh'), now)).toBe('星期五09:00');
    const nextWeek = new Date(2026, 11, 10, 9, 0);
    expect(backAt(nextWeek.toISOString(), 'en-GB', en, now)).toBe('Thursday 10 Dec, 9:00');
  });
});
