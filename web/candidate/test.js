// The certification test: « La certification se génère », then question k of N against the
// server's clock, no way back, each answer kept until the server confirmed it; the end screen.
import { call, callUntilAnswered } from "../shared/api.js";
import { Challenge } from "../shared/challenge.js";
import { Loading, Notice, Page } from "../shared/layout.js";
import { usePoll } from "../shared/poll.js";
import { drafts } from "../shared/session.js";
import { html, useEffect, useRef, useState } from "../shared/ui.js";
import { Countdown, serverClock } from "./countdown.js";
import { EndScreen } from "./end.js";

// The course moved on without this tab (another tab, an earlier click that did arrive).
const STALE = new Set(["CHALLENGE_NOT_CURRENT", "ANSWER_ALREADY_GIVEN"]);
// The test is over: what is left is the end screen.
const OVER = new Set(["COURSE_ENDED", "CERTIFICATION_TIME_OVER"]);
// While a question is shown, the course is read again now and then: the examiner may have
// ended the test, and the time left is set again from the server's.
const RESYNC_SECONDS = 20;

export function TestPage({ courseId, frame }) {
  const [view, setView] = useState({ phase: "loading" });
  const [clock, setClock] = useState(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(null);
  const [notice, setNotice] = useState(null);
  const live = useRef(true);
  useEffect(() => () => (live.current = false), []);
  const params = { course_id: courseId };
  const show = (next) => live.current && setView(next);
  const onWait = (failure, seconds) =>
    live.current && setWaiting(`${failure.message} Nouvel essai dans ${seconds} s.`);

  /** Where the course stands on the server, shown. */
  const refresh = async () => {
    try {
      const course = await callUntilAnswered("course", { params }, onWait);
      setWaiting(null);
      if (course.state === "generating") {
        show({ phase: "generating" });
        setTimeout(() => live.current && refresh(), (course.retry_after_seconds || 1) * 1000);
        return;
      }
      if (course.state === "refused") return show({ phase: "refused", refusal: course.refusal });
      if (course.end_screen) return show({ phase: "end", course });
      const question = await callUntilAnswered("courseQuestion", { params }, onWait);
      setWaiting(null);
      if (!question) return refresh();
      setClock(serverClock(question.remaining_seconds));
      show({ phase: "question", question });
    } catch (failure) {
      setWaiting(null);
      show({ phase: "error", error: failure });
    }
  };
  useEffect(() => {
    refresh();
  }, [courseId]);

  usePoll(view.phase === "question" ? RESYNC_SECONDS : null, async () => {
    try {
      const course = await call("course", { params });
      if (course.end_screen) return refresh();
      if (course.remaining_seconds !== null) setClock(serverClock(course.remaining_seconds));
    } catch {
      // The next answer says what went wrong; the countdown goes on from the last reading.
    }
  });

  const answer = async (given) => {
    const { question } = view;
    const challengeId = question.challenge.challenge_id;
    setBusy(true);
    setNotice(null);
    try {
      const reply = await callUntilAnswered(
        "courseAnswer",
        { params, body: { challenge_id: challengeId, ...given } },
        onWait,
      );
      drafts.clear(draftKey(courseId, challengeId));
      setWaiting(null);
      if (reply.completed || !reply.next) {
        await refresh();
      } else {
        setClock(serverClock(reply.next.remaining_seconds));
        show({ phase: "question", question: reply.next });
      }
    } catch (failure) {
      setWaiting(null);
      if (STALE.has(failure.code) || OVER.has(failure.code)) {
        setNotice(failure.message);
        await refresh();
      } else {
        setNotice(failure.message);
      }
    } finally {
      if (live.current) setBusy(false);
    }
  };

  if (view.phase === "end") {
    return html`<${EndScreen} frame=${frame} courseId=${courseId} course=${view.course} notice=${notice} />`;
  }
  return html`<${Page} ...${frame} title="Test de certification">
    <${Notice} kind="warning">${waiting}<//>
    ${body(view, { clock, busy, notice, answer, refresh, courseId })}
  <//>`;
}

function body(view, { clock, busy, notice, answer, refresh, courseId }) {
  if (view.phase === "loading") return html`<${Loading} />`;
  if (view.phase === "generating") {
    return html`<div class="waiting" role="status">
      <p class="waiting__title">La certification se génère</p>
      <p>Vos questions sont choisies d'après votre profil : cela prend quelques secondes.</p>
    </div>`;
  }
  if (view.phase === "refused") return html`<${Notice} kind="info">${view.refusal.message}<//>`;
  if (view.phase === "error") {
    return html`<${Notice} kind="error">
      <p>${view.error.message}</p>
      <button type="button" class="button button--secondary" onClick=${refresh}>Réessayer</button>
    <//>`;
  }
  const { question } = view;
  return html`
    <${Countdown}
      clock=${clock}
      deadline=${question.deadline}
      number=${question.question_number}
      count=${question.question_count}
      onOver=${refresh}
    />
    <${Notice} kind="error">${notice}<//>
    <${Challenge}
      challenge=${question.challenge}
      number=${question.question_number}
      count=${question.question_count}
      draftKey=${draftKey(courseId, question.challenge.challenge_id)}
      busy=${busy}
      onAnswer=${answer}
    />
    <p class="exam-note">Une réponse validée ou une question passée est définitive : on ne revient pas en arrière.</p>
  `;
}

function draftKey(courseId, challengeId) {
  return `course.${courseId}.${challengeId}`;
}
