// « Mon profil »: the 16 competences by area, level and pix, and whether it is certifiable.
import { call } from "../shared/api.js";
import { formatNumber, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { referential } from "../shared/referential.js";
import { navigate } from "../shared/router.js";
import { html, useState } from "../shared/ui.js";

const PIX_PER_LEVEL = 8;

export function ProfilePage({ frame }) {
  const state = useLoad(async () => {
    const [profile, areas] = await Promise.all([call("myProfile"), referential()]);
    return { profile, areas };
  });
  const [starting, setStarting] = useState(null);
  const [error, setError] = useState(null);

  const evaluate = async (competence) => {
    setStarting(competence);
    setError(null);
    try {
      const started = await call("startCompetenceEvaluation", { body: { competence } });
      navigate(`/evaluation/${started.assessment_id}`);
    } catch (failure) {
      setError(failure.message);
      setStarting(null);
    }
  };

  return html`<${Page} ...${frame} title="Mon profil Pix" wide>
    <${Loaded} state=${state}>
      ${({ profile, areas }) => html`
        <${Summary} profile=${profile} />
        <${Notice} kind="error">${error}<//>
        ${areas.map(
          (area) => html`<section class="area" aria-labelledby=${`domaine-${area.code}`}>
            <h2 id=${`domaine-${area.code}`}>${area.code}. ${area.name}</h2>
            <ul class="competences">
              ${profile.competences
                .filter((c) => c.area === area.code)
                .map(
                  (c) => html`<${CompetenceCard}
                    competence=${c}
                    maxLevel=${profile.max_level}
                    busy=${starting === c.code}
                    disabled=${starting !== null}
                    onEvaluate=${() => evaluate(c.code)}
                  />`,
                )}
            </ul>
          </section>`,
        )}
      `}
    <//>
  <//>`;
}

function Summary({ profile }) {
  return html`<section class="summary" aria-label="Synthèse du profil">
    <p class="summary__score"><strong>${formatNumber(profile.total_pix)}</strong> pix</p>
    <p>
      ${plural(profile.certifiable_competence_count, "compétence")} de niveau 1 ou plus, sur ${profile.competences.length}.
    </p>
    ${profile.certifiable
      ? html`<${Notice} kind="success">Votre profil est certifiable.<//>`
      : html`<${Notice} kind="info">${profile.message}<//>`}
  </section>`;
}

function CompetenceCard({ competence: c, maxLevel, busy, disabled, onEvaluate }) {
  const progress = c.level >= maxLevel ? PIX_PER_LEVEL : c.pix % PIX_PER_LEVEL;
  return html`<li class="competence">
    <h3 class="competence__name"><span class="competence__code">${c.code}</span> ${c.name}</h3>
    <p class="competence__level">
      <span class="level-badge">Niveau ${c.level}</span>
      <span class="visually-hidden"> sur ${maxLevel}</span>
      <span class="competence__pix">${formatNumber(c.pix)} pix</span>
    </p>
    <div class="meter" aria-hidden="true"><span class=${`meter__bar meter__bar--${progress}`}></span></div>
    <button type="button" class="button button--secondary" onClick=${onEvaluate} disabled=${disabled}>
      ${busy ? "Ouverture…" : html`Évaluer<span class="visually-hidden"> la compétence ${c.code} ${c.name}</span>`}
    </button>
  </li>`;
}
