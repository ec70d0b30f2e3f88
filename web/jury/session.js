// One session under review: what the centre reported, why it waits, who holds it, each
// candidate's certification; assigning and publishing.
import { call } from "../shared/api.js";
import { formatDate, formatDateTime, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { Confirm, myAccount, useAction } from "../shared/office.js";
import { referential } from "../shared/referential.js";
import { html, useState } from "../shared/ui.js";
import { Certification } from "./certification.js";
import { reasonsOf, SessionState } from "./labels.js";
import { Holder } from "./sessions.js";

export function SessionPage({ sessionId, frame }) {
  const state = useLoad(async () => {
    const [detail, me, areas] = await Promise.all([
      call("jurySession", { params: { session_id: sessionId } }),
      myAccount(),
      referential().catch(() => []),
    ]);
    return { ...detail, me: me.id, areas };
  }, [sessionId]);
  // A change's reply is shown at once, then the session read again; a read that started before
  // the change may answer after it: the newer version of a certification stays on screen.
  const [replies, setReplies] = useState({});
  const newest = (c) => (replies[c.course_id]?.version > c.version ? replies[c.course_id] : c);
  const replace = (certification) => {
    setReplies((shown) => ({ ...shown, [certification.course_id]: certification }));
    state.reload();
  };
  return html`<${Page} ...${frame} title=${`Session n° ${sessionId}`} wide>
    <p><a href="#/sessions/a-traiter">← Retour aux sessions</a></p>
    <${Loaded} state=${state}>
      ${({ session, certifications, me, areas }) => html`
        <${Summary} session=${session} me=${me} onChanged=${state.reload} />
        <h2>${plural(certifications.length, "certification")}</h2>
        ${certifications.map(newest).map(
          (c) => html`<${Certification} key=${c.course_id} certification=${c} areas=${areas} me=${me}
            locked=${session.state === "published"} onSaved=${replace} onStale=${state.reload} />`,
        )}
      `}
    <//>
  <//>`;
}

function Summary({ session, me, onChanged }) {
  const [publishing, setPublishing] = useState(false);
  const action = useAction();
  const [done, setDone] = useState(null);
  const published = session.state === "published";
  const assign = async () => {
    if (await action.run(() => call("juryAssign", { params: { session_id: session.session_id } }))) {
      setDone("La session vous est assignée.");
      onChanged();
    }
  };
  const publish = async () => {
    const reply = await action.run(() => call("juryPublish", { params: { session_id: session.session_id } }));
    setPublishing(false);
    if (reply) {
      setDone("Les résultats de la session sont publiés.");
      onChanged();
    }
  };
  return html`<section aria-labelledby="session-resume">
    <h2 id="session-resume" class="visually-hidden">Résumé de la session</h2>
    <dl class="facts facts--wide">
      <div><dt>Centre</dt><dd>${session.center_name}</dd></div>
      <div><dt>Date</dt><dd>${formatDate(session.session_date)}</dd></div>
      <div><dt>Surveillant(s)</dt><dd>${session.examiners || "—"}</dd></div>
      <div><dt>Finalisée le</dt><dd>${formatDateTime(session.finalized_at) || "—"}</dd></div>
      <div><dt>État</dt><dd><${SessionState} state=${session.state} />${session.published_at ? ` le ${formatDateTime(session.published_at)}` : ""}</dd></div>
      <div><dt>Assignée à</dt><dd><${Holder} assignedTo=${session.assigned_to} me=${me} /></dd></div>
    </dl>
    ${session.comment && html`<${Notice} kind="warning"><h3 class="notice__title">Commentaire global du centre</h3><p>${session.comment}</p><//>`}
    ${session.reasons.length > 0 && html`<${Notice} kind="info">
      <h3 class="notice__title">À examiner avant de publier</h3>
      <ul>${reasonsOf(session.reasons).map((r) => html`<li>${r}</li>`)}</ul>
    <//>`}
    ${session.missing_courses.length > 0 && html`<${Notice} kind="info">
      ${plural(session.missing_courses.length, "test n'est pas encore arrivé", "tests ne sont pas encore arrivés")} : la session sera prête quand ils le seront.
    <//>`}
    <${Notice} kind="error">${action.error?.message}<//>
    <${Notice} kind="success">${done}<//>
    ${!published && html`<div class="actions">
      ${session.assigned_to !== me && html`<button type="button" class="button button--secondary" onClick=${assign} disabled=${action.busy}>
        M'assigner la session</button>`}
      <button type="button" class="button" onClick=${() => setPublishing(true)} disabled=${action.busy}>Publier les résultats</button>
    </div>`}
    <${Confirm} open=${publishing} title=${`Publier la session n° ${session.session_id} ?`} confirmLabel="Publier"
      onConfirm=${publish} onCancel=${() => setPublishing(false)} busy=${action.busy}>
      <p>Les candidats verront leurs résultats et l'établissement recevra les siens. Une session
        publiée ne se modifie plus.</p>
    <//>
  </section>`;
}
