// Opening the examiner's space: session number + examiner password → a token for that session
// only, kept for this tab (never the password).
import { call } from "../shared/api.js";
import { Field, missing, useForm } from "../shared/forms.js";
import { Notice, Page } from "../shared/layout.js";
import { html } from "../shared/ui.js";

export const APP = "Pix Surveillant";
const KEY = "pixcert.examiner";
const LAST_SESSION = "pixcert.examiner.session";
const REASONS = {
  expired: "Votre accès à l'espace surveillant a expiré : saisissez à nouveau le mot de passe de la session.",
  closed: "Vous avez quitté l'espace surveillant.",
};

export const access = {
  current() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
      // No check against the computer's clock, which may be wrong: the server says when it ends.
      return saved && saved.token ? saved : null;
    } catch {
      return null;
    }
  },
  start(reply) {
    const opened = { token: reply.access_token, session_id: reply.session_id };
    sessionStorage.setItem(KEY, JSON.stringify(opened));
    sessionStorage.setItem(LAST_SESSION, reply.session_id);
    return opened;
  },
  end() {
    sessionStorage.removeItem(KEY);
  },
};

export function SuperviseForm({ reason, onOpened }) {
  const form = useForm({ session_id: sessionStorage.getItem(LAST_SESSION) || "", password: "" });
  const { values, set, errors } = form;
  const submit = async (event) => {
    event.preventDefault();
    const absent = missing(values, {
      session_id: "Saisissez le numéro de session.",
      password: "Saisissez le mot de passe surveillant de la session.",
    });
    const number = values.session_id.replace(/\s+/g, "");
    if (number && !/^\d{1,12}$/.test(number)) {
      absent.session_id = "Le numéro de session ne contient que des chiffres (par exemple 12345).";
    }
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent, message: null });
    const reply = await form.submit((v) =>
      call("supervise", {
        params: { session_id: number },
        body: { examiner_password: v.password.trim() },
      }),
    );
    if (reply) onOpened(access.start(reply));
  };
  return html`<${Page} app=${APP} title="Espace surveillant">
    ${reason && html`<${Notice} kind=${reason === "expired" ? "warning" : "info"}>${REASONS[reason]}<//>`}
    <p>Le numéro de session et le mot de passe surveillant figurent sur les documents remis par le centre de certification.</p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="session_id" label="Numéro de session" inputmode="numeric" autocomplete="off"
        value=${values.session_id} onInput=${set("session_id")} error=${errors.session_id} />
      <${Field} name="password" label="Mot de passe surveillant" type="password" autocomplete="off"
        hint="5 caractères, en majuscules ou en minuscules." spellcheck="false"
        value=${values.password} onInput=${set("password")} error=${errors.password} />
      <button class="button" type="submit" disabled=${form.busy}>Ouvrir l'espace surveillant</button>
    </form>
  <//>`;
}
