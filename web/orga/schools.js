// The account's schools, and the frame of a school's pages: its name, its sections, the switch
// to another school of the account (same section).
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { mySchools, SchoolSwitch } from "../shared/office.js";
import { currentPath, navigate } from "../shared/router.js";
import { html } from "../shared/ui.js";

const SECTIONS = [
  ["eleves", "Élèves"],
  ["import", "Import SIECLE"],
  ["campagnes", "Campagnes"],
  ["membres", "Membres"],
  ["resultats", "Résultats de certification"],
];

export function SchoolsPage({ frame }) {
  const state = useLoad(async () => {
    const schools = await mySchools();
    if (schools.length === 1) navigate(`/etablissement/${schools[0].id}/eleves`, { replace: true });
    return schools;
  });
  return html`<${Page} ...${frame} title="Mes établissements">
    <${Loaded} state=${state}>
      ${(schools) =>
        schools.length
          ? html`<ul class="cards">
              ${schools.map(
                (s) => html`<li class="card">
                  <h2 class="card__title"><a href=${`#/etablissement/${s.id}/eleves`}>${s.name}</a></h2>
                  <p>UAI ${s.uai} · ${s.role === "ADMIN" ? "administrateur" : "membre"}</p>
                </li>`,
              )}
            </ul>`
          : html`<${Notice}>Votre compte n'est membre d'aucun établissement.<//>`}
    <//>
  <//>`;
}

/** A page of one school: `title` under the school's name, its sections as a second menu. */
export function SchoolPage({ frame, orgId, section, title, children, wide = true }) {
  const schools = useLoad(() => mySchools(), []);
  const school = schools.data?.find((s) => s.id === orgId);
  const change = (id) => navigate(currentPath().replace(`/etablissement/${orgId}/`, `/etablissement/${id}/`).replace(/\/campagne\/[^/]+$/, "/campagnes"));
  return html`<${Page} ...${frame} title=${title} wide=${wide}>
    <div class="toolbar">
      <p class="school-name">${school ? `${school.name} (UAI ${school.uai})` : ""}</p>
      <${SchoolSwitch} schools=${schools.data} current=${orgId} onChange=${change} />
    </div>
    <nav class="tabs" aria-label="Rubriques de l'établissement">
      <ul>
        ${SECTIONS.map(
          ([key, label]) => html`<li><a href=${`#/etablissement/${orgId}/${key}`}
            aria-current=${key === section ? "page" : undefined}>${label}</a></li>`,
        )}
      </ul>
    </nav>
    ${children}
  <//>`;
}

export function useSchool(orgId) {
  return useLoad(async () => (await mySchools()).find((s) => s.id === orgId) || null, [orgId]);
}
