import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../src/contracts/admin-api.js';
import { agentHoursAt, businessHoursOf, instantOf, siteAgentHours } from '../../../src/sites/business-hours.js';
import { widgetSiteOf } from '../../../src/sites/widget-site.js';

const weekdays = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ open, close }]]));
const office = (timeZone: string): BusinessHours => ({ timeZone, days: weekdays('09:00', '18:00') });
const at = (iso: string) => agentHoursAt(office('Europe/Berlin'), new Date(iso));

describe('agentHoursAt', () => {
  it('is open inside a span, in the schedule’s time zone', () => {
    // Wednesday 10:00 in Berlin (UTC+1 in December).
    expect(at('2026-12-02T09:00:00Z')).toEqual({ open: true, nextOpenAt: null });
    expect(at('2026-12-02T08:00:00Z')).toEqual({ open: true, nextOpenAt: null });
    // 08:59 Berlin: not yet.
    expect(at('2026-12-02T07:59:00Z')).toEqual({ open: false, nextOpenAt: '2026-12-02T08:00:00.000Z' });
  });

  it('closes at the close time and names the next morning', () => {
    expect(at('2026-12-02T17:00:00Z')).toEqual({ open: false, nextOpenAt: '2026-12-03T08:00:00.000Z' });
  });

  it('skips closed days: Friday evening and the weekend point to Monday', () => {
    const monday = '2026-12-07T08:00:00.000Z';
    expect(at('2026-12-04T17:30:00Z')).toEqual({ open: false, nextOpenAt: monday });
    expect(at('2026-12-05T12:00:00Z')).toEqual({ open: false, nextOpenAt: monday });
    expect(at('2026-12-06T23:59:00Z')).toEqual({ open: false, nextOpenAt: monday });
  });

  it('reads the same instant in each site’s own zone', () => {
    // 2026-12-02T02:00Z is Wednesday 10:00 in Shanghai and Tuesday 21:00 in New York.
    const now = new Date('2026-12-02T02:00:00Z');
    expect(agentHoursAt(office('Asia/Shanghai'), now)).toEqual({ open: true, nextOpenAt: null });
    expect(agentHoursAt(office('America/New_York'), now)).toEqual({
      open: false,
      nextOpenAt: '2026-12-02T14:00:00.000Z',
    });
  });

  it('follows a DST change between now and the next opening', () => {
    // Berlin springs forward on Sunday 2027-03-28: Friday closes at 18:00 CET, Monday opens at 09:00 CEST.
    expect(at('2027-03-26T17:00:00Z')).toEqual({ open: false, nextOpenAt: '2027-03-29T07:00:00.000Z' });
    // New York falls back on Sunday 2026-11-01: Friday 18:00 EDT, Monday 09:00 EST.
    expect(agentHoursAt(office('America/New_York'), new Date('2026-10-30T22:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: '2026-11-02T14:00:00.000Z',
    });
  });

  it('opens just after a skipped local time, and at the first of a repeated one', () => {
    const sunday = (open: string, close: string): BusinessHours => ({
      timeZone: 'Europe/Berlin',
      days: { sun: [{ open, close }] },
    });
    // 02:30 does not exist on 2027-03-28 in Berlin (02:00 CET jumps to 03:00 CEST): 03:30 CEST.
    expect(agentHoursAt(sunday('02:30', '05:00'), new Date('2027-03-28T00:00:00Z')).nextOpenAt).toBe('2027-03-28T01:30:00.000Z');
    expect(instantOf(2027, 3, 28, 150, 'Europe/Berlin')).toBe(Date.parse('2027-03-28T01:30:00Z'));
    // 02:30 happens twice on 2026-10-25 (CEST, then CET): the first.
    expect(instantOf(2026, 10, 25, 150, 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(agentHoursAt(sunday('02:30', '05:00'), new Date('2026-10-25T00:00:00Z')).nextOpenAt).toBe('2026-10-25T00:30:00.000Z');
  });

  it('treats an overnight span (to 24:00, then from 00:00) as open across midnight', () => {
    const night: BusinessHours = {
      timeZone: 'Asia/Tokyo',
      days: { fri: [{ open: '22:00', close: '24:00' }], sat: [{ open: '00:00', close: '06:00' }] },
    };
    // Tokyo is UTC+9 all year.
    expect(agentHoursAt(night, new Date('2026-12-04T14:30:00Z'))).toEqual({ open: true, nextOpenAt: null }); // Fri 23:30
    expect(agentHoursAt(night, new Date('2026-12-04T15:00:00Z'))).toEqual({ open: true, nextOpenAt: null }); // Sat 00:00
    expect(agentHoursAt(night, new Date('2026-12-04T20:59:00Z'))).toEqual({ open: true, nextOpenAt: null }); // Sat 05:59
    // Sat 06:00: closed until next Friday 22:00.
    expect(agentHoursAt(night, new Date('2026-12-04T21:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: '2026-12-11T13:00:00.000Z',
    });
  });

  it('finds a later span the same day, whatever order the spans are stored in', () => {
    const split: BusinessHours = {
      timeZone: 'UTC',
      days: {
        wed: [
          { open: '13:00', close: '17:00' },
          { open: '09:00', close: '12:00' },
        ],
      },
    };
    expect(agentHoursAt(split, new Date('2026-12-02T12:30:00Z'))).toEqual({
      open: false,
      nextOpenAt: '2026-12-02T13:00:00.000Z',
    });
    expect(agentHoursAt(split, new Date('2026-12-02T08:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: '2026-12-02T09:00:00.000Z',
    });
    expect(agentHoursAt(split, new Date('2026-12-02T10:00:00Z'))).toEqual({ open: true, nextOpenAt: null });
  });

  it('looks up to a week ahead: the same weekday next week, after today’s only span', () => {
    const mondays: BusinessHours = { timeZone: 'UTC', days: { mon: [{ open: '09:00', close: '10:00' }] } };
    expect(agentHoursAt(mondays, new Date('2026-12-07T10:30:00Z'))).toEqual({
      open: false,
      nextOpenAt: '2026-12-14T09:00:00.000Z',
    });
  });

  it('a schedule without any span is never open and has no next opening', () => {
    expect(agentHoursAt({ timeZone: 'UTC', days: {} }, new Date('2026-12-02T10:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: null,
    });
  });
});

describe('site hours and the widget’s site payload', () => {
  it('no schedule, or one that no longer validates, means always in hours (null)', () => {
    expect(siteAgentHours({ businessHours: null })).toBeNull();
    expect(businessHoursOf({ businessHours: { timeZone: 'Mars/Olympus', days: {} } })).toBeNull();
    expect(businessHoursOf({ businessHours: office('UTC') })).toEqual(office('UTC'));
  });

  it('widgetSiteOf carries the greeting (blank: none), the questions and the hours now', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(
      widgetSiteOf({ greeting: '  ', suggestedQuestions: ['Where is my order?'], businessHours: office('UTC') }, now),
    ).toEqual({
      greeting: null,
      suggestedQuestions: ['Where is my order?'],
      agentHours: { open: false, nextOpenAt: '2026-12-07T09:00:00.000Z' },
    });
    expect(widgetSiteOf({ greeting: 'Hi!', suggestedQuestions: [], businessHours: null }, now)).toEqual({
      greeting: 'Hi!',
      suggestedQuestions: [],
      agentHours: null,
    });
  });
});
