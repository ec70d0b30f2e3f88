// The jury's words for the states, reasons, results and reports the API names by code.
import taxonomy from "../certif/issue-reports.json" with { type: "json" };
import { html } from "../shared/ui.js";

export const STATE_LABELS = {
  waiting: "En attente des résultats",
  needs_action: "À traiter",
  to_publish: "À publier",
  published: "Publiée",
};

export const REASON_LABELS = {
  GLOBAL_COMMENT: "La session comporte un commentaire global",
  UNRESOLVED_ISSUE_REPORT: "Signalement à examiner",
  RESULT_IN_ERROR: "Résultat en erreur",
  MISSING_ABORT_REASON: "Test non terminé sans raison d'abandon",
  END_SCREEN_NOT_SEEN: "Écran de fin de test non vu",
};

export const RESULT_LABELS = {
  started: "Démarrée",
  validated: "Validée",
  rejected: "Rejetée",
  cancelled: "Annulée",
  error: "En erreur",
};

export const ANSWER_LABELS = {
  ok: "Juste",
  ko: "Fausse",
  partially: "Partiellement juste",
  aband: "Passée",
  timedout: "Temps écoulé",
};

export const ABORT_LABELS = {
  candidate: "Abandon du candidat",
  technical: "Problème technique",
};

const STATE_CLASSES = { waiting: "created", needs_action: "finalized", to_publish: "in_process", published: "processed" };

export function SessionState({ state }) {
  return html`<span class=${`status status--${STATE_CLASSES[state] || state}`}>${STATE_LABELS[state] || state}</span>`;
}

export function ResultStatus({ status }) {
  const kind = { validated: "badge--success", rejected: "badge--error", error: "badge--error" }[status] || "";
  return html`<span class=${`badge ${kind}`}>${RESULT_LABELS[status] || status}</span>`;
}

/** « Problème sur une question — L'image ne s'affiche pas », from certif's taxonomy. */
export function reportLabel(report) {
  const category = taxonomy.find((c) => c.key === report.category);
  const sub = category?.subcategories?.find((s) => s.key === report.subcategory);
  return [category?.label || report.category, sub?.label].filter(Boolean).join(" — ");
}

export function reasonsOf(codes) {
  return [...new Set(codes)].map((code) => REASON_LABELS[code] || code);
}
