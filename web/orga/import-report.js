// An import's report: what was done, and every error and warning with its line, INE, field and
// the French way to fix it — on screen and as a CSV file for the person who fixes SIECLE.
import { formatDateTime, formatNumber, plural } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { saveText } from "../shared/transfer.js";
import { html } from "../shared/ui.js";

const COLUMNS = ["Type", "Ligne", "INE", "Nom", "Prénom", "Champ", "Code", "Message"];

/** A cell Excel will not run: = + - @ at the start are neutralised, ; and quotes escaped. */
export function cell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(report) {
  const rows = [
    ...report.errors.map((e) => ["Erreur", e]),
    ...(report.warnings || []).map((w) => ["Avertissement", w]),
  ].map(([kind, p]) => [kind, p.line, p.ine, p.last_name, p.first_name, p.field, p.code, p.message]);
  return [COLUMNS, ...rows].map((row) => row.map(cell).join(";")).join("\r\n") + "\r\n";
}

function done(c) {
  const skipped = Object.values(c.skipped || {}).reduce((a, b) => a + b, 0);
  return [
    `${plural(c.imported ?? 0, "élève importé", "élèves importés")} : ${formatNumber(c.created ?? 0)} ajoutés, ${formatNumber(c.updated ?? 0)} mis à jour, ${formatNumber(c.unchanged ?? 0)} inchangés`,
    plural(c.disabled ?? 0, "élève absent du fichier désactivé", "élèves absents du fichier désactivés"),
    skipped ? `${plural(skipped, "élève ignoré", "élèves ignorés")} (sans INE, sorti ou sans classe)` : null,
  ].filter(Boolean).join(" ; ") + ".";
}

export function ImportReport({ report }) {
  const warnings = report.warnings || [];
  const failed = report.status === "FAILED";
  const c = report.counts || {};
  // A file refused as a whole (not SIECLE, another school's) names no student.
  const whole = report.errors.filter((e) => !e.line && !e.ine && !e.last_name);
  const perStudent = report.errors.filter((e) => !whole.includes(e));
  return html`<section aria-labelledby="rapport">
    <h2 id="rapport" tabindex="-1">Rapport de l'import du ${formatDateTime(report.created_at)}</h2>
    ${failed
      ? html`<${Notice} kind="error">
          <p><strong>L'import a échoué : aucun élève n'a été modifié.</strong></p>
          <p>${plural(report.errors.length, "erreur à corriger", "erreurs à corriger")} dans le fichier, listées ci-dessous. Corrigez-les dans SIECLE, exportez le fichier de nouveau, puis importez-le.</p>
        <//>`
      : html`<${Notice} kind="success">
          <p><strong>Import terminé${report.finished_at ? ` le ${formatDateTime(report.finished_at)}` : ""}.</strong></p>
          <p>${done(c)}</p>
        <//>`}
    ${(report.errors.length > 0 || warnings.length > 0) &&
    html`<p><button type="button" class="button button--secondary"
      onClick=${() => saveText(reportCsv(report), `rapport-import-${report.id}.csv`)}>Exporter le rapport (CSV)</button></p>`}
    ${whole.length > 0 && html`<${Notice} kind="error">${whole.map((e) => html`<p data-code=${e.code}>${e.message}</p>`)}<//>`}
    <${Problems} id="erreurs" title=${`Erreurs (${perStudent.length})`} problems=${perStudent} />
    <${Problems} id="avertissements" title=${`Avertissements (${warnings.length}) : élèves importés, fiche à vérifier`} problems=${warnings} />
  </section>`;
}

function Problems({ id, title, problems }) {
  if (!problems.length) return null;
  return html`<h3 id=${id}>${title}</h3>
    <table class="table" aria-labelledby=${id}>
      <thead><tr>
        <th scope="col" class="number">Ligne</th><th scope="col">INE</th><th scope="col">Élève</th>
        <th scope="col">Champ</th><th scope="col">Ce qui ne va pas, et comment le corriger</th>
      </tr></thead>
      <tbody>
        ${problems.map(
          (p) => html`<tr data-code=${p.code}>
            <td class="number">${p.line ?? "—"}</td>
            <td class="code">${p.ine || "—"}</td>
            <td>${[p.last_name, p.first_name].filter(Boolean).join(" ") || "—"}</td>
            <td class="code">${p.field || "—"}</td>
            <td>${p.message}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}
