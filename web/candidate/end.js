// The end screen: « Vous avez presque terminé — Appelez le surveillant », and the checkbox the
// candidate ticks once the examiner has seen it.
import { callUntilAnswered } from "../shared/api.js";
import { Notice, Page } from "../shared/layout.js";
import { html, useState } from "../shared/ui.js";

const WHY = {
  ended_by_supervisor: "Le surveillant a arrêté votre test.",
};

export function EndScreen({ frame, courseId, course, notice }) {
  const [confirmed, setConfirmed] = useState(course.end_screen_confirmed);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(null);
  const [error, setError] = useState(null);
  const tick = async (event) => {
    if (!event.currentTarget.checked || confirmed) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await callUntilAnswered(
        "confirmEndScreen",
        { params: { course_id: courseId } },
        (failure, seconds) => setWaiting(`${failure.message} Nouvel essai dans ${seconds} s.`),
      );
      setConfirmed(reply.end_screen_confirmed);
    } catch (failure) {
      setError(failure.message);
    } finally {
      setWaiting(null);
      setBusy(false);
    }
  };
  const why = WHY[course.state] || (course.timed_out ? "Le temps imparti est écoulé : les questions restantes ont été passées." : null);
  return html`<${Page} ...${frame} title="Vous avez presque terminé">
    <div class="end-screen">
      <p class="end-screen__call">Appelez le surveillant</p>
      <p>Levez la main : le surveillant doit voir cet écran avant que vous ne partiez.</p>
      ${notice && html`<p>${notice}</p>`}
      ${why && html`<p>${why}</p>`}
    </div>
    <${Notice} kind="warning">${waiting}<//>
    <${Notice} kind="error">${error}<//>
    <div class="end-screen__check choice">
      <input type="checkbox" id="surveillant-vu" checked=${confirmed || busy} disabled=${confirmed || busy}
        onChange=${tick} />
      <label for="surveillant-vu">Le surveillant a bien vu cet écran</label>
    </div>
    ${confirmed && html`<${Notice} kind="success">Merci : votre test de certification est terminé. Vos résultats seront publiés sur votre compte Pix.<//>`}
  <//>`;
}
