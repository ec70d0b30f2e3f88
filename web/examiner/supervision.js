// The examiner's view of the session: every candidate and their state, refreshed by polling;
// authorise, unlock, end a test with a reason, « Écran de fin vu ».
import { call } from "../shared/api.js";
import { formatDate } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { usePoll } from "../shared/poll.js";
import { html, useState } from "../shared/ui.js";
import { APP } from "./access.js";
import { CandidateCard } from "./candidate.js";

const POLL_SECONDS = 4;
const EXPIRED = new Set(["TOKEN_EXPIRED", "TOKEN_INVALID", "UNAUTHENTICATED"]);

// Each action the examiner takes on a candidate: the operation (a name of operations.json).
const ACTIONS = {
  authorizeCandidate: (options) => call("authorizeCandidate", options),
  unlockCandidate: (options) => call("unlockCandidate", options),
  endCandidateTest: (options) => call("endCandidateTest", options),
  endScreenSeen: (options) => call("endScreenSeen", options),
};

export function SupervisionPage({ opened, onClose }) {
  const sid = opened.session_id;
  const scoped = (params = {}) => ({ params: { session_id: sid, ...params }, token: opened.token });
  const guard = (failure) => {
    if (failure.status === 401 && EXPIRED.has(failure.code)) onClose("expired");
    throw failure;
  };
  const read = () => call("supervision", scoped()).catch(guard);
  const state = useLoad(read, [sid]);
  const [stale, setStale] = useState(null);
  usePoll(POLL_SECONDS, () =>
    read().then(
      (fresh) => (setStale(null), state.set(fresh)),
      (failure) => setStale(failure.message),
    ),
  );
  const act = async (name, candidateId, body) => {
    const done = await ACTIONS[name]({ ...scoped({ candidate_id: candidateId }), body }).catch(guard);
    read().then(state.set, () => {});
    return done;
  };
  const user = { first_name: "Session", last_name: `n° ${sid}` };
  return html`<${Page} app=${APP} title="Espace surveillant" user=${user} onLogOut=${() => onClose("closed")} wide>
    <${Notice} kind="warning">${stale && `${stale} La liste affichée peut ne plus être à jour.`}<//>
    <${Loaded} state=${state}>
      ${(view) => html`
        <${SessionFacts} session=${view.session} />
        <${Tally} candidates=${view.candidates} />
        ${view.candidates.length
          ? html`<ul class="candidates" aria-label="Candidats de la session">
              ${view.candidates.map((c) => html`<${CandidateCard} key=${c.id} candidate=${c} act=${act} />`)}
            </ul>`
          : html`<p>Aucun candidat n'est inscrit à cette session.</p>`}
      `}
    <//>
  <//>`;
}

function SessionFacts({ session }) {
  const facts = [
    ["Session", `n° ${session.id}`],
    ["Date", formatDate(session.date)],
    ["Heure de début", String(session.time).slice(0, 5)],
    ["Lieu", session.address],
    ["Salle", session.room],
    ["Surveillant(s)", session.examiner],
  ];
  return html`<dl class="session-facts">
    ${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

function Tally({ candidates }) {
  const counts = new Map();
  for (const c of candidates) counts.set(c.state_label, (counts.get(c.state_label) || 0) + 1);
  return html`<h2 class="visually-hidden">Résumé</h2>
    <ul class="tally" aria-label="Nombre de candidats par état">
      <li><strong>${candidates.length}</strong> candidat${candidates.length > 1 ? "s" : ""}</li>
      ${[...counts].map(([label, n]) => html`<li>${label} : <strong>${n}</strong></li>`)}
    </ul>`;
}
