// The centres of the account: a school admin may run several (a cité scolaire, a réseau).
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { mySchools, SchoolSwitch } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { html } from "../shared/ui.js";

export async function myCenters() {
  return (await mySchools()).filter((s) => s.is_certification_center);
}

export function CentersPage({ frame }) {
  const state = useLoad(async () => {
    const centers = await myCenters();
    if (centers.length === 1) navigate(`/centre/${centers[0].id}`, { replace: true });
    return centers;
  });
  return html`<${Page} ...${frame} title="Mes centres de certification">
    <${Loaded} state=${state}>
      ${(centers) =>
        centers.length
          ? html`<ul class="cards">
              ${centers.map(
                (c) => html`<li class="card">
                  <h2 class="card__title"><a href=${`#/centre/${c.id}`}>${c.name}</a></h2>
                  <p>UAI ${c.uai} · ${c.role === "ADMIN" ? "administrateur" : "membre"}</p>
                </li>`,
              )}
            </ul>`
          : html`<${Notice} kind="info">
              Aucun de vos établissements n'est centre de certification. Si le vôtre doit l'être,
              demandez-le à votre référent Pix.
            <//>`}
    <//>
  <//>`;
}

/** Changing centre from any page of one: its sessions. */
export function CenterSwitch({ centers, current }) {
  return html`<${SchoolSwitch} schools=${centers} current=${current}
    onChange=${(id) => navigate(`/centre/${id}`)} />`;
}
