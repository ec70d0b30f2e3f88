// A certification's audit history: every result and every jury action, who, when, what.
import { call } from "../shared/api.js";
import { formatDateTime, formatNumber } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { html, useEffect, useState } from "../shared/ui.js";
import { RESULT_LABELS } from "./labels.js";

const EMITTERS = {
  algorithm: "Calcul à la fin du test",
  "auto-jury": "Jury automatique",
  neutralization: "Neutralisation",
  jury: "Jury",
};
const ACTIONS = {
  course_completed: "Test terminé, résultat calculé",
  auto_jury: "Décisions du jury automatique",
  neutralize: "Question neutralisée",
  deneutralize: "Question dé-neutralisée",
  cancel: "Certification annulée",
  uncancel: "Certification rétablie",
  resolve_issue_report: "Signalement résolu",
  correct_identity: "Identité corrigée",
  comment: "Commentaire",
};
const FIELDS = {
  question_number: "question",
  neutralized: "neutralisée",
  resolved: "résolu",
  resolution: "résolution",
  first_name: "prénom",
  last_name: "nom",
  birthdate: "date de naissance",
  birthplace: "lieu de naissance",
  for_candidate: "pour le candidat",
  for_organization: "pour l'établissement",
  for_jury: "interne",
};

function shown(value) {
  if (value === true) return "oui";
  if (value === false) return "non";
  if (value === null || value === undefined || value === "") return "—";
  return String(value);
}

/** « question : 3 ; neutralisée : non → oui ». */
export function describeChange(before, after) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "issue_report_id");
  return keys
    .map((k) => {
      const [was, now] = [shown(before[k]), shown(after[k])];
      return `${FIELDS[k] || k} : ${was === now ? now : `${was} → ${now}`}`;
    })
    .join(" ; ");
}

export function History({ courseId, version, me }) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState({ entries: null, error: null });
  useEffect(() => {
    if (!open) return;
    call("juryHistory", { params: { course_id: courseId } }).then(
      (reply) => setState({ entries: reply.history, error: null }),
      (error) => setState({ entries: null, error }),
    );
  }, [open, courseId, version]);
  return html`<details onToggle=${(e) => setOpen(e.currentTarget.open)}>
    <summary>Historique (résultats et actions du jury)</summary>
    <${Notice} kind="error">${state.error?.message}<//>
    ${open && !state.entries && !state.error && html`<p class="loading" role="status">Chargement…</p>`}
    ${state.entries && html`<table class="table">
      <caption class="visually-hidden">Historique de la certification ${courseId}</caption>
      <thead><tr><th scope="col">Quand</th><th scope="col">Origine</th><th scope="col">Action</th><th scope="col">Résultat</th></tr></thead>
      <tbody>${state.entries.map((h) => html`<tr>
        <td>${formatDateTime(h.at)}</td>
        <td>${EMITTERS[h.emitter] || h.emitter}${h.by ? html`<br /><span class="muted">${h.by === me ? "par vous" : `par ${h.by}`}</span>` : ""}</td>
        <td>${ACTIONS[h.action] || h.action}${Object.keys(h.after).length ? html`<br /><span class="muted">${describeChange(h.before, h.after)}</span>` : ""}</td>
        <td>${h.result ? `${RESULT_LABELS[h.result.status] || h.result.status}, ${formatNumber(h.result.pix)} pix` : "—"}</td>
      </tr>`)}</tbody>
    </table>`}
  </details>`;
}
