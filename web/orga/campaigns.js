// Campaigns: a profile collection or an assessment (« parcours de rentrée »), its code for the
// students, its participants (how many are certifiable), its CSV export, its archiving.
import { call } from "../shared/api.js";
import { TextArea } from "../shared/fields.js";
import { Field, missing, useForm } from "../shared/forms.js";
import { formatDate, formatDateTime, formatNumber, plural } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { Confirm, useAction } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { download } from "../shared/transfer.js";
import { html, useState } from "../shared/ui.js";
import { SchoolPage } from "./schools.js";
import { TargetPicker } from "./targets.js";

const TYPES = { PROFILES_COLLECTION: "Collecte de profils", ASSESSMENT: "Parcours (évaluation)" };
const CODE_FIELDS = { TARGET_SKILLS_REQUIRED: "targets", TARGET_SKILLS_UNKNOWN: "targets", CAMPAIGN_NAME_REQUIRED: "name" };

export function CampaignsPage({ orgId, frame }) {
  const state = useLoad(() => call("orgaCampaigns", { params: { org_id: orgId } }), [orgId]);
  const [creating, setCreating] = useState(false);
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="campagnes" title="Campagnes">
    ${creating
      ? html`<${NewCampaign} orgId=${orgId} onCancel=${() => setCreating(false)} />`
      : html`<p><button type="button" class="button" onClick=${() => setCreating(true)}>Créer une campagne</button></p>`}
    <${Loaded} state=${state}>
      ${({ campaigns }) =>
        campaigns.length
          ? html`<table class="table">
              <caption class="visually-hidden">Campagnes de l'établissement</caption>
              <thead><tr><th scope="col">Nom</th><th scope="col">Type</th><th scope="col">Code</th>
                <th scope="col">Créée le</th><th scope="col" class="number">Participants</th><th scope="col">État</th></tr></thead>
              <tbody>${campaigns.map(
                (c) => html`<tr>
                  <td><a href=${`#/etablissement/${orgId}/campagne/${c.id}`}>${c.name}</a></td>
                  <td>${TYPES[c.type] || c.type}</td><td class="code">${c.code}</td>
                  <td>${formatDate(c.created_at)}</td>
                  <td class="number">${c.participants_count ?? "—"}</td>
                  <td>${c.archived_at ? html`<span class="badge">Archivée</span>` : html`<span class="badge badge--success">Ouverte</span>`}</td>
                </tr>`,
              )}</tbody>
            </table>`
          : html`<p>Aucune campagne pour l'instant.</p>`}
    <//>
  <//>`;
}

function NewCampaign({ orgId, onCancel }) {
  const form = useForm({ name: "", type: "PROFILES_COLLECTION", external_id_label: "", landing_text: "", targets: [] }, `campaign.new.${orgId}`);
  const { values, set, errors } = form;
  const submit = async (event) => {
    event.preventDefault();
    const absent = missing(values, { name: "Donnez un nom à la campagne." });
    if (values.type === "ASSESSMENT" && !values.targets.length) absent.targets = "Choisissez au moins une compétence à évaluer.";
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent, message: null });
    const body = {
      name: values.name.trim(),
      type: values.type,
      target_skill_ids: values.type === "ASSESSMENT" ? values.targets : [],
      external_id_label: values.external_id_label.trim() || null,
      landing_text: values.landing_text.trim() || null,
    };
    const created = await form.submit(() => call("orgaCreateCampaign", { params: { org_id: orgId }, body }), CODE_FIELDS);
    if (created) navigate(`/etablissement/${orgId}/campagne/${created.id}`);
  };
  return html`<form class="form" onSubmit=${submit} noValidate aria-labelledby="nouvelle-campagne">
    <h2 id="nouvelle-campagne">Nouvelle campagne</h2>
    <${Notice} kind="error">${form.formError}<//>
    <${Field} name="name" label="Nom de la campagne" maxlength="200" value=${values.name} onInput=${set("name")} error=${errors.name} />
    <fieldset class="choices">
      <legend>Type de campagne</legend>
      ${Object.entries(TYPES).map(
        ([value, label]) => html`<div class="check">
          <input type="radio" id=${`type-${value}`} name="type" checked=${values.type === value} onChange=${() => set("type")(value)} />
          <label for=${`type-${value}`}>${label}</label>
        </div>`,
      )}
    </fieldset>
    ${values.type === "ASSESSMENT" &&
    html`<${TargetPicker} orgId=${orgId} value=${values.targets} onChange=${set("targets")} error=${errors.targets} />`}
    <${Field} name="external_id_label" label="Identifiant externe demandé aux élèves (facultatif)" maxlength="200"
      hint="Par exemple : Numéro élève. Laissez vide pour ne rien demander." value=${values.external_id_label}
      onInput=${set("external_id_label")} error=${errors.external_id_label} />
    <${TextArea} name="landing_text" label="Texte d'accueil (facultatif)" maxlength="5000" value=${values.landing_text}
      onInput=${set("landing_text")} error=${errors.landing_text} />
    <div class="actions">
      <button class="button" type="submit" disabled=${form.busy}>Créer la campagne</button>
      <button class="button button--secondary" type="button" onClick=${onCancel}>Annuler</button>
    </div>
  </form>`;
}

