// A horizontal stacked bar chart (public, then private) as inline SVG: no library, prints as is.
// The table above carries the same figures for screen readers; the chart is its picture.
import { formatNumber } from "../shared/format.js";
import { html } from "../shared/ui.js";

const WIDTH = 480;
const LABEL = 140;
const BAR = 26;
const GAP = 14;

export function Chart({ id, title, rows, pub, priv }) {
  const top = 34;
  const height = top + rows.length * (BAR + GAP) + 10;
  const largest = Math.max(1, ...rows.map(([, key]) => pub[key] + priv[key]));
  const scale = (WIDTH - LABEL - 70) / largest;
  const described = rows
    .map(([label, key]) => `${label} : ${formatNumber(pub[key] + priv[key])} (public ${formatNumber(pub[key])}, privé ${formatNumber(priv[key])})`)
    .join(" ; ");
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby=${`${id}-titre ${id}-desc`} width="100%">
      <title id=${`${id}-titre`}>${title}</title>
      <desc id=${`${id}-desc`}>${described}</desc>
      <g class="chart__legend" aria-hidden="true">
        <rect x=${LABEL} y="6" width="14" height="14" class="chart__public" />
        <text x=${LABEL + 20} y="18">Public</text>
        <rect x=${LABEL + 90} y="6" width="14" height="14" class="chart__private" />
        <text x=${LABEL + 110} y="18">Privé</text>
      </g>
      ${rows.map(([label, key], i) => {
        const y = top + i * (BAR + GAP);
        const a = pub[key] * scale;
        const b = priv[key] * scale;
        return html`<g aria-hidden="true">
          <text x=${LABEL - 8} y=${y + BAR * 0.68} text-anchor="end">${label}</text>
          <rect x=${LABEL} y=${y} width=${a} height=${BAR} class="chart__public" />
          <rect x=${LABEL + a} y=${y} width=${b} height=${BAR} class="chart__private" />
          <text x=${LABEL + a + b + 6} y=${y + BAR * 0.68}>${formatNumber(pub[key] + priv[key])}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${title} (public et privé)</figcaption>
  </figure>`;
}
