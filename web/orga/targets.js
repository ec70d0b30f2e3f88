// The competences an assessment campaign evaluates: each chosen competence brings the skills
// orga accepts as targets for it (orga ships them from the learning content).
import { call } from "../shared/api.js";
import { FieldError } from "../shared/forms.js";
import { plural } from "../shared/format.js";
import { Loaded, useLoad } from "../shared/load.js";
import { referential } from "../shared/referential.js";
import { html } from "../shared/ui.js";

export function TargetPicker({ orgId, value, onChange, error }) {
  const state = useLoad(async () => {
    const params = { org_id: orgId };
    const [areas, targets] = await Promise.all([referential(), call("orgaTargetSkills", { params })]);
    return { areas, skills: targets.skills };
  }, [orgId]);
  return html`<fieldset class=${error ? "choices field--error" : "choices"} aria-describedby="champ-targets-erreur">
    <legend>Compétences évaluées par le parcours</legend>
    <${Loaded} state=${state}>
      ${({ areas, skills }) => {
        const chosen = new Set(value);
        const toggle = (code, on) => {
          const ids = skills[code] || [];
          const next = on ? [...new Set([...value, ...ids])] : value.filter((id) => !ids.includes(id));
          onChange(next);
        };
        return areas.map(
          (area) => html`<div class="target-area">
            <p class="target-area__name">${area.code}. ${area.name}</p>
            ${area.competences.map((c) => {
              const ids = skills[c.code] || [];
              const on = ids.length > 0 && ids.every((id) => chosen.has(id));
              return html`<div class="check">
                <input type="checkbox" id=${`cible-${c.code}`} checked=${on} disabled=${!ids.length}
                  aria-invalid=${error ? "true" : undefined} onChange=${(e) => toggle(c.code, e.currentTarget.checked)} />
                <label for=${`cible-${c.code}`}>${c.code} ${c.name} <span class="muted">(${plural(ids.length, "acquis", "acquis")})</span></label>
              </div>`;
            })}
          </div>`,
        );
      }}
    <//>
    <${FieldError} id="champ-targets-erreur" error=${error} />
  </fieldset>`;
}
