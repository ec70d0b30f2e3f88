// « Certification »: the certifiable check, the session number with names and birthdate, then
// waiting for the examiner and the access code.
import { call } from "../shared/api.js";
import { checkIdentity, Field, IdentityFields, useForm } from "../shared/forms.js";
import { Loading, Notice, Page } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { navigate } from "../shared/router.js";
import { html, useEffect, useState } from "../shared/ui.js";
import { usePoll } from "../shared/poll.js";

const TITLE = "Certification";
const SESSION_NUMBER = /^\d{1,12}$/;
const SEAT_POLL_SECONDS = 3;
// Codes whose message says what to do about the whole form, not about one field.
const JOIN_FIELDS = { INVALID_SESSION_NUMBER: "session_id" };

/** A profile that is not certifiable sees DOMAIN.md's message, and nothing else. */
export function JoinPage({ frame }) {
  const profile = useLoad(() => call("myProfile"));
  return html`<${Page} ...${frame} title=${TITLE}>
    <${Loaded} state=${profile}>
      ${(p) => (p.certifiable ? html`<${JoinForm} />` : html`<${Notice} kind="info">${p.message}<//>`)}
    <//>
  <//>`;
}

function JoinForm() {
  const form = useForm({ session_id: "", first_name: "", last_name: "", birthdate: "" }, "certification.join");
  const { values, set, errors } = form;
  const submit = async (event) => {
    event.preventDefault();
    const { errors: found, birthdate } = checkIdentity(values, {
      session_id: "Saisissez le numéro de session donné par le surveillant.",
    });
    const number = values.session_id.replace(/\s+/g, "");
    if (number && !SESSION_NUMBER.test(number)) {
      found.session_id = "Le numéro de session ne contient que des chiffres (par exemple 12345).";
    }
    if (Object.keys(found).length) return form.showError({ fieldErrors: found, message: null });
    const seat = await form.submit(
      (v) =>
        call("joinSession", {
          params: { session_id: number },
          body: { first_name: v.first_name.trim(), last_name: v.last_name.trim(), birthdate },
        }),
      JOIN_FIELDS,
    );
    if (seat) navigate(`/certification/${seat.session_id}`);
  };
  return html`
    <p>Saisissez les informations données par le surveillant et vos nom et prénom tels qu'ils sont écrits sur la feuille d'émargement.</p>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="session_id" label="Numéro de session" inputmode="numeric" autocomplete="off"
        hint="Il est affiché dans la salle ou donné par le surveillant."
        value=${values.session_id} onInput=${set("session_id")} error=${errors.session_id} />
      <${IdentityFields} form=${form} />
      <button class="button" type="submit" disabled=${form.busy}>Rejoindre la session</button>
    </form>
  `;
}

/** The candidate's place: waiting for the examiner (polled), then the access code. */
export function SeatPage({ sessionId, frame }) {
  const seat = useLoad(() => call("mySeat", { params: { session_id: sessionId } }), [sessionId]);
  const s = seat.data;
  const waiting = s && s.state !== "ended_by_examiner" && (s.locked || !s.authorized_at);
  usePoll(
    waiting ? SEAT_POLL_SECONDS : null,
    () => call("mySeat", { params: { session_id: sessionId } }).then(seat.set, () => {}),
  );
  const lost = seat.error && seat.error.status === 404;
  return html`<${Page} ...${frame} title=${`Session n° ${sessionId}`}>
    ${lost && html`<p><a href="#/certification">Saisir à nouveau le numéro de session et mon identité</a></p>`}
    <${Loaded} state=${seat}>
      ${(s) => html`<${Seat} seat=${s} onSeat=${seat.set} />`}
    <//>
  <//>`;
}

function Seat({ seat, onSeat }) {
  if (seat.state === "ended_by_examiner") {
    return html`<${Notice} kind="info">Votre test a été arrêté par le surveillant.<//>`;
  }
  if (seat.locked) {
    return html`<${Notice} kind="error">
      <p>Trop de codes d'accès erronés : appelez le surveillant pour qu'il vous débloque.</p>
      <p>Cette page se met à jour dès qu'il l'a fait.</p>
    <//>`;
  }
  if (!seat.authorized_at) {
    return html`<div class="waiting" role="status">
      <p class="waiting__title">En attente du surveillant</p>
      <p>Vous avez rejoint la session. Le surveillant doit maintenant autoriser votre entrée : restez sur cette page, elle se met à jour toute seule.</p>
    </div>`;
  }
  return html`<${AccessCodeForm} seat=${seat} onSeat=${onSeat} />`;
}

function AccessCodeForm({ seat, onSeat }) {
  // No draft: the access code is the room's, it never goes to storage.
  const form = useForm({ access_code: "" });
  const { values, set, errors } = form;
  const [attemptsLeft, setAttemptsLeft] = useState(null);
  const resuming = Boolean(seat.course_id);
  useEffect(() => document.getElementById("champ-access_code")?.focus(), []);
  const submit = async (event) => {
    event.preventDefault();
    const code = values.access_code.replace(/\s+/g, "");
    if (!code) {
      return form.showError({
        fieldErrors: { access_code: "Saisissez le code d'accès donné par le surveillant." },
        message: null,
      });
    }
    setAttemptsLeft(null);
    const started = await form.submit(async () => {
      try {
        return await call("startTest", { params: { session_id: seat.session_id }, body: { access_code: code } });
      } catch (failure) {
        if (failure.code === "WRONG_ACCESS_CODE") setAttemptsLeft(failure.details.attempts_left ?? null);
        if (["CANDIDATE_LOCKED", "NOT_AUTHORIZED_YET", "TEST_ENDED"].includes(failure.code)) {
          call("mySeat", { params: { session_id: seat.session_id } }).then(onSeat, () => {});
        }
        throw failure;
      }
    }, { WRONG_ACCESS_CODE: "access_code" });
    if (started) navigate(`/test/${started.course_id}`, { replace: true });
  };
  const hint = attemptsLeft !== null
    ? `Il vous reste ${attemptsLeft} essai${attemptsLeft > 1 ? "s" : ""}.`
    : "6 caractères, en majuscules ou en minuscules.";
  return html`
    <${Notice} kind="success">
      ${resuming ? "Vous pouvez reprendre votre test là où il s'est arrêté." : "Le surveillant vous a autorisé à commencer."}
    <//>
    <form class="form" onSubmit=${submit} noValidate>
      <${Notice} kind="error">${form.formError}<//>
      <${Field} name="access_code" label="Code d'accès" autocomplete="off" autocapitalize="characters"
        spellcheck="false" maxlength="20" hint=${hint}
        value=${values.access_code} onInput=${set("access_code")} error=${errors.access_code} />
      <button class="button" type="submit" disabled=${form.busy}>
        ${resuming ? "Reprendre mon test" : "Commencer le test"}
      </button>
    </form>
    ${form.busy && html`<${Loading} label="Vérification du code…" />`}
  `;
}
