// Finalising a session (within 48 h): end screens, abort reasons, issue reports, the scanned
// report, the global comment; saved as a draft any time, finalised once after one confirmation.
import { call } from "../shared/api.js";
import { Checkbox, TextArea } from "../shared/fields.js";
import { FieldError, focusFirstError } from "../shared/forms.js";
import { formatDateTime, formatNumber, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { Confirm, Progress } from "../shared/office.js";
import { drafts } from "../shared/session.js";
import { upload } from "../shared/transfer.js";
import { html, useState } from "../shared/ui.js";
import { ReportForm, ReportList } from "./reports.js";

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function FinalizationPage({ sessionId, frame }) {
  const state = useLoad(() => call("certifFinalization", { params: { session_id: sessionId } }), [sessionId]);
  return html`<${Page} ...${frame} title=${`Finaliser la session n° ${sessionId}`} wide>
    <p><a href=${`#/session/${sessionId}`}>← Retour à la session</a></p>
    <${Loaded} state=${state}>
      ${(view) =>
        view.status === "created"
          ? html`<${Finalization} view=${view} onDone=${state.set} />`
          : html`<${Notice} kind="success">La session est finalisée : le jury Pix a reçu ses informations.<//>`}
    <//>
  <//>`;
}

function fromView(view) {
  return {
    has_incident: view.has_incident,
    comment: view.comment || "",
    candidates: Object.fromEntries(
      view.candidates.map((c) => [
        c.candidate_id,
        {
          end_screen_seen: c.end_screen_seen,
          abort_reason: c.abort_reason,
          issue_reports: c.issue_reports.map(({ category, subcategory, description, question_number }) => ({
            category, subcategory, description, question_number,
          })),
        },
      ]),
    ),
  };
}

function body(model) {
  return {
    candidates: Object.entries(model.candidates).map(([candidate_id, c]) => ({ candidate_id, ...c })),
    has_incident: model.has_incident,
    comment: model.comment.trim() || null,
  };
}

/** The API's list of problems (draft or finalisation) → messages by "candidate.field". */
function problemsOf(error) {
  const listed = error.details?.missing || error.details?.problems || [];
  const found = {};
  for (const p of listed) found[`${p.candidate_id || "session"}.${p.field || p.code}`] = p.message;
  return found;
}

function Finalization({ view, onDone }) {
  const key = `finalization.${view.session_id}`;
  const [model, setModel] = useState(() => drafts.get(key) || fromView(view));
  const [documents, setDocuments] = useState(view.documents);
  const [savedAt, setSavedAt] = useState(view.saved_at);
  const [errors, setErrors] = useState({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState(null);

  const change = (update) =>
    setModel((old) => {
      const next = update(old);
      drafts.set(key, next);
      return next;
    });
  const changeCandidate = (id, patch) =>
    change((old) => ({ ...old, candidates: { ...old.candidates, [id]: { ...old.candidates[id], ...patch } } }));

  /** The API's refusal lands next to each field it names, and above in one list. */
  const attempt = async (work) => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      return await work();
    } catch (error) {
      const found = problemsOf(error);
      setFailure(error);
      setErrors(found);
      focusFirstError(found);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const params = { session_id: view.session_id };
  const save = async () => {
    const saved = await attempt(() => call("certifSaveFinalization", { params, body: body(model) }));
    if (saved) setSavedAt(saved.saved_at);
  };
  const finalize = async () => {
    // Closed first: the dialog gives the focus back to its opener, then a refusal takes it to
    // the first field in error.
    setConfirming(false);
    const done = await attempt(async () => {
      const saved = await call("certifSaveFinalization", { params, body: body(model) });
      setSavedAt(saved.saved_at);
      return call("certifFinalize", { params });
    });
    if (done) {
      drafts.clear(key);
      onDone({ ...view, status: done.status });
    }
  };

  return html`
    <${Notice} kind="error">${failure && html`<p>${failure.message}</p>
      ${Object.keys(errors).length > 0 && html`<ul>${Object.values(errors).map((m) => html`<li>${m}</li>`)}</ul>`}`}<//>
    <section aria-labelledby="candidats">
      <h2 id="candidats">Candidats (${view.candidates.length})</h2>
      <p>Pour chaque candidat : l'écran de fin vu par le surveillant, le motif d'abandon s'il n'a pas terminé, et les signalements notés sur le PV d'incident.</p>
      ${view.candidates.map(
        (c) => html`<${CandidateClosing} candidate=${c} entry=${model.candidates[c.candidate_id]} errors=${errors}
          onChange=${(patch) => changeCandidate(c.candidate_id, patch)} />`,
      )}
    </section>
    <${DocumentsPart} sessionId=${view.session_id} documents=${documents} onAdded=${(d) => setDocuments([...documents, d])} />
    <${SessionComment} model=${model} error=${errors["session.comment"]} onChange=${(patch) => change((old) => ({ ...old, ...patch }))} />
    <div class="sticky-actions">
      <p role="status">${savedAt ? `Brouillon enregistré le ${formatDateTime(savedAt)}.` : "Brouillon pas encore enregistré."}</p>
      <button type="button" class="button button--secondary" onClick=${save} disabled=${busy}>Enregistrer le brouillon</button>
      <button type="button" class="button" onClick=${() => setConfirming(true)} disabled=${busy}>Finaliser la session</button>
    </div>
    <${Confirm} open=${confirming} title="Finaliser la session ?" confirmLabel="Oui, finaliser la session"
      busy=${busy} onConfirm=${finalize} onCancel=${() => setConfirming(false)}>
      <p>La finalisation se fait une seule fois : ensuite, plus rien ne peut être modifié et le jury Pix reçoit les informations de la session.</p>
    <//>
  `;
}

function CandidateClosing({ candidate: c, entry, errors, onChange }) {
  const [adding, setAdding] = useState(false);
  const who = `${c.first_name} ${c.last_name}`;
  const id = c.candidate_id;
  const abortError = errors[`${id}.abort_reason`];
  const reportErrors = Object.fromEntries(
    Object.entries(errors).filter(([k]) => k.startsWith(`${id}.issue_reports`)).map(([k, v]) => [k.slice(id.length + 1), v]),
  );
  return html`<article class="closing" aria-labelledby=${`candidat-${id}`}>
    <h3 id=${`candidat-${id}`}>${c.last_name} ${c.first_name} <span class="muted">— ${stateLabel(c)}</span></h3>
    ${c.state !== "not_joined" &&
    html`<${Checkbox} name=${`fin-${id}`} label="Écran de fin du test vu par le surveillant" checked=${entry.end_screen_seen}
      onChange=${(on) => onChange({ end_screen_seen: on })} />`}
    ${c.unfinished &&
    html`<fieldset class=${abortError ? "choices field--error" : "choices"} aria-describedby=${`abandon-${id}-erreur`}>
      <legend>Motif d'abandon (le test n'est pas terminé)</legend>
      ${[
        ["candidate", "Abandon du candidat : les questions restantes comptent comme fausses"],
        ["technical", "Problème technique : les questions restantes sont neutralisées"],
      ].map(
        ([value, label]) => html`<div class="check">
          <input type="radio" id=${`abandon-${id}-${value}`} name=${`abandon-${id}`} value=${value}
            checked=${entry.abort_reason === value} aria-invalid=${abortError ? "true" : undefined}
            onChange=${() => onChange({ abort_reason: value })} />
          <label for=${`abandon-${id}-${value}`}>${label}</label>
        </div>`,
      )}
      <${FieldError} id=${`abandon-${id}-erreur`} error=${abortError} />
    </fieldset>`}
    <${ReportList} reports=${entry.issue_reports} who=${who} errors=${reportErrors}
      onRemove=${(i) => onChange({ issue_reports: entry.issue_reports.filter((_, j) => j !== i) })} />
    ${adding
      ? html`<${ReportForm} prefix=${`signalement-${id}`} who=${who} onCancel=${() => setAdding(false)}
          onAdd=${(report) => {
            onChange({ issue_reports: [...entry.issue_reports, report] });
            setAdding(false);
          }} />`
      : html`<button type="button" class="button button--secondary button--small" onClick=${() => setAdding(true)}>
          Ajouter un signalement<span class="visually-hidden"> pour ${who}</span></button>`}
  </article>`;
}

function stateLabel(c) {
  if (c.unfinished) return "test non terminé";
  if (c.state === "not_joined") return "absent";
  return c.state === "finished" || c.state === "end_screen_reached" ? "test terminé" : "test arrêté";
}

function DocumentsPart({ sessionId, documents, onAdded }) {
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const send = async (event) => {
    const input = event.currentTarget;
    const file = input.files[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_DOCUMENT_BYTES) {
      setError(`Ce fichier pèse ${formatNumber(Math.ceil(file.size / 1048576))} Mo : 10 Mo au plus.`);
      return;
    }
    setProgress(0);
    try {
      const added = await upload("certifAddDocument", {
        params: { session_id: sessionId },
        query: { filename: file.name.slice(0, 200) },
        file,
        type: "application/pdf",
        onProgress: (sent, total) => setProgress(total ? Math.round((100 * sent) / total) : 0),
      });
      onAdded(added);
      input.value = "";
    } catch (failure) {
      setError(failure.message);
    } finally {
      setProgress(null);
    }
  };
  return html`<section aria-labelledby="pieces">
    <h2 id="pieces">PV de session scanné et autres documents</h2>
    <div class=${error ? "field field--error" : "field"}>
      <label for="champ-document">Joindre un document (PDF, 10 Mo au plus)</label>
      <input id="champ-document" type="file" accept="application/pdf,.pdf" onChange=${send}
        disabled=${progress !== null} aria-describedby="champ-document-erreur" />
      <${FieldError} id="champ-document-erreur" error=${error} />
    </div>
    ${progress !== null && html`<${Progress} value=${progress} label="Envoi du document" />`}
    ${documents.length > 0 &&
    html`<ul>${documents.map((d) => html`<li>${d.filename} (${formatNumber(Math.max(1, Math.round(d.size / 1024)))} Ko), joint le ${formatDateTime(d.uploaded_at)}</li>`)}</ul>`}
  </section>`;
}

function SessionComment({ model, error, onChange }) {
  return html`<section aria-labelledby="deroulement">
    <h2 id="deroulement">Déroulement de la session</h2>
    <fieldset class="choices">
      <legend>Commentaire global</legend>
      ${[
        [false, "La session s'est bien passée"],
        [true, "Signaler un incident"],
      ].map(
        ([value, label]) => html`<div class="check">
          <input type="radio" id=${`deroulement-${value}`} name="deroulement" checked=${model.has_incident === value}
            onChange=${() => onChange({ has_incident: value })} />
          <label for=${`deroulement-${value}`}>${label}</label>
        </div>`,
      )}
    </fieldset>
    ${model.has_incident &&
    html`<${TextArea} name="comment" label="Décrivez l'incident" rows="4" maxlength="2000" value=${model.comment}
      hint=${`${plural(model.comment.length, "caractère")} sur 2 000.`} onInput=${(comment) => onChange({ comment })} error=${error} />`}
  </section>`;
}
