// The académie's figures of the season, public / private / total, as a table and charts, then
// week by week; printable. The jury picks any académie (or the whole country); an académie user sees theirs.
import { call } from "../shared/api.js";
import { formatNumber } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { myAccount } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { html, useState } from "../shared/ui.js";
import { Chart } from "./chart.js";
import { Weeks } from "./weeks.js";

export const ROWS = [
  ["schools", "Établissements"],
  ["certification_centers", "Centres de certification"],
  ["schools_with_active_students", "Établissements ayant des élèves actifs sur Pix"],
  ["schools_with_sessions", "Établissements ayant créé des sessions"],
  ["sessions_created", "Sessions créées"],
  ["sessions_finalized", "Sessions finalisées"],
  ["candidates_enrolled", "Candidats inscrits"],
  ["candidates_took_part", "Candidats ayant passé le test"],
  ["certified", "Candidats certifiés"],
];
const EMPTY = Object.fromEntries(ROWS.map(([key]) => [key, 0]));

export function DashboardPage({ academie, frame }) {
  const state = useLoad(async () => {
    const me = await myAccount();
    const own = me.role === "ACADEMIE" ? me.academie : null;
    const stats = await call("juryStats", { query: { academie: own || academie } });
    return { stats, mayChoose: me.role !== "ACADEMIE" };
  }, [academie]);
  const name = state.data?.stats.academie;
  const title = name ? `Académie de ${name}` : "Toutes les académies";
  return html`<${Page} ...${frame} title=${state.data ? title : "Tableau de bord"} wide>
    <${Loaded} state=${state}>
      ${({ stats, mayChoose }) => html`
        <div class="toolbar">
          ${mayChoose ? html`<${Choice} current=${academie || ""} />` : html`<span></span>`}
          <button type="button" class="button button--secondary" onClick=${() => window.print()}>Imprimer</button>
        </div>
        <${Figures} stats=${stats} />
      `}
    <//>
  <//>`;
}

function Choice({ current }) {
  const [value, setValue] = useState(current);
  const submit = (event) => {
    event.preventDefault();
    const chosen = value.trim();
    navigate(chosen ? `/tableau-de-bord/${encodeURIComponent(chosen)}` : "/tableau-de-bord");
  };
  return html`<form class="inline-form academie-choice" onSubmit=${submit} role="search">
    <div class="field">
      <label for="champ-academie">Académie</label>
      <input id="champ-academie" name="academie" value=${value} maxlength="100" autocomplete="off"
        aria-describedby="champ-academie-aide" onInput=${(e) => setValue(e.currentTarget.value)} />
      <p class="field__hint" id="champ-academie-aide">Laissez vide pour toutes les académies.</p>
    </div>
    <button type="submit" class="button button--secondary">Afficher</button>
  </form>`;
}

export function Figures({ stats }) {
  const pub = stats.by_sector.PUBLIC || EMPTY;
  const priv = stats.by_sector.PRIVATE || EMPTY;
  const total = stats.total;
  if (!total.schools && !total.sessions_created) {
    return html`<${Notice}>Aucun établissement ni aucune session connus pour l'instant.<//>`;
  }
  return html`
    <table class="table figures">
      <caption>Chiffres de la saison, par secteur</caption>
      <thead><tr>
        <th scope="col">Indicateur</th><th scope="col" class="number">Public</th>
        <th scope="col" class="number">Privé</th><th scope="col" class="number">Total</th>
      </tr></thead>
      <tbody>${ROWS.map(([key, label]) => html`<tr data-indicateur=${key}>
        <th scope="row">${label}</th>
        <td class="number">${formatNumber(pub[key])}</td>
        <td class="number">${formatNumber(priv[key])}</td>
        <td class="number">${formatNumber(total[key])}</td>
      </tr>`)}</tbody>
    </table>
    <div class="charts">
      <${Chart} id="graphique-sessions" title="Sessions de la saison"
        rows=${[["Créées", "sessions_created"], ["Finalisées", "sessions_finalized"]]} pub=${pub} priv=${priv} />
      <${Chart} id="graphique-candidats" title="Candidats de la saison"
        rows=${[["Inscrits", "candidates_enrolled"], ["Ont passé le test", "candidates_took_part"], ["Certifiés", "certified"]]}
        pub=${pub} priv=${priv} />
    </div>
    <${Weeks} weeks=${stats.weeks} />
  `;
}
