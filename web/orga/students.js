// A school's students by class, with a search by name: read page by page as the list scrolls
// (a lycée has thousands), never all at once.
import { call } from "../shared/api.js";
import { Select } from "../shared/fields.js";
import { Field } from "../shared/forms.js";
import { formatDate, formatNumber, plural } from "../shared/format.js";
import { Loaded, useLoad } from "../shared/load.js";
import { MoreBelow, usePages } from "../shared/office.js";
import { html, useEffect, useState } from "../shared/ui.js";
import { SchoolPage } from "./schools.js";

export const PAGE_SIZE = 50;

export function StudentsPage({ orgId, frame }) {
  const divisions = useLoad(() => call("orgaDivisions", { params: { org_id: orgId } }), [orgId]);
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="eleves" title="Élèves">
    <${Loaded} state=${divisions}>${(list) => html`<${Students} orgId=${orgId} divisions=${list} />`}<//>
  <//>`;
}

function Students({ orgId, divisions }) {
  const [division, setDivision] = useState("");
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const wait = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(wait);
  }, [typed]);
  const pages = usePages(async (cursor) => {
    const query = { division, search, limit: PAGE_SIZE, cursor };
    const page = await call("orgaStudents", { params: { org_id: orgId }, query });
    return { items: page.students, next: page.next_cursor };
  }, [orgId, division, search]);
  const total = divisions.reduce((sum, d) => sum + d.student_count, 0);
  const shown = division ? divisions.find((d) => d.name === division)?.student_count ?? 0 : total;
  return html`
    <form class="filters" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Select} name="division" label="Classe" value=${division} empty=${`Toutes les classes (${formatNumber(total)})`}
        options=${divisions.map((d) => [d.name, `${d.name} (${d.student_count})`])} onInput=${setDivision} />
      <${Field} name="search" label="Nom ou prénom" type="search" value=${typed} onInput=${setTyped}
        autocomplete="off" maxlength="100" />
    </form>
    <p role="status">${search
      ? `${plural(pages.items.length, "élève affiché", "élèves affichés")}${pages.next ? " (d'autres suivent)" : ""} pour « ${search} ».`
      : `${plural(shown, "élève actif", "élèves actifs")}${division ? ` en ${division}` : ""}${division ? "" : " (par INE ; choisissez une classe pour l'ordre alphabétique)"}.`}</p>
    ${pages.items.length > 0 &&
    html`<table class="table" data-rows=${pages.items.length}>
      <caption class="visually-hidden">Élèves de l'établissement</caption>
      <thead><tr>
        <th scope="col">Nom</th><th scope="col">Prénom</th><th scope="col">Date de naissance</th>
        <th scope="col">Classe</th><th scope="col">INE</th><th scope="col">Compte Pix</th>
      </tr></thead>
      <tbody>
        ${pages.items.map(
          (s) => html`<tr>
            <td>${s.last_name}</td><td>${s.first_name}</td><td>${formatDate(s.birthdate)}</td>
            <td>${s.division}</td><td class="code">${s.ine}</td>
            <td>${s.reconciled ? html`<span class="badge badge--success">Rattaché</span>` : html`<span class="muted">Pas encore</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>`}
    ${!pages.loading && !pages.error && !pages.items.length && html`<p>Aucun élève ne correspond.</p>`}
    <${MoreBelow} pages=${pages} label="Afficher les élèves suivants" />
  `;
}
