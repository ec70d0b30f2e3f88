// Issue reports as the paper form has them: a category, its precision, a text or a question
// number where the taxonomy asks for one, and the code the jury reads (C1 … A2).
import { Select, TextArea } from "../shared/fields.js";
import { Field, useForm } from "../shared/forms.js";
import { html } from "../shared/ui.js";
import taxonomy from "./issue-reports.json" with { type: "json" };

const BY_KEY = Object.fromEntries(taxonomy.map((c) => [c.key, c]));

export function describe(report) {
  const category = BY_KEY[report.category];
  if (!category) return { code: "", label: report.category };
  const sub = category.subcategories.find((s) => s.key === report.subcategory);
  return {
    code: sub ? sub.code : category.code || "",
    label: sub ? `${category.label} — ${sub.label}` : category.label,
  };
}

/** What the taxonomy asks that the report lacks, by field (certif checks it again). */
export function problems(report) {
  const category = BY_KEY[report.category];
  const found = {};
  if (!category) return { category: "Choisissez une catégorie." };
  const sub = category.subcategories.find((s) => s.key === report.subcategory);
  if (category.subcategories.length && !sub) found.subcategory = `Précisez le signalement « ${category.label} ».`;
  if ((category.needs_text || sub?.needs_text) && !(report.description || "").trim()) found.description = "Décrivez le signalement.";
  if (category.needs_question && !report.question_number) found.question_number = "Indiquez le numéro de la question concernée.";
  return found;
}

export function ReportList({ reports, onRemove, who, errors = {} }) {
  if (!reports.length) return null;
  return html`<ul class="reports">
    ${reports.map((r, i) => {
      const { code, label } = describe(r);
      const wrong = Object.entries(errors).filter(([field]) => field.startsWith(`issue_reports[${i}]`));
      return html`<li>
        <span class="badge">${code}</span> ${label}${r.question_number ? `, question ${r.question_number}` : ""}
        ${r.description && html`<span class="muted"> : ${r.description}</span>`}
        ${onRemove && html` <button type="button" class="button button--link" onClick=${() => onRemove(i)}>
          Supprimer<span class="visually-hidden"> le signalement ${code} de ${who}</span></button>`}
        ${wrong.map(([, message]) => html`<p class="field__error" role="alert">${message}</p>`)}
      </li>`;
    })}
  </ul>`;
}

const EMPTY = { category: "", subcategory: "", description: "", question: "" };

/** The form that adds one report; `prefix` keeps its fields' ids apart from another's. */
export function ReportForm({ prefix, who, onAdd, onCancel }) {
  const form = useForm(EMPTY);
  const { values, set, errors } = form;
  const category = BY_KEY[values.category];
  const name = (field) => `${prefix}-${field}`;
  const submit = () => {
    const question = values.question.trim();
    const report = {
      category: values.category,
      subcategory: values.subcategory || null,
      description: values.description.trim() || null,
      question_number: /^\d{1,3}$/.test(question) ? Number(question) : null,
    };
    const found = problems(report);
    if (question && !report.question_number) found.question_number = "Saisissez le numéro de la question en chiffres.";
    if (Object.keys(found).length) {
      const keyed = Object.fromEntries(Object.entries(found).map(([k, v]) => [name(k === "question_number" ? "question" : k), v]));
      return form.showError({ fieldErrors: keyed, message: null });
    }
    onAdd(report);
  };
  return html`<div class="report-form" role="group" aria-label=${`Nouveau signalement pour ${who}`}>
    <${Select} name=${name("category")} label="Catégorie" value=${values.category} empty="Choisissez…"
      options=${taxonomy.map((c) => [c.key, c.code ? `${c.code} — ${c.label}` : c.label])}
      onInput=${(v) => { set("category")(v); set("subcategory")(""); }} error=${errors[name("category")]} />
    ${category?.subcategories.length > 0 &&
    html`<${Select} name=${name("subcategory")} label="Précision" value=${values.subcategory} empty="Choisissez…"
      options=${category.subcategories.map((s) => [s.key, `${s.code} — ${s.label}`])}
      onInput=${set("subcategory")} error=${errors[name("subcategory")]} />`}
    ${category?.needs_question &&
    html`<${Field} name=${name("question")} label="Numéro de la question" inputmode="numeric" maxlength="3"
      value=${values.question} onInput=${set("question")} error=${errors[name("question")]} />`}
    ${category &&
    html`<${TextArea} name=${name("description")} label="Description" rows="2" maxlength="1000"
      hint=${category.needs_text || category.subcategories.find((s) => s.key === values.subcategory)?.needs_text ? "Obligatoire pour ce signalement." : "Facultative."}
      value=${values.description} onInput=${set("description")} error=${errors[name("description")]} />`}
    <div class="actions">
      <button type="button" class="button" onClick=${submit}>Ajouter le signalement</button>
      <button type="button" class="button button--secondary" onClick=${onCancel}>Annuler</button>
    </div>
  </div>`;
}
