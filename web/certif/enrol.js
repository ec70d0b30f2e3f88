// Enrolling candidates: the school's students by class and name, page by page, ticked one by one
// (with their extra time), the certifiable ones flagged, those already in the session marked.
import { call } from "../shared/api.js";
import { Select } from "../shared/fields.js";
import { Field } from "../shared/forms.js";
import { formatDate, plural } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { MoreBelow, useAction, usePages } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { html, useEffect, useState } from "../shared/ui.js";

const MAX_AT_ONCE = 99;

export function EnrolPage({ sessionId, frame }) {
  const state = useLoad(async () => {
    const session = await call("certifSession", { params: { session_id: sessionId } });
    const divisions = await call("orgaDivisions", { params: { org_id: session.center_id } });
    return { session, divisions };
  }, [sessionId]);
  return html`<${Page} ...${frame} title=${`Inscrire des candidats — session n° ${sessionId}`} wide>
    <p><a href=${`#/session/${sessionId}`}>← Retour à la session</a></p>
    <${Loaded} state=${state}>
      ${({ session, divisions }) => html`<${Enrolment} session=${session} divisions=${divisions} />`}
    <//>
  <//>`;
}

function Enrolment({ session, divisions }) {
  const [filters, setFilters] = useState({ division: "", search: "" });
  const [typed, setTyped] = useState("");
  const [chosen, setChosen] = useState({});
  const action = useAction();
  useEffect(() => {
    const wait = setTimeout(() => setFilters((f) => (f.search === typed.trim() ? f : { ...f, search: typed.trim() })), 300);
    return () => clearTimeout(wait);
  }, [typed]);
  const pages = usePages(async (cursor) => {
    const query = { division: filters.division, search: filters.search, session_id: session.id, limit: 50, cursor };
    const page = await call("certifStudents", { params: { center_id: session.center_id }, query });
    return { items: page.students, next: page.next_cursor };
  }, [filters.division, filters.search]);

  const toggle = (student, on) =>
    setChosen((old) => {
      const next = { ...old };
      if (on) next[student.id] = { student, extra: "" };
      else delete next[student.id];
      return next;
    });
  const setExtra = (id, extra) => setChosen((old) => ({ ...old, [id]: { ...old[id], extra } }));
  const selectable = pages.items.filter((s) => !s.enrolled);
  const allShown = selectable.length > 0 && selectable.every((s) => chosen[s.id]);
  const count = Object.keys(chosen).length;

  const enrol = async () => {
    const picked = Object.values(chosen);
    const bad = picked.find((p) => p.extra !== "" && !/^\d{1,3}$/.test(p.extra.trim()));
    if (bad) {
      action.setError({ message: `Temps majoré de ${bad.student.first_name} ${bad.student.last_name} : saisissez un pourcentage entre 0 et 100.` });
      return;
    }
    const done = await action.run(async () => {
      const reply = await call("certifEnrol", {
        params: { session_id: session.id },
        body: { student_ids: picked.map((p) => p.student.id) },
      });
      const byStudent = Object.fromEntries(reply.candidates.map((c) => [c.student_id, c.id]));
      for (const p of picked.filter((p) => Number(p.extra) > 0)) {
        const params = { session_id: session.id, candidate_id: byStudent[p.student.id] };
        await call("certifUpdateCandidate", { params, body: { extra_time_percentage: Number(p.extra) } });
      }
      return reply;
    });
    if (done) navigate(`/session/${session.id}`);
  };

  return html`
    <p class="lead">${plural(session.candidate_count, "candidat déjà inscrit", "candidats déjà inscrits")} dans cette session.</p>
    <form class="filters" role="search" onSubmit=${(e) => e.preventDefault()}>
      <${Select} name="division" label="Classe" value=${filters.division} empty="Toutes les classes"
        options=${divisions.map((d) => [d.name, `${d.name} (${d.student_count})`])}
        onInput=${(division) => setFilters((f) => ({ ...f, division }))} />
      <${Field} name="search" label="Nom ou prénom" type="search" value=${typed} onInput=${setTyped} autocomplete="off" maxlength="100" />
    </form>
    ${action.error && html`<${Notice} kind="error">
      <p>${action.error.message}</p>
      ${(action.error.details?.duplicates || []).length > 0 &&
      html`<ul>${action.error.details.duplicates.map((d) => html`<li>${d.first_name} ${d.last_name}, né(e) le ${d.birthdate}</li>`)}</ul>`}
    <//>`}
    <table class="table">
      <caption class="visually-hidden">Élèves de l'établissement</caption>
      <thead><tr>
        <th scope="col"><input type="checkbox" id="tout" checked=${allShown} disabled=${!selectable.length}
          onChange=${(e) => selectable.forEach((s) => toggle(s, e.currentTarget.checked))} />
          <label for="tout" class="visually-hidden">Sélectionner tous les élèves affichés</label></th>
        <th scope="col">Nom et prénom</th><th scope="col">Date de naissance</th><th scope="col">Classe</th>
        <th scope="col">Certifiable</th><th scope="col">Temps majoré (%)</th>
      </tr></thead>
      <tbody>
        ${pages.items.map((s) => html`<${StudentRow} student=${s} choice=${chosen[s.id]}
          onToggle=${(on) => toggle(s, on)} onExtra=${(v) => setExtra(s.id, v)} />`)}
      </tbody>
    </table>
    ${!pages.loading && !pages.items.length && html`<p>Aucun élève ne correspond à ces critères.</p>`}
    <${MoreBelow} pages=${pages} label="Afficher les élèves suivants" />
    <div class="sticky-actions">
      <p role="status">${plural(count, "élève sélectionné", "élèves sélectionnés")}${count > MAX_AT_ONCE ? ` : ${MAX_AT_ONCE} au plus à la fois` : ""}</p>
      <button type="button" class="button" disabled=${!count || action.busy} onClick=${enrol}>
        ${action.busy ? "Inscription…" : `Inscrire ${plural(count, "élève")}`}</button>
    </div>
  `;
}

function StudentRow({ student: s, choice, onToggle, onExtra }) {
  const id = `eleve-${s.id}`;
  const who = `${s.last_name} ${s.first_name}`;
  return html`<tr class=${s.enrolled ? "row--muted" : undefined}>
    <td><input type="checkbox" id=${id} checked=${s.enrolled || Boolean(choice)} disabled=${s.enrolled}
      onChange=${(e) => onToggle(e.currentTarget.checked)} /></td>
    <td><label for=${id}>${who}</label>${s.enrolled ? html` <span class="badge">Déjà inscrit</span>` : ""}
      ${!s.reconciled && html`<br /><span class="muted">Pas encore de compte Pix rattaché</span>`}</td>
    <td>${formatDate(s.birthdate)}</td>
    <td>${s.division || "—"}</td>
    <td>${s.certifiable
      ? html`<span class="badge badge--success">Oui</span>`
      : html`<span class="badge">Non</span>`}<span class="muted"> ${plural(s.certifiable_competence_count, "compétence")}</span></td>
    <td>${choice &&
      html`<label class="visually-hidden" for=${`${id}-temps`}>Temps majoré de ${who}, en %</label>
        <input class="input--small" id=${`${id}-temps`} inputmode="numeric" maxlength="3" placeholder="0"
          value=${choice.extra} onInput=${(e) => onExtra(e.currentTarget.value)} />`}</td>
  </tr>`;
}
