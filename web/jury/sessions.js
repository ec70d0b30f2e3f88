// The jury's sessions by tab: to act on, to publish (one or a batch), assigned to me, waiting
// for results, published; each read page by page.
import { call } from "../shared/api.js";
import { formatDate, formatDateTime, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Confirm, MoreBelow, myAccount, useAction, usePages } from "../shared/office.js";
import { html, useEffect, useState } from "../shared/ui.js";
import { reasonsOf, SessionState } from "./labels.js";

export const TABS = [
  ["a-traiter", "À traiter", { status: "needs_action" }],
  ["a-publier", "À publier", { status: "to_publish" }],
  ["miennes", "Qui me sont assignées", { assigned: "me" }],
  ["en-attente", "En attente des résultats", { status: "waiting" }],
  ["publiees", "Publiées", { status: "published" }],
];

export function Tabs({ current }) {
  return html`<nav class="tabs" aria-label="Listes de sessions">
    <ul>
      ${TABS.map(([slug, label]) => html`<li>
        <a href=${`#/sessions/${slug}`} aria-current=${slug === current ? "page" : undefined}>${label}</a>
      </li>`)}
    </ul>
  </nav>`;
}

/** "vous" or "un autre membre du jury": who holds the session. */
export function Holder({ assignedTo, me }) {
  if (!assignedTo) return html`<span class="muted">Personne</span>`;
  return assignedTo === me ? html`<strong>Vous</strong>` : html`Un autre membre du jury`;
}

export function SessionsPage({ tab, frame }) {
  const found = TABS.find(([slug]) => slug === tab) || TABS[0];
  const [slug, label, query] = found;
  const [me, setMe] = useState(null);
  useEffect(() => {
    myAccount().then((a) => setMe(a.id), () => setMe(null));
  }, []);
  const pages = usePages(async (cursor) => {
    const page = await call("jurySessions", { query: { ...query, cursor, limit: 50 } });
    return { items: page.sessions, next: page.next_cursor };
  }, [slug]);
  const [chosen, setChosen] = useState([]);
  useEffect(() => setChosen([]), [slug]);
  const batch = slug === "a-publier";
  const toggle = (id, on) => setChosen((old) => (on ? [...old, id] : old.filter((x) => x !== id)));
  return html`<${Page} ...${frame} title=${`Sessions — ${label}`} wide>
    <${Tabs} current=${slug} />
    ${batch && html`<${BatchPublish} chosen=${chosen} onDone=${() => (setChosen([]), pages.reload())} />`}
    ${!pages.items.length && !pages.loading && !pages.error
      ? html`<${Notice}>Aucune session dans cette liste.<//>`
      : pages.items.length > 0 &&
        html`<table class="table">
          <caption class="visually-hidden">${`Sessions — ${label}`}</caption>
          <thead><tr>
            ${batch && html`<th scope="col"><span class="visually-hidden">Choisir</span></th>`}
            <th scope="col">N°</th><th scope="col">Centre</th><th scope="col">Date</th>
            <th scope="col">Finalisée le</th><th scope="col">État</th>
            <th scope="col">À examiner</th><th scope="col">Assignée à</th>
          </tr></thead>
          <tbody>
            ${pages.items.map(
              (s) => html`<tr>
                ${batch && html`<td><input type="checkbox" id=${`choix-${s.session_id}`}
                  aria-label=${`Choisir la session n° ${s.session_id}`}
                  checked=${chosen.includes(s.session_id)}
                  onChange=${(e) => toggle(s.session_id, e.currentTarget.checked)} /></td>`}
                <td><a href=${`#/session/${s.session_id}`}>${s.session_id}<span class="visually-hidden"> — ${s.center_name}</span></a></td>
                <td>${s.center_name}</td>
                <td>${formatDate(s.session_date)}</td>
                <td>${s.published_at ? html`Publiée le ${formatDateTime(s.published_at)}` : formatDateTime(s.finalized_at)}</td>
                <td><${SessionState} state=${s.state} /></td>
                <td>${s.reasons.length ? html`<ul class="reports">${reasonsOf(s.reasons).map((r) => html`<li>${r}</li>`)}</ul>` : html`<span class="muted">Rien</span>`}</td>
                <td><${Holder} assignedTo=${s.assigned_to} me=${me} /></td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <${MoreBelow} pages=${pages} label="Afficher les sessions suivantes" />
  <//>`;
}

/** Publishes the chosen sessions at once; says, session by session, what was published and
 * why another was not. */
function BatchPublish({ chosen, onDone }) {
  const [asking, setAsking] = useState(false);
  const [outcomes, setOutcomes] = useState(null);
  const action = useAction();
  const publish = async () => {
    const reply = await action.run(() => call("juryPublishBatch", { body: { session_ids: chosen } }));
    setAsking(false);
    if (reply) {
      setOutcomes(reply.results);
      onDone();
    }
  };
  const done = outcomes?.filter((o) => o.published) || [];
  const refused = outcomes?.filter((o) => !o.published) || [];
  return html`<div class="actions">
    <button type="button" class="button" disabled=${!chosen.length} onClick=${() => setAsking(true)}>
      ${chosen.length ? `Publier la sélection (${plural(chosen.length, "session")})` : "Publier la sélection"}
    </button>
    <${Notice} kind="error">${action.error?.message}<//>
    ${outcomes && html`<${Notice} kind=${refused.length ? "warning" : "success"}>
      ${done.length > 0 && html`<p>${plural(done.length, "session publiée", "sessions publiées")} : ${done.map((o) => `n° ${o.session_id}`).join(", ")}.</p>`}
      ${refused.length > 0 && html`<ul>${refused.map((o) => html`<li>Session n° ${o.session_id} non publiée : ${o.message}</li>`)}</ul>`}
    <//>`}
    <${Confirm} open=${asking} title="Publier les sessions choisies ?" confirmLabel="Publier"
      onConfirm=${publish} onCancel=${() => setAsking(false)} busy=${action.busy}>
      <p>Les résultats de ${plural(chosen.length, "session")} seront visibles des candidats et de
        leurs établissements. Une session publiée ne se modifie plus.</p>
    <//>
  </div>`;
}
