// More kinds of labelled fields, built like forms.js's Field: a text area, a list of choices,
// a checkbox; the error under the field, tied by aria-describedby and announced.
import { FieldError } from "./forms.js";
import { html } from "./ui.js";

function described(id, hint, error) {
  return [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(" ") || undefined;
}

export function TextArea({ name, label, hint, error, value, onInput, rows = 3, ...rest }) {
  const id = `champ-${name}`;
  return html`<div class=${error ? "field field--error" : "field"}>
    <label for=${id}>${label}</label>
    ${hint && html`<p class="field__hint" id=${`${id}-aide`}>${hint}</p>`}
    <textarea id=${id} name=${name} rows=${rows} value=${value ?? ""}
      onInput=${(e) => onInput(e.currentTarget.value)}
      aria-invalid=${error ? "true" : undefined} aria-describedby=${described(id, hint, error)} ...${rest}></textarea>
    <${FieldError} id=${`${id}-erreur`} error=${error} />
  </div>`;
}

/** `options`: [value, label] pairs; `empty` adds a first choice meaning « none ». */
export function Select({ name, label, hint, error, value, onInput, options, empty, ...rest }) {
  const id = `champ-${name}`;
  return html`<div class=${error ? "field field--error" : "field"}>
    <label for=${id}>${label}</label>
    ${hint && html`<p class="field__hint" id=${`${id}-aide`}>${hint}</p>`}
    <select id=${id} name=${name} value=${value ?? ""} onChange=${(e) => onInput(e.currentTarget.value)}
      aria-invalid=${error ? "true" : undefined} aria-describedby=${described(id, hint, error)} ...${rest}>
      ${empty !== undefined && html`<option value="">${empty}</option>`}
      ${options.map(([v, text]) => html`<option value=${v}>${text}</option>`)}
    </select>
    <${FieldError} id=${`${id}-erreur`} error=${error} />
  </div>`;
}

export function Checkbox({ name, label, checked, onChange, error, ...rest }) {
  const id = `champ-${name}`;
  return html`<div class=${error ? "check field--error" : "check"}>
    <input id=${id} name=${name} type="checkbox" checked=${checked}
      onChange=${(e) => onChange(e.currentTarget.checked)}
      aria-invalid=${error ? "true" : undefined} aria-describedby=${error ? `${id}-erreur` : undefined} ...${rest} />
    <label for=${id}>${label}</label>
    <${FieldError} id=${`${id}-erreur`} error=${error} />
  </div>`;
}
