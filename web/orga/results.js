// The certification results as a CSV file (DOMAIN.md's columns), by class or by session.
import { call } from "../shared/api.js";
import { Select } from "../shared/fields.js";
import { formatDate } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { useAction } from "../shared/office.js";
import { download } from "../shared/transfer.js";
import { html, useState } from "../shared/ui.js";
import { SchoolPage, useSchool } from "./schools.js";

export function ResultsPage({ orgId, frame }) {
  const school = useSchool(orgId);
  const state = useLoad(() => call("orgaDivisions", { params: { org_id: orgId } }), [orgId]);
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="resultats" title="Résultats de certification" wide=${false}>
    <p>Les résultats publiés par le jury Pix, au format CSV (une ligne par candidat, séparateur « ; ») :
      toute l'année, une classe, ou une session.</p>
    <${Loaded} state=${state}>
      ${(divisions) => html`<${Choice} orgId=${orgId} divisions=${divisions} centre=${school.data?.is_certification_center} />`}
    <//>
  <//>`;
}

function Choice({ orgId, divisions, centre }) {
  const [division, setDivision] = useState("");
  const [session, setSession] = useState("");
  const sessions = useLoad(async () => {
    if (!centre) return [];
    const page = await call("orgaCenterSessions", { params: { center_id: orgId }, query: { limit: 200 } });
    return page.sessions.filter((s) => s.status === "processed");
  }, [orgId, centre]);
  const action = useAction();
  const get = () => {
    const query = { division, session_id: session };
    const name = `resultats-certification${division ? `-${division}` : ""}${session ? `-session-${session}` : ""}.csv`;
    return action.run(() => download("orgaResultsCsv", { params: { org_id: orgId }, query, filename: name }));
  };
  return html`<div class="form">
    <${Select} name="division" label="Classe" value=${division} empty="Toutes les classes"
      options=${divisions.map((d) => [d.name, d.name])} onInput=${setDivision} />
    ${centre &&
    html`<${Loaded} state=${sessions}>${(list) => html`<${Select} name="session" label="Session" value=${session}
      empty="Toutes les sessions" hint=${list.length ? null : "Aucune session publiée pour l'instant."}
      options=${list.map((s) => [s.id, `n° ${s.id} du ${formatDate(s.date)}`])} onInput=${setSession} />`}<//>`}
    <${Notice} kind="error">${action.error?.message}<//>
    <button type="button" class="button" onClick=${get} disabled=${action.busy}>Télécharger les résultats (CSV)</button>
  </div>`;
}
