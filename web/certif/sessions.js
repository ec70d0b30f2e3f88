// A centre's sessions by date with their status, and the form that creates or edits one.
import { call } from "../shared/api.js";
import { TextArea } from "../shared/fields.js";
import { Field, missing, useForm } from "../shared/forms.js";
import { formatDate, formatNumber, parseFrenchDate } from "../shared/format.js";
import { Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { MoreBelow, usePages } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { html } from "../shared/ui.js";
import { CenterSwitch, myCenters } from "./centers.js";

export const STATUS_LABELS = {
  created: "Créée",
  finalized: "Finalisée",
  in_process: "En cours de traitement par Pix",
  processed: "Résultats transmis",
};

export function Status({ status }) {
  return html`<span class=${`status status--${status}`}>${STATUS_LABELS[status] || status}</span>`;
}

/** "09:00:00" → "09:00"; the end is 2 h later (DOMAIN.md: a session lasts 2 h). */
export function hours(time, plus = 0) {
  const [h, m] = time.split(":").map(Number);
  const total = (h * 60 + m + plus * 60) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

export function SessionsPage({ centerId, frame }) {
  const centers = useLoad(() => myCenters(), [centerId]);
  const center = centers.data?.find((c) => c.id === centerId);
  const pages = usePages(async (cursor) => {
    const page = await call("certifSessions", { params: { center_id: centerId }, query: { cursor, limit: 50 } });
    return { items: page.sessions, next: page.next_cursor };
  }, [centerId]);
  return html`<${Page} ...${frame} title=${center ? `Sessions — ${center.name}` : "Sessions"} wide>
    <div class="toolbar">
      <${CenterSwitch} centers=${centers.data} current=${centerId} />
      <a class="button" href=${`#/centre/${centerId}/nouvelle-session`}>Créer une session</a>
    </div>
    ${!pages.items.length && !pages.loading && !pages.error
      ? html`<${Notice}>Aucune session pour l'instant : créez la première.<//>`
      : pages.items.length > 0 &&
        html`<table class="table">
          <caption class="visually-hidden">Sessions du centre, par date</caption>
          <thead><tr>
            <th scope="col">N°</th><th scope="col">Date</th><th scope="col">Heure</th>
            <th scope="col">Site et salle</th><th scope="col">Surveillant(s)</th>
            <th scope="col" class="number">Candidats</th><th scope="col">Statut</th>
          </tr></thead>
          <tbody>
            ${pages.items.map(
              (s) => html`<tr>
                <td><a href=${`#/session/${s.id}`}>${s.id}<span class="visually-hidden"> — ${s.name || "session"} du ${formatDate(s.date)}</span></a></td>
                <td>${formatDate(s.date)}</td>
                <td>${hours(s.time)}</td>
                <td>${s.address} — ${s.room}${s.name ? html`<br /><span class="muted">${s.name}</span>` : ""}</td>
                <td>${s.examiner}</td>
                <td class="number">${formatNumber(s.candidate_count)}</td>
                <td><${Status} status=${s.status} />${s.finalization_overdue
                  ? html`<br /><span class="status status--late" data-code="FINALIZATION_OVERDUE">Finalisation en retard</span>`
                  : ""}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <${MoreBelow} pages=${pages} label="Afficher les sessions suivantes" />
  <//>`;
}

const REQUIRED = {
  address: "Saisissez le nom du site.",
  room: "Saisissez la salle.",
  date: "Saisissez la date de la session.",
  time: "Saisissez l'heure de début.",
  examiner: "Saisissez le nom du ou des surveillants.",
};
const NO_SUCH_DAY = "Saisissez une date réelle, au format JJ/MM/AAAA (par exemple 15/03/2027).";
const NO_SUCH_TIME = "Saisissez une heure au format HH:MM (par exemple 09:00).";
// Refusals of the API that concern one field.
export const SESSION_CODE_FIELDS = {
  SESSION_OUTSIDE_WINDOW: "date",
  SESSION_IN_THE_PAST: "date",
};

/** The values of the form as the API takes them, or the errors by field. */
export function scheduleOf(values) {
  const errors = missing(values, REQUIRED);
  const date = parseFrenchDate(values.date);
  if (values.date.trim() && !date) errors.date = NO_SUCH_DAY;
  const time = /^\s*(\d{1,2})\s*[:h]\s*(\d{2})\s*$/.exec(values.time);
  if (values.time.trim() && (!time || Number(time[1]) > 23 || Number(time[2]) > 59)) errors.time = NO_SUCH_TIME;
  if (Object.keys(errors).length) return { errors };
  const body = {
    address: values.address.trim(),
    room: values.room.trim(),
    name: values.name.trim() || null,
    date,
    time: `${time[1].padStart(2, "0")}:${time[2]}`,
    examiner: values.examiner.trim(),
    description: values.description.trim() || null,
  };
  return { errors, body };
}

export function formValues(session) {
  return {
    address: session?.address || "",
    room: session?.room || "",
    name: session?.name || "",
    date: session ? formatDate(session.date) : "",
    time: session ? hours(session.time) : "",
    examiner: session?.examiner || "",
    description: session?.description || "",
  };
}

export function SessionFields({ form }) {
  const { values, set, errors } = form;
  const field = (name, label, extra = {}) => html`<${Field} name=${name} label=${label}
    value=${values[name]} onInput=${set(name)} error=${errors[name]} ...${extra} />`;
  return html`
    ${field("address", "Nom du site", { autocomplete: "off", maxlength: 200 })}
    ${field("room", "Salle", { autocomplete: "off", maxlength: 200 })}
    ${field("name", "Nom de la session (facultatif)", { maxlength: 200 })}
    <div class="field-row">
      ${field("date", "Date", { hint: "Format : JJ/MM/AAAA", inputmode: "numeric", maxlength: 10 })}
      ${field("time", "Heure de début (heure de Paris)", { hint: "Format : HH:MM", inputmode: "numeric", maxlength: 5 })}
    </div>
    ${field("examiner", "Surveillant(s)", { hint: "Séparez les noms par des virgules : un surveillant pour 20 candidats.", maxlength: 200 })}
    <${TextArea} name="description" label="Observations (facultatif)" value=${values.description}
      onInput=${set("description")} error=${errors.description} maxlength="2000" />
  `;
}

export function NewSessionPage({ centerId, frame }) {
  const form = useForm(formValues(null), `session.new.${centerId}`);
  const submit = async (event) => {
    event.preventDefault();
    const { errors, body } = scheduleOf(form.values);
    if (!body) return form.showError({ fieldErrors: errors, message: null });
    const created = await form.submit(
      () => call("certifCreateSession", { params: { center_id: centerId }, body }),
      SESSION_CODE_FIELDS,
    );
    if (created) navigate(`/session/${created.id}`);
  };
  return html`<${Page} ...${frame} title="Créer une session">
    <p><a href=${`#/centre/${centerId}`}>← Retour aux sessions</a></p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${SessionFields} form=${form} />
      <button class="button" type="submit" disabled=${form.busy}>Créer la session</button>
    </form>
  <//>`;
}
