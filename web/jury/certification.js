// One certification under review: result, reports, every answer, and what the jury may change —
// each change sent with the version read, so another member's change is shown, never overwritten.
import { call } from "../shared/api.js";
import { TextArea } from "../shared/fields.js";
import { Field, useForm } from "../shared/forms.js";
import { formatDate, formatNumber, parseFrenchDate } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { competenceName } from "../shared/referential.js";
import { Confirm, useAction } from "../shared/office.js";
import { html, useState } from "../shared/ui.js";
import { History } from "./history.js";
import { ABORT_LABELS, ANSWER_LABELS, reportLabel, ResultStatus } from "./labels.js";

/** Runs `send`; on a 409 STALE_VERSION (another member acted first) tells `onStale`, then fails. */
async function staleAware(send, onStale) {
  try {
    return await send();
  } catch (error) {
    if (error.code === "STALE_VERSION") onStale();
    throw error;
  }
}

const STALE =
  "Les informations ci-dessous viennent d'être relues : vérifiez-les, puis refaites votre action si elle est toujours utile.";

export function Certification({ certification: c, areas, me, locked, onSaved, onStale }) {
  const action = useAction();
  const [stale, setStale] = useState(false);
  const heading = `cert-${c.course_id}`;
  /** `send(version)` acts on the version shown; a 409 means someone acted first: read again. */
  const act = async (send) => {
    setStale(false);
    const reply = await action.run(() => staleAware(() => send(c.version), () => (setStale(true), onStale())));
    if (reply) onSaved(reply);
    return reply;
  };
  const failed = action.error;
  const who = c.identity ? `${c.identity.last_name.toUpperCase()} ${c.identity.first_name}` : "Candidat";
  return html`<section class="card certification" aria-labelledby=${heading}>
    <h3 id=${heading} class="card__title">${who}</h3>
    <p class="muted">
      Certification ${c.course_id} · code de vérification <span class="code">${c.verification_code}</span>
      ${c.identity?.division ? ` · classe ${c.identity.division}` : ""}
      ${c.identity ? ` · né(e) le ${formatDate(c.identity.birthdate)}${c.identity.birthplace ? ` à ${c.identity.birthplace}` : ""}` : ""}
    </p>
    <${Notice} kind="error">${failed && html`<p>${failed.message}</p>${stale && html`<p>${STALE}</p>`}`}<//>
    <${Result} c=${c} areas=${areas} />
    <${Reports} c=${c} locked=${locked} act=${act} busy=${action.busy} />
    <${Answers} c=${c} areas=${areas} locked=${locked} act=${act} busy=${action.busy} />
    ${!locked && html`<${CancelOrRestore} c=${c} act=${act} busy=${action.busy} />`}
    ${!locked && html`<${Corrections} c=${c} onSaved=${onSaved} onStale=${onStale} />`}
    <${History} courseId=${c.course_id} version=${c.version} me=${me} />
  </section>`;
}

/** « 96 pix · taux de reproductibilité 87 % · test terminé · écran de fin vu ». */
function facts(c) {
  const r = c.result;
  return [
    `· ${formatNumber(r.pix)} pix`,
    r.rate !== null && `taux de reproductibilité ${r.rate} %`,
    c.course_state === "completed" ? "test terminé" : "test non terminé",
    c.abort_reason && `raison d'abandon : ${ABORT_LABELS[c.abort_reason] || c.abort_reason}`,
    c.end_screen_seen ? "écran de fin vu" : "écran de fin non vu",
    c.cancelled_by_jury && "annulée par le jury",
  ].filter(Boolean);
}

