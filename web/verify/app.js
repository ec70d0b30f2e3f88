// Vérifier un certificat: the page the attestation's QR code opens (/verify/?code=P-…) or where
// a code is typed; the holder and the results of a published, valid certificate, or one
// neutral message. The attestation's PDF itself can be checked too: is its signature Pix's and
// intact?
import { call, declareOperations } from "../shared/api.js";
import { Field, FieldError, useForm } from "../shared/forms.js";
import { formatNumber } from "../shared/format.js";
import { Loading, Notice, Page } from "../shared/layout.js";
import { html, render, useEffect, useRef, useState } from "../shared/ui.js";
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
    <${DocumentCheck} />
  <//>`;
}

/** Why a PDF is not an authentic attestation, from the signature's check. */
function doubt(check) {
  if (!check.signed) return "Ce fichier ne porte aucune signature électronique : ce n'est pas une attestation telle que Pix l'a délivrée.";
  if (!check.intact) return "Ce fichier a été modifié après sa signature : son contenu n'est pas celui que Pix a délivré.";
  if (!check.ours) return "Ce fichier est signé, mais pas par Pix.";
  return "Du contenu a été ajouté à ce fichier après sa signature : il n'est plus tel que Pix l'a délivré.";
}

function DocumentCheck() {
  const input = useRef(null);
  const [error, setError] = useState(null);
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState(null);
  const result = useRef(null);
  useEffect(() => {
    if (verdict) result.current.scrollIntoView({ block: "nearest" });
  }, [verdict]);
  const submit = async (event) => {
    event.preventDefault();
    const file = input.current.files[0];
    setVerdict(null);
    setFailure(null);
    setError(file ? null : "Choisissez le fichier PDF de l'attestation.");
    if (!file) return input.current.focus();
    setBusy(true);
    try {
      setVerdict(await call("verifyDocument", { file }));
    } catch (problem) {
      setFailure(problem.message);
    } finally {
      setBusy(false);
    }
  };
  const described = ["champ-fichier-aide", error && "champ-fichier-erreur"].filter(Boolean).join(" ");
  return html`<section class="document-check" aria-labelledby="fichier-titre">
    <h2 id="fichier-titre">Vérifier le fichier d'une attestation</h2>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${failure}<//>
      <div class=${error ? "field field--error" : "field"}>
        <label for="champ-fichier">Attestation au format PDF</label>
        <p class="field__hint" id="champ-fichier-aide">
          Le fichier reçu de Pix ou de l'établissement : sa signature électronique dit s'il a été modifié.
        </p>
        <input id="champ-fichier" type="file" accept="application/pdf,.pdf" ref=${input}
          aria-invalid=${error ? "true" : undefined} aria-describedby=${described}
          onChange=${() => setError(null)} />
        <${FieldError} id="champ-fichier-erreur" error=${error} />
      </div>
      <button class="button" type="submit" disabled=${busy}>Vérifier le fichier</button>
    </form>
    <div aria-live="polite" ref=${result}>
      ${busy && html`<${Loading} label="Vérification du fichier…" />`}
      ${verdict && html`<${Verdict} verdict=${verdict} />`}
    </div>
  </section>`;
}

function Verdict({ verdict }) {
  if (!verdict.authentic) return html`<${Notice} kind="error">${doubt(verdict.check)}<//>`;
  return html`
    <${Notice} kind="success">Attestation authentique : elle est signée par Pix et n'a pas été modifiée depuis.<//>
    ${verdict.certificates.length === 0 && html`<${Notice} kind="info">${NEUTRAL}<//>`}
    ${verdict.certificates.map(
      (c, i) => html`<${Certificate} certificate=${c} id=${`certificat-fichier-${i + 1}`}
        title=${`Certificat de l'attestation vérifiée : ${c.verification_code}`} />`,
    )}
  `;
}

function Certificate({ certificate: c, id = "certificat", title = "Certificat Pix authentique" }) {
  const levels = new Map(c.competences.map((m) => [m.competence, m.level]));
  return html`<section class="certificate" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
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
