/** Formatting shared by every screen: durations, instants and commit ids, in words people read. */

const UNITS: Array<[string, number]> = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Seconds in an ISO-8601 duration such as PT5M, PT24H, P1DT2H or PT30S; null when it is not one. */
export function parseIsoDuration(text: string | null | undefined): number | null {
  if (!text) return null;
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return null;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

/** An ISO-8601 duration for a number of seconds, in the largest whole units: 300 -> PT5M, 86400 -> PT24H. */
export function toIsoDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole === 0) return 'PT0S';
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/** "5 minutes", "24 hours", "1 hour 30 minutes". */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds == null || Number.isNaN(seconds)) return '';
  let rest = Math.round(seconds);
  if (rest === 0) return '0 seconds';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    // 24 hours reads better than 1 day for a timeout, as the vendor's docs put it.
    if (unit === 'day' && rest <= 86400) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
      rest -= count * size;
    }
  }
  return parts.slice(0, 2).join(' ');
}

export function humanIsoDuration(iso: string | null | undefined): string {
  const seconds = parseIsoDuration(iso);
  return seconds == null ? (iso ?? '') : humanDuration(seconds);
}

/** Elapsed time between two instants, for step cards: "12s", "3m 4s", "2h 5m". */
export function elapsed(
  from: string | null | undefined,
  to: string | null | undefined,
  now: Date = new Date(),
): string {
  if (!from) return '';
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  const total = Math.max(0, Math.round((end - start) / 1000));
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${total % 60}s`;
  return `${Math.floor(total / 3600)}h ${Math.floor((total % 3600) / 60)}m`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOnly.format(date);
}

export function shortSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : '';
}
