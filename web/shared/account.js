// Logging in and signing up (one Pix account for the student and the candidate).
import { call } from "./api.js";
import { checkIdentity, Field, IdentityFields, missing, useForm } from "./forms.js";
import { Notice } from "./layout.js";
import { startSession } from "./session.js";
import { html, useState } from "./ui.js";

const EXPIRED = "Votre session a expiré : reconnectez-vous pour continuer, rien n'est perdu.";

/** The token reply; `start: false` leaves the tab logged out until the page says so. */
export async function logIn(identifier, password, { start = true } = {}) {
  const key = identifier.includes("@") ? "email" : "username";
  const reply = await call("logIn", { body: { [key]: identifier.trim(), password } });
  return start ? startSession(reply) : reply;
}

/** `reason` "expired" says why the person is back here. */
export function LogInForm({ reason, onDone, signUpHref }) {
  const form = useForm({ identifier: "", password: "" });
  const { values, set, errors } = form;
  const submit = async (event) => {
    event.preventDefault();
    const absent = missing(values, {
      identifier: "Saisissez votre adresse e-mail ou votre identifiant.",
      password: "Saisissez votre mot de passe.",
    });
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent, message: null });
    const session = await form.submit((v) => logIn(v.identifier, v.password));
    if (session) onDone(session);
  };
  return html`
    ${reason === "expired" && html`<${Notice} kind="warning">${EXPIRED}<//>`}
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field}
        name="identifier"
        label="Adresse e-mail ou identifiant"
        autocomplete="username"
        value=${values.identifier}
        onInput=${set("identifier")}
        error=${errors.identifier}
      />
      <${Field}
        name="password"
        label="Mot de passe"
        type="password"
        autocomplete="current-password"
        value=${values.password}
        onInput=${set("password")}
        error=${errors.password}
      />
      <button class="button" type="submit" disabled=${form.busy}>Se connecter</button>
    </form>
    ${signUpHref && html`<p>Pas encore de compte ? <a href=${signUpHref}>Créer un compte</a></p>`}
  `;
}

const CODE_FIELDS = {
  PASSWORD_TOO_WEAK: "password",
  EMAIL_INVALID: "email",
  LOGIN_TAKEN: "email",
};

export function SignUpForm({ onDone, logInHref }) {
  const form = useForm({ first_name: "", last_name: "", birthdate: "", email: "", password: "" }, "signup");
  const { values, set, errors } = form;
  const [created, setCreated] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    const { errors: absent, birthdate } = checkIdentity(values, {
      password: "Choisissez un mot de passe.",
    });
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent, message: null });
    const done = await form.submit(async (v) => {
      const body = { first_name: v.first_name, last_name: v.last_name, birthdate, password: v.password };
      if (v.email.trim()) body.email = v.email.trim();
      const user = await call("signUp", { body });
      const token = await logIn(user.email || user.username, v.password, { start: false });
      return { user, token };
    }, CODE_FIELDS);
    if (done) setCreated(done);
  };
  if (created) {
    const { user, token } = created;
    return html`
      <${Notice} kind="success">
        <p>Votre compte est créé.</p>
        ${!user.email &&
        html`<p>
          Votre identifiant de connexion est <strong class="identifier">${user.username}</strong> :
          notez-le, il vous servira à vous reconnecter.
        </p>`}
      <//>
      <button class="button" type="button" onClick=${() => onDone(startSession(token))}>
        Continuer
      </button>
    `;
  }
  return html`
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${IdentityFields} form=${form} />
      <${Field} name="email" label="Adresse e-mail (facultative)" type="email" autocomplete="email"
        hint="Sans adresse e-mail, un identifiant de connexion vous est attribué."
        value=${values.email} onInput=${set("email")} error=${errors.email} />
      <${Field} name="password" label="Mot de passe" type="password" autocomplete="new-password"
        hint="Au moins 8 caractères, dont une lettre et un chiffre."
        value=${values.password} onInput=${set("password")} error=${errors.password} />
      <button class="button" type="submit" disabled=${form.busy}>Créer mon compte</button>
    </form>
    ${logInHref && html`<p>Déjà un compte ? <a href=${logInHref}>Se connecter</a></p>`}
  `;
}
