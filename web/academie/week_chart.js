// Two figures per week as grouped vertical bars, inline SVG: no library, prints as is. A week
// can be below zero (a session deleted that week un-counts there), so bars start at zero.
import { formatDate, formatNumber } from "../shared/format.js";
import { html } from "../shared/ui.js";

const WIDTH = 720;
const HEIGHT = 296;
const LEFT = 52;
const RIGHT = 12;
const TOP = 40;
const BOTTOM = 54;
const PLOT = WIDTH - LEFT - RIGHT;
const LABEL_ROOM = 56;

export function weekNumber(week) {
  return Number(week.split("-W")[1]);
}

export function weekLabel(week) {
  return `sem. ${weekNumber(week)}`;
}

/** Ticks of 1, 2 or 5 × 10ⁿ covering [low, high], at most six of them. */
function ticks(low, high) {
  const rough = Math.max(1, (high - low) / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const found = [];
  for (let t = Math.floor(low / step) * step; t <= Math.ceil(high / step) * step; t += step) {
    found.push(t);
  }
  return found;
}

function described(weeks, series, value) {
  const first = formatDate(weeks[0].week_start);
  const last = formatDate(weeks[weeks.length - 1].week_start);
  const parts = series.map(([label, key]) => {
    const values = weeks.map((w) => value(w, key));
    const top = Math.max(...values);
    const best = weeks[values.indexOf(top)];
    const sum = values.reduce((a, b) => a + b, 0);
    const peak = top > 0 ? `, au plus ${formatNumber(top)} (${weekLabel(best.week)})` : "";
    return `${label} : ${formatNumber(sum)} en tout${peak}`;
  });
  const span = weeks.length > 1 ? `${weeks.length} semaines, du lundi ${first} au lundi ${last}` : `la semaine du lundi ${first}`;
  return `${span}. ${parts.join(" ; ")}. Le détail est dans le tableau « Chiffres par semaine ».`;
}

export function WeekChart({ id, title, weeks, series, value }) {
  const all = weeks.flatMap((w) => series.map(([, key]) => value(w, key)));
  const scale = ticks(Math.min(0, ...all), Math.max(1, ...all));
  const [low, high] = [scale[0], scale[scale.length - 1]];
  const y = (v) => TOP + ((high - v) / (high - low)) * (HEIGHT - TOP - BOTTOM);
  const band = PLOT / weeks.length;
  const bar = Math.min(28, (band * 0.8) / series.length);
  const every = Math.ceil(weeks.length / Math.floor(PLOT / LABEL_ROOM));
  const showValues = band >= 40;
  return html`<figure class="chart chart--weeks">
    <svg viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby=${`${id}-titre ${id}-desc`} width="100%">
      <title id=${`${id}-titre`}>${title}</title>
      <desc id=${`${id}-desc`}>${described(weeks, series, value)}</desc>
      <g class="chart__legend" aria-hidden="true">
        ${series.map(([label], i) => html`
          <rect x=${LEFT + i * 150} y="8" width="14" height="14" class=${`chart__series-${i}`} />
          <text x=${LEFT + i * 150 + 20} y="20">${label}</text>`)}
      </g>
      <g class="chart__axis" aria-hidden="true">
        ${scale.map((t) => html`
          <line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(t)} y2=${y(t)} class=${t === 0 ? "chart__zero" : "chart__grid"} />
          <text x=${LEFT - 6} y=${y(t) + 5} text-anchor="end">${formatNumber(t)}</text>`)}
      </g>
      ${weeks.map((w, i) => {
        const x = LEFT + i * band + (band - bar * series.length) / 2;
        const centre = LEFT + (i + 0.5) * band;
        return html`<g aria-hidden="true" data-semaine=${w.week}>
          ${series.map(([label, key], j) => {
            const v = value(w, key);
            const [top, bottom] = [y(Math.max(v, 0)), y(Math.min(v, 0))];
            return html`<rect x=${x + j * bar} y=${top} width=${bar > 3 ? bar - 1 : bar} height=${Math.max(bottom - top, v ? 1 : 0)}
                class=${`chart__series-${j}`}>
                <title>${weekLabel(w.week)} (${formatDate(w.week_start)}) : ${formatNumber(v)} ${label.toLowerCase()}</title>
              </rect>
              ${showValues && v
                ? html`<text class="chart__value" x=${x + j * bar + bar / 2} y=${v > 0 ? top - 4 : bottom + 13} text-anchor="middle">${formatNumber(v)}</text>`
                : null}`;
          })}
          ${i % every === 0
            ? html`<text x=${centre} y=${HEIGHT - BOTTOM + 24} text-anchor="middle" class="chart__week">${weekLabel(w.week)}</text>
                <text x=${centre} y=${HEIGHT - BOTTOM + 42} text-anchor="middle" class="chart__date">${formatDate(w.week_start).slice(0, 5)}</text>`
            : null}
        </g>`;
      })}
    </svg>
    <figcaption>${title} (public et privé)</figcaption>
  </figure>`;
}
