// The season week by week: sessions and candidates as two charts, then the same figures as a
// table (what screen readers and the printed page read, week by week).
import { formatDate, formatNumber } from "../shared/format.js";
import { html } from "../shared/ui.js";
import { WeekChart, weekLabel } from "./week_chart.js";

export const WEEK_COLUMNS = [
  ["sessions_created", "Sessions créées"],
  ["sessions_finalized", "Sessions finalisées"],
  ["candidates_enrolled", "Candidats inscrits"],
  ["certified", "Candidats certifiés"],
];
const total = (week, key) => week.total[key];

export function Weeks({ weeks }) {
  return html`<section class="weeks" aria-labelledby="titre-semaines">
    <h2 id="titre-semaines">La saison semaine par semaine</h2>
    ${weeks.length
      ? html`
        <div class="charts charts--weeks">
          <${WeekChart} id="graphique-sessions-semaines" title="Sessions par semaine" weeks=${weeks} value=${total}
            series=${[["Créées", "sessions_created"], ["Finalisées", "sessions_finalized"]]} />
          <${WeekChart} id="graphique-candidats-semaines" title="Candidats par semaine" weeks=${weeks} value=${total}
            series=${[["Inscrits", "candidates_enrolled"], ["Certifiés", "certified"]]} />
        </div>
        <${WeekTable} weeks=${weeks} />`
      : html`<p>Aucune session ni aucun résultat compté pour l'instant.</p>`}
  </section>`;
}

function WeekTable({ weeks }) {
  return html`<table class="table figures weeks-table">
    <caption>Chiffres par semaine (public et privé)</caption>
    <thead><tr>
      <th scope="col">Semaine</th><th scope="col">Lundi</th>
      ${WEEK_COLUMNS.map(([, label]) => html`<th scope="col" class="number">${label}</th>`)}
    </tr></thead>
    <tbody>${weeks.map((w) => html`<tr data-semaine=${w.week}>
      <th scope="row">${weekLabel(w.week)}</th>
      <td>${formatDate(w.week_start)}</td>
      ${WEEK_COLUMNS.map(([key]) => html`<td class="number" data-indicateur=${key}>${formatNumber(w.total[key])}</td>`)}
    </tr>`)}</tbody>
  </table>`;
}