function Result({ c, areas }) {
  const r = c.result;
  return html`<div>
    <p><${ResultStatus} status=${r.status} /> ${facts(c).join(" · ")}</p>
    ${r.comment && html`<p class="muted">${r.comment}</p>`}
    ${r.errors.length > 0 && html`<${Notice} kind="warning"><ul>${r.errors.map((e) => html`<li>${e}</li>`)}</ul><//>`}
    ${r.competences.length > 0 && html`<details>
      <summary>Niveaux par compétence (sur ${c.max_level})</summary>
      <table class="table">
        <caption class="visually-hidden">Niveaux certifiés</caption>
        <thead><tr><th scope="col">Compétence</th><th scope="col" class="number">Niveau</th><th scope="col" class="number">Pix</th></tr></thead>
        <tbody>${r.competences.map((k) => html`<tr>
          <td>${k.competence} ${competenceName(areas, k.competence)}</td>
          <td class="number">${k.level}</td><td class="number">${k.pix}</td>
        </tr>`)}</tbody>
      </table>
    </details>`}
  </div>`;
}

function Reports({ c, locked, act, busy }) {
  if (!c.issue_reports.length) return html`<p class="muted">Aucun signalement.</p>`;
  return html`<div>
    <h4>Signalements</h4>
    <ul class="reports">
      ${c.issue_reports.map((r) => html`<li>
        <strong>${r.code}</strong> ${reportLabel(r)}${r.question_number ? ` (question ${r.question_number})` : ""}
        ${r.description && html`<br /><span class="muted">« ${r.description} »</span>`}
        <br />${r.resolved
          ? html`<span class="badge badge--success">Résolu</span> ${r.resolution}`
          : html`<span class="badge badge--error">À résoudre</span>`}
        ${!r.resolved && !locked && html`<${Resolve} report=${r} c=${c} act=${act} busy=${busy} />`}
      </li>`)}
    </ul>
  </div>`;
}

function Resolve({ report, c, act, busy }) {
  const [comment, setComment] = useState("");
  const [error, setError] = useState(null);
  const name = `resolution-${report.issue_report_id}`;
  const submit = async (event) => {
    event.preventDefault();
    if (!comment.trim()) return setError("Écrivez ce que vous avez décidé.");
    setError(null);
    const body = { certification_id: c.course_id, comment: comment.trim() };
    const params = { issue_report_id: report.issue_report_id };
    if (await act((version) => call("juryResolve", { params, body: { ...body, version } }))) setComment("");
  };
  return html`<form class="report-form" onSubmit=${submit} noValidate>
    <${TextArea} name=${name} label=${`Résolution du signalement ${report.code}`} value=${comment}
      onInput=${setComment} error=${error} rows="2" maxlength="2000" />
    <button type="submit" class="button button--small" disabled=${busy}>Résoudre</button>
  </form>`;
}

function features(f) {
  return [f.has_image && "image", f.has_embed && "application", f.has_attachment && "fichier", f.timer && `minuté (${f.timer} s)`]
    .filter(Boolean)
    .join(", ");
}

function Answers({ c, areas, locked, act, busy }) {
  if (!c.answers.length) return html`<p class="muted">Aucune réponse.</p>`;
  const params = { course_id: c.course_id };
  return html`<details open=${c.issue_reports.some((r) => r.question_number)}>
    <summary>Les ${c.answers.length} questions et leurs réponses</summary>
    <table class="table">
      <caption class="visually-hidden">Réponses du candidat</caption>
      <thead><tr>
        <th scope="col" class="number">N°</th><th scope="col">Compétence</th><th scope="col">Acquis</th>
        <th scope="col">Type</th><th scope="col">Contenu</th><th scope="col">Résultat</th>
        ${!locked && html`<th scope="col">Action</th>`}
      </tr></thead>
      <tbody>${c.answers.map((a) => html`<tr class=${a.neutralized ? "row--muted" : ""}>
        <td class="number">${a.question_number}</td>
        <td>${a.competence} <span class="muted">${competenceName(areas, a.competence)}</span></td>
        <td>${a.skill}</td>
        <td>${a.challenge_type}</td>
        <td>${features(a.features) || "—"}</td>
        <td>${ANSWER_LABELS[a.result] || a.result}${a.neutralized ? html` · <strong>neutralisée</strong>` : ""}</td>
        ${!locked && html`<td>${a.neutralized
          ? html`<button type="button" class="button button--secondary button--small" disabled=${busy}
              onClick=${() => act((version) => call("juryDeneutralize", { params, body: { version, question_number: a.question_number } }))}>
              Dé-neutraliser<span class="visually-hidden"> la question ${a.question_number}</span></button>`
          : html`<button type="button" class="button button--secondary button--small" disabled=${busy}
              onClick=${() => act((version) => call("juryNeutralize", { params, body: { version, question_number: a.question_number } }))}>
              Neutraliser<span class="visually-hidden"> la question ${a.question_number}</span></button>`}</td>`}
      </tr>`)}</tbody>
    </table>
  </details>`;
}

function CancelOrRestore({ c, act, busy }) {
  const [asking, setAsking] = useState(false);
  const params = { course_id: c.course_id };
  if (c.cancelled_by_jury) {
    return html`<div class="actions"><button type="button" class="button button--secondary" disabled=${busy}
      onClick=${() => act((version) => call("juryUncancel", { params, body: { version } }))}>Rétablir la certification</button></div>`;
  }
  return html`<div class="actions">
    <button type="button" class="button button--danger" disabled=${busy} onClick=${() => setAsking(true)}>Annuler la certification</button>
    <${Confirm} open=${asking} title="Annuler cette certification ?" confirmLabel="Annuler la certification" busy=${busy}
      onConfirm=${async () => (await act((version) => call("juryCancel", { params, body: { version } })), setAsking(false))} onCancel=${() => setAsking(false)}>
      <p>Le candidat n'aura ni résultat ni attestation pour cette session. Vous pourrez la rétablir
        tant que la session n'est pas publiée.</p>
    <//>
  </div>`;
}

const EDITABLE = ["first_name", "last_name", "birthdate", "birthplace", "comment_for_candidate", "comment_for_organization", "comment_for_jury"];

function current(c) {
  return {
    first_name: c.identity?.first_name || "",
    last_name: c.identity?.last_name || "",
    birthdate: c.identity ? formatDate(c.identity.birthdate) : "",
    birthplace: c.identity?.birthplace || "",
    comment_for_candidate: c.comments.for_candidate || "",
    comment_for_organization: c.comments.for_organization || "",
    comment_for_jury: c.comments.for_jury || "",
  };
}

/** Identity corrections and the three comments: only what changed is sent. */
function Corrections({ c, onSaved, onStale }) {
  const form = useForm(current(c), `jury.edit.${c.course_id}`);
  const [saved, setSaved] = useState(null);
  const [stale, setStale] = useState(false);
  const before = current(c);
  const changed = EDITABLE.filter((k) => form.values[k].trim() !== before[k]);
  const submit = async (event) => {
    event.preventDefault();
    setSaved(null);
    setStale(false);
    const body = { version: c.version };
    for (const k of changed) body[k] = form.values[k].trim() || null;
    if ("birthdate" in body) {
      body.birthdate = parseFrenchDate(form.values.birthdate);
      if (!body.birthdate) {
        return form.showError({ fieldErrors: { birthdate: "Saisissez une date réelle, au format JJ/MM/AAAA." } });
      }
    }
    for (const k of ["first_name", "last_name"]) {
      if (k in body && !body[k]) return form.showError({ fieldErrors: { [k]: "Ce champ ne peut pas être vide." } });
    }
    const send = () => call("juryEdit", { params: { course_id: c.course_id }, body });
    const reply = await form.submit(() => staleAware(send, () => (setStale(true), onStale())));
    if (reply) {
      setSaved("Modifications enregistrées.");
      onSaved(reply);
    }
  };
  const field = (name, label, extra = {}) => html`<${Field} name=${`${name}-${c.course_id}`} label=${label}
    value=${form.values[name]} onInput=${form.set(name)} error=${form.errors[name]} ...${extra} />`;
  const area = (name, label) => html`<${TextArea} name=${`${name}-${c.course_id}`} label=${label}
    value=${form.values[name]} onInput=${form.set(name)} error=${form.errors[name]} maxlength="2000" rows="2" />`;
  return html`<details>
    <summary>Corriger l'identité, écrire les commentaires</summary>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError && html`<p>${form.formError}</p>${stale && html`<p>${STALE} Ce que vous avez saisi est gardé.</p>`}`}<//>
      <${Notice} kind="success">${saved}<//>
      <div class="field-row">
        ${field("last_name", "Nom", { maxlength: 100 })}
        ${field("first_name", "Prénom", { maxlength: 100 })}
      </div>
      <div class="field-row">
        ${field("birthdate", "Date de naissance", { hint: "Format : JJ/MM/AAAA", inputmode: "numeric", maxlength: 10 })}
        ${field("birthplace", "Lieu de naissance", { maxlength: 100 })}
      </div>
      ${area("comment_for_candidate", "Commentaire pour le candidat")}
      ${area("comment_for_organization", "Commentaire pour l'établissement")}
      ${area("comment_for_jury", "Commentaire interne au jury")}
      <button type="submit" class="button" disabled=${form.busy || !changed.length}>Enregistrer les modifications</button>
    </form>
  </details>`;
}
