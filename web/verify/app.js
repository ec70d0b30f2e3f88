// Vérifier un certificat: the page the attestation's QR code opens (/verify/?code=P-…) or where
// a code is typed; the holder and the results of a published, valid certificate, or one
// neutral message.
import { call, declareOperations } from "../shared/api.js";
import { Field, useForm } from "../shared/forms.js";
import { formatNumber } from "../shared/format.js";
import { Loading, Notice, Page } from "../shared/layout.js";
import { html, render, useEffect, useState } from "../shared/ui.js";
import framework from "./framework.json" with { type: "json" };
import operations from "./operations.json" with { type: "json" };

declareOperations(operations);

const APP = "Pix — vérification";
// Everything that is not a certificate shown here reads the same: nothing can be learnt from
// the difference between unknown, not yet published, cancelled or rejected.
const NEUTRAL = "Aucun certificat publié et valide ne correspond à ce code.";
const SEPARATORS = /[\s\-._/]/g;

/** "p-2b4c 6d7f" → "P-2B4C6D7F"; null when it cannot be a code. */
function normalised(text) {
  const plain = text.toUpperCase().replace(SEPARATORS, "");
  const found = /^P?([0-9A-Z]{8})$/.exec(plain);
  return found ? `P-${found[1]}` : null;
}

function VerifyPage() {
  const typed = new URLSearchParams(location.search).get("code") || "";
  const form = useForm({ code: typed.slice(0, 40) });
  const { values, set, errors } = form;
  const [found, setFound] = useState(null);
  const [absent, setAbsent] = useState(false);
  const check = async (text) => {
    const code = normalised(text);
    setFound(null);
    setAbsent(false);
    if (!text.trim()) {
      return form.showError({ fieldErrors: { code: "Saisissez le code de vérification." }, message: null });
    }
    if (!code) {
      return form.showError({
        fieldErrors: { code: "Le code de vérification a la forme P-XXXXXXXX (P, un tiret, 8 caractères)." },
        message: null,
      });
    }
    history.replaceState(null, "", `?code=${encodeURIComponent(code)}`);
    const reply = await form.submit(async () => {
      try {
        return await call("verifyCertificate", { params: { code } });
      } catch (failure) {
        if (failure.status === 404 || failure.code === "INVALID_VERIFICATION_CODE") return null;
        throw failure;
      }
    });
    if (reply) setFound(reply);
    else if (reply === null) setAbsent(true);
  };
  useEffect(() => {
    if (typed) check(typed);
  }, []);
  const submit = (event) => {
    event.preventDefault();
    check(values.code);
  };
  return html`<${Page} app=${APP} title="Vérifier un certificat Pix">
    <p>Le code de vérification figure sur l'attestation de certification ; le QR code de l'attestation ouvre directement cette page.</p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="code" label="Code de vérification" autocomplete="off" spellcheck="false"
        autocapitalize="characters" maxlength="40" hint="Par exemple P-2B4C6D7F."
        value=${values.code} onInput=${set("code")} error=${errors.code} />
      <button class="button" type="submit" disabled=${form.busy}>Vérifier</button>
    </form>
    <div aria-live="polite">
      ${form.busy && html`<${Loading} label="Vérification…" />`}
      ${absent && html`<${Notice} kind="info">${NEUTRAL}<//>`}
      ${found && html`<${Certificate} certificate=${found} />`}
    </div>
  <//>`;
}

function Certificate({ certificate: c }) {
  const levels = new Map(c.competences.map((m) => [m.competence, m.level]));
  return html`<section class="certificate" aria-labelledby="certificat">
    <h2 id="certificat">Certificat Pix authentique</h2>
    <dl>
      <dt>Titulaire</dt><dd>${c.full_name}</dd>
      <dt>Date de naissance</dt><dd>${c.birthdate}</dd>
      ${c.birthplace && html`<dt>Lieu de naissance</dt><dd>${c.birthplace}</dd>`}
      <dt>Centre de certification</dt><dd>${c.center_name}</dd>
      <dt>Date de passage</dt><dd>${c.taken_on}</dd>
      <dt>Date de délivrance</dt><dd>${c.delivered_on}</dd>
      <dt>Validité</dt><dd>valable trois ans</dd>
      <dt>Code de vérification</dt><dd>${c.verification_code}</dd>
      <dt>Score</dt><dd>${formatNumber(c.pix)} pix</dd>
    </dl>
    ${framework.map(
      (area) => html`<table>
        <caption>${area.code}. ${area.name}</caption>
        <thead><tr><th scope="col">Compétence</th><th scope="col">Niveau</th></tr></thead>
        <tbody>
          ${area.competences.map(
            (comp) => html`<tr>
              <td>${comp.code} ${comp.name}</td>
              <td>${levels.has(comp.code) ? `${levels.get(comp.code)} sur ${c.max_level}` : "non certifiée"}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    )}
  </section>`;
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${VerifyPage} />`, root);
