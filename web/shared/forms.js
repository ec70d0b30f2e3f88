// Fields with their label, hint and error next to them; a form that keeps what was typed.
import { parseFrenchDate } from "./format.js";
import { drafts } from "./session.js";
import { html, useState } from "./ui.js";

/** One labelled input. The error sits under it, is linked by aria-describedby and announced. */
export function Field({ name, label, hint, error, value, onInput, type = "text", ...rest }) {
  const id = `champ-${name}`;
  const described = [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(" ");
  return html`
    <div class=${error ? "field field--error" : "field"}>
      <label for=${id}>${label}</label>
      ${hint && html`<p class="field__hint" id=${`${id}-aide`}>${hint}</p>`}
      <input
        id=${id}
        name=${name}
        type=${type}
        value=${value ?? ""}
        onInput=${(e) => onInput(e.currentTarget.value)}
        aria-invalid=${error ? "true" : undefined}
        aria-describedby=${described || undefined}
        ...${rest}
      />
      <${FieldError} id=${`${id}-erreur`} error=${error} />
    </div>
  `;
}

export function FieldError({ id, error }) {
  return html`<p class="field__error" id=${id} aria-live="polite">
    ${error ? html`<span class="visually-hidden">Erreur : </span>${error}` : null}
  </p>`;
}

/** Values (kept in a draft when `draftKey` is given, so a reload or an expired login loses
 * nothing), field errors and the form's own error. */
export function useForm(initial, draftKey = null) {
  const [values, setValues] = useState(() => ({ ...initial, ...(draftKey && drafts.get(draftKey)) }));
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);

  const set = (name) => (value) => {
    setValues((old) => {
      const next = { ...old, [name]: value };
      if (draftKey) drafts.set(draftKey, withoutSecrets(next));
      return next;
    });
    setErrors((old) => (old[name] ? { ...old, [name]: null } : old));
  };

  /** Runs `action`; an API error lands next to its field (`codeFields` maps a code to a field)
   * or above the form. The values stay as typed either way. */
  const submit = async (action, codeFields = {}) => {
    setBusy(true);
    setFormError(null);
    try {
      const result = await action(values);
      if (draftKey) drafts.clear(draftKey);
      return result;
    } catch (error) {
      showError(error, codeFields);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const showError = (error, codeFields = {}) => {
    const fields = { ...(error.fieldErrors || {}) };
    const field = codeFields[error.code];
    if (field) fields[field] = error.message;
    setErrors(fields);
    // A message already shown next to its field is not repeated above the form.
    setFormError(field ? null : error.message);
    focusFirstError(fields);
  };

  return { values, set, errors, setErrors, formError, setFormError, busy, submit, showError };
}

/** Passwords never go to storage. */
function withoutSecrets(values) {
  const { password, ...kept } = values;
  return kept;
}

/** Once the errors are on screen, the first field in error (in reading order) takes the focus. */
export function focusFirstError(errors) {
  if (!Object.values(errors).some(Boolean)) return;
  requestAnimationFrame(() => document.querySelector('main [aria-invalid="true"]')?.focus());
}

/** Required fields and their French messages, checked before anything is sent. */
export function missing(values, labels) {
  const errors = {};
  for (const [name, message] of Object.entries(labels)) {
    if (!String(values[name] ?? "").trim()) errors[name] = message;
  }
  return errors;
}

const IDENTITY_REQUIRED = {
  first_name: "Saisissez votre prénom.",
  last_name: "Saisissez votre nom.",
  birthdate: "Saisissez votre date de naissance.",
};
const NO_SUCH_DAY = "Saisissez une date réelle, au format JJ/MM/AAAA (par exemple 28/02/2011).";

/** Names and birthdate as typed, checked: the errors by field, and the birthdate as the API
 * takes it ("2011-02-28"). `required` adds other fields with their message. */
export function checkIdentity(values, required = {}) {
  const errors = missing(values, { ...IDENTITY_REQUIRED, ...required });
  const birthdate = parseFrenchDate(values.birthdate);
  if (String(values.birthdate || "").trim() && !birthdate) errors.birthdate = NO_SUCH_DAY;
  return { errors, birthdate };
}

/** Prénom, Nom, Date de naissance (JJ/MM/AAAA) of a `useForm`. */
export function IdentityFields({ form }) {
  const { values, set, errors } = form;
  return html`
    <${Field} name="first_name" label="Prénom" autocomplete="given-name" value=${values.first_name}
      onInput=${set("first_name")} error=${errors.first_name} />
    <${Field} name="last_name" label="Nom" autocomplete="family-name" value=${values.last_name}
      onInput=${set("last_name")} error=${errors.last_name} />
    <${Field} name="birthdate" label="Date de naissance" hint="Format : JJ/MM/AAAA"
      autocomplete="bday" inputmode="numeric" value=${values.birthdate}
      onInput=${set("birthdate")} error=${errors.birthdate} />
  `;
}
