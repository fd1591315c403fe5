import { WEEKDAYS, type BusinessHours } from '../../src/contracts/admin-api.js';

/** A schedule (UTC) whose only span is three days from today: closed now, back at 09:00 that day. */
export function closedNowHours(now: Date = new Date()): { hours: BusinessHours; nextOpenAt: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3, 9));
  const weekday = WEEKDAYS[(day.getUTCDay() + 6) % 7]!;
  return { hours: { timeZone: 'UTC', days: { [weekday]: [{ open: '09:00', close: '10:00' }] } }, nextOpenAt: day.toISOString() };
}
