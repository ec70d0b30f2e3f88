// A competence evaluation (or a campaign's assessment), one challenge after the other.
import { call, callUntilAnswered } from "../shared/api.js";
import { Challenge } from "../shared/challenge.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { competenceName, referential } from "../shared/referential.js";
import { drafts } from "../shared/session.js";
import { html, useState } from "../shared/ui.js";

// Another tab (or an earlier click) moved the evaluation on: show where it is now.
const STALE = new Set(["CHALLENGE_NOT_CURRENT", "ANSWER_ALREADY_GIVEN", "ASSESSMENT_COMPLETED"]);

export function EvaluationPage({ assessmentId, frame }) {
  const state = useLoad(async () => {
    const params = { assessment_id: assessmentId };
    const [assessment, challenge, areas] = await Promise.all([
      call("assessment", { params }),
      call("nextChallenge", { params }),
      referential(),
    ]);
    return { assessment, challenge, areas, answered: assessment.answered_count };
  }, [assessmentId]);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(null);
  const [error, setError] = useState(null);

  const answer = async (given) => {
    const { challenge, answered } = state.data;
    setBusy(true);
    setError(null);
    try {
      const reply = await callUntilAnswered(
        "answer",
        { params: { assessment_id: assessmentId }, body: { challenge_id: challenge.challenge_id, ...given } },
        (failure, seconds) => setWaiting(`${failure.message} Nouvel essai dans ${seconds} s.`),
      );
      drafts.clear(draftKey(assessmentId, challenge.challenge_id));
      state.set({ ...state.data, challenge: reply.completed ? null : reply.next, answered: answered + 1 });
    } catch (failure) {
      if (STALE.has(failure.code)) state.reload();
      setError(failure.message);
    } finally {
      setBusy(false);
      setWaiting(null);
    }
  };

  return html`<${Loaded} state=${state}>
    ${({ assessment, challenge, areas, answered }) => {
      const title = assessment.competence
        ? `${assessment.competence} ${competenceName(areas, assessment.competence)}`
        : "Parcours de la campagne";
      if (!challenge) return html`<${Finished} frame=${frame} title=${title} assessment=${assessment} />`;
      return html`<${Page} ...${frame} title=${title}>
        <${Notice} kind="warning">${waiting}<//>
        <${Notice} kind="error">${error}<//>
        <${Challenge}
          challenge=${challenge}
          number=${answered + 1}
          draftKey=${draftKey(assessmentId, challenge.challenge_id)}
          busy=${busy}
          onAnswer=${answer}
        />
      <//>`;
    }}
  <//>`;
}

function draftKey(assessmentId, challengeId) {
  return `answer.${assessmentId}.${challengeId}`;
}

function Finished({ frame, title, assessment }) {
  const profile = useLoad(() => (assessment.competence ? call("myProfile") : Promise.resolve(null)));
  const mine = profile.data?.competences.find((c) => c.code === assessment.competence);
  const back = assessment.campaign_code ? `#/campagne/${assessment.campaign_code}` : "#/profil";
  return html`<${Page} ...${frame} title=${title}>
    <${Notice} kind="success">
      <p>Évaluation terminée : merci !</p>
      ${mine && html`<p>Votre niveau pour cette compétence : <strong>niveau ${mine.level}</strong>, ${mine.pix} pix.</p>`}
    <//>
    <p><a class="button" href=${back}>${assessment.campaign_code ? "Retour à la campagne" : "Retour à mon profil"}</a></p>
  <//>`;
}
