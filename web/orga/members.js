// The school's members: the list, and an administrator adds a colleague by the e-mail of their
// Pix account.
import { call } from "../shared/api.js";
import { Select } from "../shared/fields.js";
import { Field, missing, useForm } from "../shared/forms.js";
import { plural } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { html, useState } from "../shared/ui.js";
import { SchoolPage } from "./schools.js";

const ROLES = [
  ["MEMBER", "Membre : consulte les élèves et les campagnes"],
  ["ADMIN", "Administrateur : importe les élèves, gère les membres et la certification"],
];
const CODE_FIELDS = { USER_NOT_FOUND: "email" };

export function MembersPage({ orgId, frame }) {
  const form = useForm({ email: "", role: "MEMBER" });
  const members = useLoad(() => call("orgaMembers", { params: { org_id: orgId } }), [orgId]);
  const [added, setAdded] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    setAdded(null);
    const absent = missing(form.values, { email: "Saisissez l'adresse e-mail du compte Pix à ajouter." });
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent, message: null });
    const body = { email: form.values.email.trim(), role: form.values.role };
    const reply = await form.submit(() => call("orgaAddMember", { params: { org_id: orgId }, body }), CODE_FIELDS);
    if (reply) {
      setAdded({ ...body, count: reply.members.length, admins: reply.members.filter((m) => m.role === "ADMIN").length });
      members.set(reply);
    }
  };
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="membres" title="Membres" wide=${false}>
    <p>Un collègue crée d'abord son compte Pix ; ajoutez-le ensuite avec l'adresse e-mail de ce compte.</p>
    ${added &&
    html`<${Notice} kind="success">${`${added.email} est maintenant ${added.role === "ADMIN" ? "administrateur" : "membre"} de l'établissement (${plural(added.count, "membre")} dont ${plural(added.admins, "administrateur")}).`}<//>`}
    <${Loaded} state=${members}>${(found) => html`<${MemberList} members=${found.members} />`}<//>
    <h2>Ajouter un membre</h2>
    <form class="form" onSubmit=${submit} noValidate aria-label="Ajouter un membre">
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="email" label="Adresse e-mail" type="email" autocomplete="off" maxlength="200"
        value=${form.values.email} onInput=${form.set("email")} error=${form.errors.email} />
      <${Select} name="role" label="Rôle" value=${form.values.role} options=${ROLES} onInput=${form.set("role")} />
      <button class="button" type="submit" disabled=${form.busy}>Ajouter le membre</button>
    </form>
  <//>`;
}

function MemberList({ members }) {
  return html`<table class="table">
    <caption>${plural(members.length, "membre")}</caption>
    <thead><tr><th scope="col">Nom</th><th scope="col">Adresse e-mail</th><th scope="col">Rôle</th></tr></thead>
    <tbody>
      ${members.map(
        (m) => html`<tr key=${m.user_id}>
          <th scope="row">${m.last_name ? `${m.last_name} ${m.first_name}` : "Compte effacé"}</th>
          <td>${m.email || "—"}</td>
          <td>${m.role === "ADMIN" ? "Administrateur" : "Membre"}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
