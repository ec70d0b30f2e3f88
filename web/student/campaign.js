// Joining a campaign with its code: the school's record is found from names and birthdate
// (« réconciliation »), then the student sends their profile or takes the campaign's assessment.
import { call } from "../shared/api.js";
import { checkIdentity, Field, IdentityFields, useForm } from "../shared/forms.js";
import { formatDate, formatDateTime, formatNumber, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { navigate } from "../shared/router.js";
import { html, useState } from "../shared/ui.js";

const CODE_FIELDS = { CAMPAIGN_NOT_FOUND: "code", CAMPAIGN_CODE_INVALID: "code" };

export function CampaignCodePage({ frame }) {
  const form = useForm({ code: "" });
  const submit = async (event) => {
    event.preventDefault();
    const code = form.values.code.replace(/\s+/g, "").toUpperCase();
    if (!code) return form.showError({ fieldErrors: { code: "Saisissez le code de la campagne." } });
    const found = await form.submit(() => call("campaign", { params: { code } }), CODE_FIELDS);
    if (found) navigate(`/campagne/${found.code}`);
  };
  return html`<${Page} ...${frame} title="Rejoindre une campagne">
    <p>Votre professeur vous a donné un code de 9 caractères, par exemple ABCDEF123.</p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="code" label="Code de la campagne" autocomplete="off" autocapitalize="characters"
        maxlength="20" value=${form.values.code} onInput=${form.set("code")} error=${form.errors.code} />
      <button class="button" type="submit" disabled=${form.busy}>Accéder à la campagne</button>
    </form>
  <//>`;
}

export function CampaignPage({ code, frame, session }) {
  const state = useLoad(async () => {
    const campaign = await call("campaign", { params: { code } });
    const participation = await call("myParticipation", { params: { code } }).catch((error) => {
      if (error.code === "NOT_A_PARTICIPANT") return null;
      throw error;
    });
    return { campaign, participation };
  }, [code]);
  return html`<${Loaded} state=${state}>
    ${({ campaign, participation }) => html`<${Page} ...${frame} title=${campaign.name}>
      ${campaign.landing_text && html`<div class="landing">${campaign.landing_text}</div>`}
      ${campaign.archived_at &&
      html`<${Notice} kind="warning">Cette campagne est archivée depuis le ${formatDate(campaign.archived_at)} : on ne peut plus la rejoindre ni y envoyer son profil.<//>`}
      ${participation
        ? html`<${Participation} campaign=${campaign} participation=${participation} onChange=${(p) => state.set({ campaign, participation: p })} />`
        : !campaign.archived_at &&
          html`<${JoinForm} campaign=${campaign} session=${session} onJoined=${state.reload} />`}
    <//>`}
  <//>`;
}

function JoinForm({ campaign, session, onJoined }) {
  const form = useForm(
    {
      first_name: session.user.first_name,
      last_name: session.user.last_name,
      birthdate: formatDate(session.birthdate),
      external_id: "",
    },
    `join.${campaign.code}`,
  );
  const { values, set, errors } = form;
  const submit = async (event) => {
    event.preventDefault();
    const label = campaign.external_id_label;
    const { errors: absent, birthdate } = checkIdentity(
      values,
      label ? { external_id: `Saisissez : ${label}.` } : {},
    );
    if (Object.keys(absent).length) return form.showError({ fieldErrors: absent });
    const body = { first_name: values.first_name, last_name: values.last_name, birthdate };
    if (campaign.external_id_label) body.external_id = values.external_id;
    const joined = await form.submit(() => call("joinCampaign", { params: { code: campaign.code }, body }));
    if (joined) onJoined();
  };
  return html`<section aria-labelledby="rejoindre">
    <h2 id="rejoindre">Qui êtes-vous ?</h2>
    <p>Saisissez vos nom, prénom et date de naissance tels que votre établissement les connaît.</p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${IdentityFields} form=${form} />
      ${campaign.external_id_label &&
      html`<${Field} name="external_id" label=${campaign.external_id_label} value=${values.external_id}
        onInput=${set("external_id")} error=${errors.external_id} />`}
      <button class="button" type="submit" disabled=${form.busy}>Rejoindre la campagne</button>
    </form>
  </section>`;
}

function Participation({ campaign, participation: p, onChange }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const act = async (action) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure.message);
    } finally {
      setBusy(false);
    }
  };
  // Engine takes the snapshot as of the request: orga says « Envoi en cours » until it has it.
  const params = { params: { code: campaign.code } };
  const send = () =>
    act(async () => {
      let sent = await call("shareProfile", params);
      onChange(sent);
      for (let tries = 0; !sent.shared_at && tries < 60; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        sent = await call("myParticipation", params);
        onChange(sent);
      }
    });
  const start = () =>
    act(async () => {
      const body = { campaign_code: campaign.code };
      const started = await call("startCampaignAssessment", { body });
      navigate(`/evaluation/${started.assessment_id}`);
    });
  const collection = campaign.type === "PROFILES_COLLECTION";
  return html`<section aria-labelledby="participation">
    <h2 id="participation">Votre participation</h2>
    <p>Vous participez en tant que ${p.first_name} ${p.last_name}${p.division ? `, classe ${p.division}` : ""}, depuis le ${formatDate(p.joined_at)}.</p>
    <${Notice} kind="error">${error}<//>
    ${collection
      ? html`
          <${Snapshot} participation=${p} />
          ${p.shared_at
            ? html`<${Notice} kind="success">Profil envoyé le ${formatDateTime(p.shared_at)}.<//>`
            : p.share_requested_at
            ? html`<${Notice} kind="info">Envoi en cours : votre profil tel qu'il est à cet instant est transmis à l'établissement.<//>`
            : !campaign.archived_at &&
              html`<p>Votre établissement verra le profil tel qu'il est au moment de l'envoi.</p>
                <button type="button" class="button" onClick=${send} disabled=${busy}>Envoyer mon profil</button>`}
        `
      : !campaign.archived_at &&
        html`<button type="button" class="button" onClick=${start} disabled=${busy}>Commencer le parcours</button>`}
  </section>`;
}

function Snapshot({ participation: p }) {
  if (p.pix_score === null) {
    return html`<p>Votre profil est encore vide : évaluez des compétences depuis <a href="#/profil">votre profil</a>.</p>`;
  }
  return html`<dl class="facts">
    <div><dt>Score</dt><dd>${formatNumber(p.pix_score)} pix</dd></div>
    <div><dt>Certifiable</dt><dd>${p.certifiable ? "Oui" : "Non"}</dd></div>
    <div><dt>Compétences certifiables</dt><dd>${plural(p.certifiable_competences_count ?? 0, "compétence")}</dd></div>
  </dl>`;
}
