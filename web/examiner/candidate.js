// One candidate as the examiner sees them, with the actions their state allows.
import { FieldError } from "../shared/forms.js";
import { formatDate, formatTime } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { html, useEffect, useState } from "../shared/ui.js";

const DONE = {
  authorizeCandidate: (name) => `Entrée de ${name} autorisée.`,
  unlockCandidate: (name) => `${name} est débloqué·e : il ou elle peut saisir à nouveau le code d'accès.`,
  endCandidateTest: (name) => `Le test de ${name} est arrêté.`,
  endScreenSeen: (name) => `Écran de fin de ${name} noté comme vu.`,
};
const ENDABLE = new Set(["authorized", "in_test"]);

export function CandidateCard({ candidate: c, act }) {
  const [busy, setBusy] = useState(null);
  const [done, setDone] = useState(null);
  const [error, setError] = useState(null);
  const [ending, setEnding] = useState(false);
  const name = `${c.first_name} ${c.last_name}`;
  const run = async (operation, body) => {
    setBusy(operation);
    setError(null);
    setDone(null);
    try {
      await act(operation, c.id, body);
      setDone(DONE[operation](name));
      return true;
    } catch (failure) {
      setError(failure.message);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const hidden = html`<span class="visually-hidden"> ${name}</span>`;
  const button = (operation, label, secondary = false) => html`<button type="button"
    class=${secondary ? "button button--secondary" : "button"} disabled=${busy !== null}
    onClick=${() => run(operation)}>${busy === operation ? "Envoi…" : html`${label}${hidden}`}</button>`;
  const modifier = c.locked ? "candidate--locked" : `candidate--${c.state}`;
  return html`<li class=${`candidate ${modifier}`} data-candidate=${c.id}>
    <h2>${c.last_name.toUpperCase()} ${c.first_name}</h2>
    <p class="candidate__meta">
      Né(e) le ${formatDate(c.birthdate)}${c.extra_time_label ? ` · temps majoré ${c.extra_time_label}` : ""}
    </p>
    <p class="candidate__state">${c.state_label}${c.locked ? " — bloqué après 5 codes d'accès erronés" : ""}</p>
    ${c.state === "in_test" && c.deadline && html`<p>Fin du test au plus tard à ${formatTime(c.deadline)}</p>`}
    ${c.end_reason && html`<p>Motif de l'arrêt : ${c.end_reason}</p>`}
    ${c.end_screen_seen_at && html`<p>Écran de fin vu à ${formatTime(c.end_screen_seen_at)}</p>`}
    <div role="status"><${Notice} kind="success">${done}<//></div>
    <${Notice} kind="error">${error}<//>
    <div class="candidate__actions">
      ${c.state === "waiting_for_authorization" && button("authorizeCandidate", "Autoriser l'entrée")}
      ${c.locked && button("unlockCandidate", "Débloquer")}
      ${c.state === "end_screen_reached" && button("endScreenSeen", "Écran de fin vu")}
      ${ENDABLE.has(c.state) && c.course_id && !ending &&
      html`<button type="button" class="button button--secondary" disabled=${busy !== null}
        onClick=${() => setEnding(true)}>Arrêter le test${hidden}</button>`}
    </div>
    ${ending && html`<${EndTestForm} id=${c.id} name=${name} busy=${busy !== null}
      onCancel=${() => setEnding(false)}
      onEnd=${async (reason) => (await run("endCandidateTest", { reason })) && setEnding(false)} />`}
  </li>`;
}

function EndTestForm({ id, name, busy, onCancel, onEnd }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState(null);
  const field = `motif-${id}`;
  useEffect(() => document.getElementById(field)?.focus(), []);
  const submit = (event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError("Saisissez le motif de l'arrêt : il figurera dans le dossier de la session.");
      document.getElementById(field)?.focus();
      return;
    }
    onEnd(reason.trim());
  };
  return html`<form class="end-test" onSubmit=${submit} noValidate>
    <div class=${error ? "field field--error" : "field"}>
      <label for=${field}>Motif de l'arrêt du test de ${name} (obligatoire)</label>
      <textarea id=${field} maxlength="500" value=${reason}
        onInput=${(e) => (setReason(e.currentTarget.value), setError(null))}
        aria-invalid=${error ? "true" : undefined} aria-describedby=${error ? `${field}-erreur` : undefined}></textarea>
      <${FieldError} id=${`${field}-erreur`} error=${error} />
    </div>
    <div class="candidate__actions">
      <button type="submit" class="button" disabled=${busy}>Confirmer l'arrêt</button>
      <button type="button" class="button button--secondary" onClick=${onCancel}>Annuler</button>
    </div>
  </form>`;
}
