import { businessHoursSchema, WEEKDAYS, type BusinessHours, type Weekday } from '../contracts/admin-api.js';
import type { AgentHours } from '../contracts/payloads.js';

/** A local calendar day and time in the schedule's zone, as numbers (month 1-12). */
interface WallClock {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, minutes: parts.hour! * 60 + parts.minute! };
}

/** The zone's offset from UTC at `instant`, in ms (seconds dropped, as the schedule is in minutes). */
function offsetAt(instant: number, timeZone: string): number {
  const local = wallClock(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant a local time happens in `timeZone`. A repeated local time (the autumn DST change) gives
 * its first occurrence; one that does not exist (skipped in spring, e.g. 02:30 when clocks jump from
 * 02:00 to 03:00) gives the instant as far after the jump as it was after 02:00 (03:30), so an opening
 * inside the gap opens just after it.
 */
export function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  // Zones change their offset at most once within a few hours: the offsets before and after any change near it.
  const before = asUtc - offsetAt(asUtc - 14 * HOUR, timeZone);
  const after = asUtc - offsetAt(asUtc + 14 * HOUR, timeZone);
  const exists = (instant: number) => {
    const local = wallClock(instant, timeZone);
    return Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes) === asUtc;
  };
  const valid = [before, after].filter(exists);
  return valid.length > 0 ? Math.min(...valid) : before;
}

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Monday-first weekday of a calendar date (a pure calendar computation, no zone). */
function weekdayOf(year: number, month: number, day: number): Weekday {
  return WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7]!;
}

/**
 * Whether the schedule is open at `now`, and if not, the next opening (ISO instant; null when the
 * schedule has no opening at all). Spans are `[open, close)` in the zone's wall-clock time; a span
 * overnight is written as one span to `24:00` and one from `00:00` the next day.
 */
export function agentHoursAt(hours: BusinessHours, now: Date): AgentHours {
  const { timeZone } = hours;
  const today = wallClock(now.getTime(), timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    // Calendar arithmetic in UTC: adding days to a date never crosses a zone's DST change.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const spans = [...(hours.days[weekdayOf(year, month, day)] ?? [])].sort((a, b) => a.open.localeCompare(b.open));
    for (const span of spans) {
      const open = toMinutes(span.open);
      const close = toMinutes(span.close);
      if (offset === 0 && open <= today.minutes && today.minutes < close) return { open: true, nextOpenAt: null };
      const at = instantOf(year, month, day, open, timeZone);
      if (at > now.getTime()) return { open: false, nextOpenAt: new Date(at).toISOString() };
    }
  }
  return { open: false, nextOpenAt: null };
}

/**
 * The site's stored hours, validated; null (always open) when none are set or the stored value no
 * longer passes the schema (it was validated when written, so that means a hand-edited row).
 */
export function businessHoursOf(site: { businessHours: unknown }): BusinessHours | null {
  if (site.businessHours === null || site.businessHours === undefined) return null;
  const parsed = businessHoursSchema.safeParse(site.businessHours);
  return parsed.success ? parsed.data : null;
}

/** Agents' hours for the widget: null when the site has no schedule (always open). */
export function siteAgentHours(site: { businessHours: unknown }, now: Date = new Date()): AgentHours | null {
  const hours = businessHoursOf(site);
  return hours ? agentHoursAt(hours, now) : null;
}