export function CampaignPage({ orgId, campaignId, frame }) {
  const state = useLoad(async () => {
    const params = { org_id: orgId, campaign_id: campaignId };
    const [{ campaigns }, { participants }] = await Promise.all([
      call("orgaCampaigns", { params: { org_id: orgId } }),
      call("orgaParticipants", { params }),
    ]);
    return { campaign: campaigns.find((c) => c.id === campaignId), participants };
  }, [orgId, campaignId]);
  const title = state.data?.campaign?.name || "Campagne";
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="campagnes" title=${title}>
    <p><a href=${`#/etablissement/${orgId}/campagnes`}>← Toutes les campagnes</a></p>
    <${Loaded} state=${state}>
      ${({ campaign, participants }) =>
        campaign
          ? html`<${Campaign} orgId=${orgId} campaign=${campaign} participants=${participants} onArchived=${state.reload} />`
          : html`<${Notice} kind="error">Campagne introuvable.<//>`}
    <//>
  <//>`;
}

function Campaign({ orgId, campaign: c, participants, onArchived }) {
  const [archiving, setArchiving] = useState(false);
  const action = useAction();
  const params = { org_id: orgId, campaign_id: c.id };
  const collection = c.type === "PROFILES_COLLECTION";
  const sent = participants.filter((p) => p.sent_at);
  const certifiable = participants.filter((p) => p.certifiable);
  const archive = async () => {
    const done = await action.run(() => call("orgaArchiveCampaign", { params }));
    setArchiving(false);
    if (done) onArchived();
  };
  return html`
    <dl class="facts facts--wide">
      <div><dt>Code à donner aux élèves</dt><dd class="code code--big">${c.code}</dd></div>
      <div><dt>Type</dt><dd>${TYPES[c.type]}</dd></div>
      <div><dt>Participants</dt><dd>${formatNumber(participants.length)}</dd></div>
      ${collection && html`<div><dt>Profils envoyés</dt><dd>${formatNumber(sent.length)}</dd></div>`}
      <div><dt>Certifiables</dt><dd>${plural(certifiable.length, "élève")}${collection ? ` sur ${formatNumber(sent.length)} profils envoyés` : ""}</dd></div>
    </dl>
    ${c.archived_at && html`<${Notice} kind="warning">Campagne archivée le ${formatDate(c.archived_at)} : plus personne ne peut la rejoindre ni y envoyer son profil.<//>`}
    <${Notice} kind="error">${action.error?.message}<//>
    <div class="actions">
      <button type="button" class="button button--secondary" disabled=${action.busy}
        onClick=${() => action.run(() => download("orgaCampaignExport", { params, filename: `campagne-${c.code}.csv` }))}>
        Exporter les résultats (CSV)</button>
      ${!c.archived_at && html`<button type="button" class="button button--danger" onClick=${() => setArchiving(true)}>Archiver la campagne</button>`}
    </div>
    <h2>Participants (${participants.length})</h2>
    ${participants.length
      ? html`<table class="table">
          <thead><tr><th scope="col">Nom</th><th scope="col">Prénom</th><th scope="col">Statut</th><th scope="col">Envoyé le</th>
            <th scope="col" class="number">Pix</th><th scope="col">Certifiable</th><th scope="col" class="number">Compétences certifiables</th></tr></thead>
          <tbody>${participants.map(
            (p) => html`<tr>
              <td>${p.last_name}</td><td>${p.first_name}</td><td>${p.status}</td>
              <td>${p.sent_at ? formatDateTime(p.sent_at) : "—"}</td>
              <td class="number">${p.pix_score ?? "—"}</td>
              <td>${p.certifiable === null || p.certifiable === undefined ? "—" : p.certifiable ? html`<span class="badge badge--success">Oui</span>` : "Non"}</td>
              <td class="number">${p.certifiable_competences_count ?? "—"}</td>
            </tr>`,
          )}</tbody>
        </table>`
      : html`<p>Personne n'a encore rejoint la campagne : donnez le code <strong class="code">${c.code}</strong> aux élèves.</p>`}
    <${Confirm} open=${archiving} title="Archiver la campagne ?" confirmLabel="Archiver" busy=${action.busy}
      onConfirm=${archive} onCancel=${() => setArchiving(false)}>
      <p>Les élèves ne pourront plus rejoindre « ${c.name} » ni y envoyer leur profil. Les résultats restent consultables.</p>
    <//>
  `;
}
