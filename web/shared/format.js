// French formatting: dates JJ/MM/AAAA, times in Europe/Paris whatever the computer's time zone.

const PARIS = "Europe/Paris";
const dateParts = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const timeParts = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2011-02-28" (a calendar date, no time zone) or an instant → "28/02/2011" (in Paris). */
export function formatDate(value) {
  if (!value) return "";
  const plain = ISO_DATE.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  return dateParts.format(new Date(value));
}

/** An instant → "14:05", as a clock in Paris shows it. */
export function formatTime(value) {
  return value ? timeParts.format(new Date(value)) : "";
}

/** An instant → "28/02/2011 à 14:05" (Paris). */
export function formatDateTime(value) {
  return value ? `${formatDate(value)} à ${formatTime(value)}` : "";
}

/** "28/02/2011" (or 28-02-2011, 28.02.2011, 28 02 2011) → "2011-02-28"; null when no such day. */
export function parseFrenchDate(text) {
  const found = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$/.exec(text || "");
  if (!found) return null;
  const [day, month, year] = found.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Seconds → "1:04:05" or "04:05" (a countdown). */
export function formatCountdown(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = String(m).padStart(2, "0");
  const ss = String(r).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Seconds → « 1 h 45 min », « 1 min 30 s », « 40 s » (said, not ticking). */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const [m, r] = [Math.floor(s / 60), s % 60];
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${String(m).padStart(2, "0")} min` : `${h} h`;
}

/** 1234 → "1 234" (French thousands separator). */
export function formatNumber(n) {
  return new Intl.NumberFormat("fr-FR").format(n);
}

/** « 1 compétence », « 3 compétences ». */
export function plural(count, singular, pluralForm = `${singular}s`) {
  return `${formatNumber(count)} ${count > 1 ? pluralForm : singular}`;
}
