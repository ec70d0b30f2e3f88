// One session: what the centre planned (editable, the edit cancellable), what is left to prepare,
// its printed documents, its candidates and their extra time.
import { call } from "../shared/api.js";
import { Field, useForm } from "../shared/forms.js";
import { formatDate, formatDateTime, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { Confirm, useAction } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { drafts } from "../shared/session.js";
import { download } from "../shared/transfer.js";
import { html, useState } from "../shared/ui.js";
import {
  formValues,
  hours,
  SESSION_CODE_FIELDS,
  scheduleOf,
  SessionFields,
  Status,
} from "./sessions.js";

export function SessionPage({ sessionId, frame }) {
  const state = useLoad(async () => {
    const params = { session_id: sessionId };
    const [session, listed] = await Promise.all([
      call("certifSession", { params }),
      call("certifCandidates", { params }),
    ]);
    return { session, candidates: listed.candidates };
  }, [sessionId]);
  return html`<${Page} ...${frame} title=${`Session n° ${sessionId}`} wide>
    <${Loaded} state=${state}>
      ${({ session, candidates }) => html`
        <p><a href=${`#/centre/${session.center_id}`}>← Retour aux sessions</a></p>
        <${Details} session=${session} onSaved=${(s) => state.set({ session: s, candidates })} />
        <${Documents} session=${session} />
        <${Candidates} session=${session} candidates=${candidates} reload=${state.reload} />
      `}
    <//>
  <//>`;
}

function Warnings({ warnings }) {
  if (!warnings.length) return null;
  return html`<${Notice} kind="warning">
    <h2 class="notice__title">À vérifier avant le jour de la session</h2>
    <ul>${warnings.map((w) => html`<li data-code=${w.code}>${w.message}</li>`)}</ul>
  <//>`;
}

/** DOMAIN.md, step 6: finalise within 48 h of the session's end. The server says whether the
 * 48 h are gone (`finalization_overdue`); a late finalisation is still accepted. */
function FinalizationDue({ session }) {
  if (session.status !== "created") return null;
  const due = formatDateTime(session.finalization_due_at);
  if (session.finalization_overdue) {
    return html`<${Notice} kind="warning">
      <p data-code="FINALIZATION_OVERDUE"><strong>Finalisation en retard :</strong> elle était attendue
      au plus tard le ${due}, 48 h après la fin de la session. Finalisez-la dès que possible : les
      résultats des candidats en dépendent.</p>
    <//>`;
  }
  return html`<p class="muted" data-code="FINALIZATION_DUE">À finaliser au plus tard le ${due} (48 h après la fin de la session).</p>`;
}

function Details({ session, onSaved }) {
  const [editing, setEditing] = useState(() => Boolean(drafts.get(`session.edit.${session.id}`)));
  const [deleting, setDeleting] = useState(false);
  const removal = useAction();
  const editable = session.status === "created";
  const remove = async () => {
    const done = await removal.run(() => call("certifDeleteSession", { params: { session_id: session.id } }));
    if (done !== undefined) navigate(`/centre/${session.center_id}`, { replace: true });
    else setDeleting(false);
  };
  return html`<section aria-labelledby="organisation">
    <h2 id="organisation">Organisation</h2>
    <${Warnings} warnings=${session.warnings} />
    <${FinalizationDue} session=${session} />
    <${Notice} kind="error">${removal.error?.message}<//>
    ${editing
      ? html`<${EditForm} session=${session} onDone=${(saved) => {
          setEditing(false);
          if (saved) onSaved(saved);
        }} />`
      : html`
          <dl class="facts facts--wide">
            <div><dt>Date</dt><dd>${formatDate(session.date)}</dd></div>
            <div><dt>Horaires (heure de Paris)</dt><dd>${hours(session.time)} – ${hours(session.time, 2)}</dd></div>
            <div><dt>Site</dt><dd>${session.address}</dd></div>
            <div><dt>Salle</dt><dd>${session.room}</dd></div>
            <div><dt>Nom</dt><dd>${session.name || "—"}</dd></div>
            <div><dt>Surveillant(s)</dt><dd>${session.examiner}</dd></div>
            <div><dt>Statut</dt><dd><${Status} status=${session.status} /></dd></div>
            <div><dt>Code d'accès des candidats</dt><dd class="code">${session.access_code}</dd></div>
            <div><dt>Mot de passe de l'espace surveillant</dt><dd class="code">${session.examiner_password}</dd></div>
          </dl>
          ${session.description && html`<p><strong>Observations :</strong> ${session.description}</p>`}
          ${session.finalized_at && html`<p>Session finalisée le ${formatDateTime(session.finalized_at)}.</p>`}
          <div class="actions">
            ${editable && html`<button type="button" class="button button--secondary" onClick=${() => setEditing(true)}>Modifier la session</button>`}
            ${session.status === "created" &&
            html`<button type="button" class="button button--danger" onClick=${() => setDeleting(true)}>Supprimer la session</button>`}
          </div>
        `}
    <${Confirm} open=${deleting} title="Supprimer cette session ?" confirmLabel="Supprimer la session"
      busy=${removal.busy} onConfirm=${remove} onCancel=${() => setDeleting(false)}>
      <p>La session n° ${session.id} du ${formatDate(session.date)} et ses ${plural(session.candidate_count, "candidat")} seront supprimés.</p>
    <//>
  </section>`;
}

function EditForm({ session, onDone }) {
  const key = `session.edit.${session.id}`;
  const form = useForm(formValues(session), key);
  const submit = async (event) => {
    event.preventDefault();
    const { errors, body } = scheduleOf(form.values);
    if (!body) return form.showError({ fieldErrors: errors, message: null });
    const saved = await form.submit(
      () => call("certifUpdateSession", { params: { session_id: session.id }, body }),
      SESSION_CODE_FIELDS,
    );
    if (saved) onDone(saved);
  };
  const cancel = () => {
    drafts.clear(key);
    onDone(null);
  };
  return html`<form class="form" onSubmit=${submit} noValidate aria-label="Modifier la session">
    <${Notice} kind="error">${form.formError}<//>
    <${SessionFields} form=${form} />
    <div class="actions">
      <button class="button" type="submit" disabled=${form.busy}>Enregistrer les modifications</button>
      <button class="button button--secondary" type="button" onClick=${cancel}>Annuler les modifications</button>
    </div>
  </form>`;
}

function Documents({ session }) {
  const action = useAction();
  const params = { session_id: session.id };
  return html`<section aria-labelledby="documents">
    <h2 id="documents">Documents à imprimer</h2>
    <${Notice} kind="error">${action.error?.message}<//>
    <div class="actions">
      <button type="button" class="button button--secondary" disabled=${action.busy}
        onClick=${() => action.run(() => download("certifAttendanceSheet", { params, filename: `feuille-emargement-session-${session.id}.pdf` }))}>
        Télécharger la feuille d'émargement (PDF)</button>
      <button type="button" class="button button--secondary" disabled=${action.busy}
        onClick=${() => action.run(() => download("certifIncidentReport", { params, filename: `pv-incident-session-${session.id}.pdf` }))}>
        Télécharger le PV d'incident (PDF)</button>
      ${session.status === "created" &&
      html`<a class="button" href=${`#/session/${session.id}/finalisation`}>Finaliser la session</a>`}
    </div>
  </section>`;
}

function Candidates({ session, candidates, reload }) {
  const [removing, setRemoving] = useState(null);
  const action = useAction();
  const open = session.status === "created";
  const remove = async () => {
    const params = { session_id: session.id, candidate_id: removing.id };
    const done = await action.run(() => call("certifRemoveCandidate", { params }));
    setRemoving(null);
    if (done !== undefined) reload();
  };
  return html`<section aria-labelledby="candidats">
    <h2 id="candidats">Candidats (${candidates.length})</h2>
    ${open && html`<p><a class="button" href=${`#/session/${session.id}/inscription`}>Inscrire des candidats</a></p>`}
    <${Notice} kind="error">${action.error?.message}<//>
    ${candidates.length
      ? html`<table class="table">
          <caption class="visually-hidden">Candidats inscrits à la session</caption>
          <thead><tr>
            <th scope="col">Nom</th><th scope="col">Prénom</th><th scope="col">Date de naissance</th>
            <th scope="col">Classe</th><th scope="col">Temps majoré</th><th scope="col">État</th>
            ${open && html`<th scope="col"><span class="visually-hidden">Actions</span></th>`}
          </tr></thead>
          <tbody>
            ${candidates.map(
              (c) => html`<tr>
                <td>${c.last_name}</td><td>${c.first_name}</td><td>${formatDate(c.birthdate)}</td>
                <td>${c.division || "—"}</td>
                <td><${ExtraTime} session=${session} candidate=${c} editable=${open} onSaved=${reload} /></td>
                <td>${c.state_label}</td>
                ${open &&
                html`<td>${!c.has_joined &&
                  html`<button type="button" class="button button--link" onClick=${() => setRemoving(c)}>
                    Retirer<span class="visually-hidden"> ${c.first_name} ${c.last_name}</span></button>`}</td>`}
              </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>Aucun candidat inscrit pour l'instant.</p>`}
    <${Confirm} open=${Boolean(removing)} title="Retirer ce candidat ?" confirmLabel="Retirer le candidat"
      busy=${action.busy} onConfirm=${remove} onCancel=${() => setRemoving(null)}>
      <p>${removing && `${removing.first_name} ${removing.last_name} ne sera plus inscrit à cette session.`}</p>
    <//>
  </section>`;
}

const EXTRA_TIME_ERROR = "Saisissez un pourcentage entre 0 et 100 (par exemple 33).";

function ExtraTime({ session, candidate: c, editable, onSaved }) {
  const [open, setOpen] = useState(false);
  const form = useForm({ extra: String(c.extra_time_percentage) });
  const name = `temps-${c.id}`;
  const submit = async (event) => {
    event.preventDefault();
    const value = Number(form.values.extra.replace("%", "").trim());
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      return form.showError({ fieldErrors: { [name]: EXTRA_TIME_ERROR }, message: null });
    }
    const params = { session_id: session.id, candidate_id: c.id };
    const saved = await form.submit(() => call("certifUpdateCandidate", { params, body: { extra_time_percentage: value } }));
    if (saved) {
      setOpen(false);
      onSaved();
    }
  };
  if (!open) {
    return html`<span>${c.extra_time_percentage ? c.extra_time_label : "Aucun"}</span>
      ${editable && html` <button type="button" class="button button--link" onClick=${() => setOpen(true)}>
        Modifier<span class="visually-hidden"> le temps majoré de ${c.first_name} ${c.last_name}</span></button>`}`;
  }
  return html`<form class="inline-form" onSubmit=${submit} noValidate>
    <${Field} name=${name} label=${`Temps majoré de ${c.first_name} ${c.last_name} (%)`} inputmode="numeric"
      maxlength="4" value=${form.values.extra} onInput=${form.set("extra")} error=${form.errors[name] || form.formError} />
    <button class="button" type="submit" disabled=${form.busy}>Enregistrer</button>
    <button class="button button--secondary" type="button" onClick=${() => setOpen(false)}>Annuler</button>
  </form>`;
}
