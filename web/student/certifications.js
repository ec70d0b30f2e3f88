// « Mes certifications »: each result once the jury published it, and its signed attestation.
import { call } from "../shared/api.js";
import { formatDate, formatNumber, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { useAction } from "../shared/office.js";
import { competenceName, referential } from "../shared/referential.js";
import { download } from "../shared/transfer.js";
import { html } from "../shared/ui.js";

const STATUS = {
  validated: "Certification validée",
  rejected: "Certification non validée",
  cancelled: "Certification annulée",
};

export function CertificationsPage({ frame }) {
  const state = useLoad(async () => {
    const [mine, areas] = await Promise.all([call("myCertifications"), referential()]);
    return { certifications: mine.certifications, areas };
  });
  return html`<${Page} ...${frame} title="Mes certifications">
    <${Loaded} state=${state}>
      ${({ certifications, areas }) =>
        certifications.length === 0
          ? html`<p>Aucun résultat de certification pour l'instant : un résultat apparaît ici
              quand le jury Pix a publié la session, quelques jours après le test.</p>`
          : html`<ul class="results">
              ${certifications.map((c) => html`<${Result} key=${c.course_id} result=${c} areas=${areas} />`)}
            </ul>`}
    <//>
  <//>`;
}

function Result({ result, areas }) {
  const action = useAction();
  const heading = `resultat-${result.course_id}`;
  const certified = result.competences.filter((c) => c.level > 0);
  return html`<li class="result" aria-labelledby=${heading}>
    <h2 id=${heading}>${STATUS[result.status] || result.status}</h2>
    <p>${`Session du ${formatDate(result.session_date)} — ${result.center_name}. Résultat publié le ${formatDate(result.published_at)}.`}</p>
    ${result.status === "validated" &&
    html`<p><strong>${formatNumber(result.pix)} pix</strong>, ${plural(certified.length, "compétence certifiée", "compétences certifiées")}.</p>
      <table>
        <caption>Niveaux certifiés</caption>
        <thead><tr><th scope="col">Compétence</th><th scope="col">Niveau</th><th scope="col">Pix</th></tr></thead>
        <tbody>
          ${certified.map(
            (c) => html`<tr><th scope="row">${c.competence} ${competenceName(areas, c.competence)}</th><td>${c.level}</td><td>${c.pix}</td></tr>`,
          )}
        </tbody>
      </table>`}
    ${result.comment_for_candidate && html`<p>Message du jury : ${result.comment_for_candidate}</p>`}
    ${result.verification_code &&
    html`<p>Code de vérification : <strong>${result.verification_code}</strong> ${"(à donner à qui veut vérifier l'attestation sur la page de vérification Pix)."}</p>`}
    <${Notice} kind="error">${action.error?.message}<//>
    ${result.attestation_available &&
    html`<button type="button" class="button" disabled=${action.busy}
      onClick=${() => action.run(() => download("myAttestation", { params: { course_id: result.course_id }, filename: `attestation-pix-${result.course_id}.pdf` }))}>
      Télécharger mon attestation (PDF)</button>`}
  </li>`;
}
