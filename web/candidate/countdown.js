// The time left, as the server counts it: each reading of the server's `remaining_seconds` is
// anchored to the browser's monotonic clock, never to its date and time (which may be wrong).
import { formatCountdown, formatDuration, formatTime } from "../shared/format.js";
import { html, useEffect, useRef, useState } from "../shared/ui.js";

// Said to screen readers once, as the time left goes below each of these (seconds).
const WARNINGS = [15 * 60, 5 * 60, 60];

/** A reading of the server's time left, taken now. */
export function serverClock(remainingSeconds) {
  return { remaining: remainingSeconds, at: performance.now() };
}

export function secondsLeft(clock) {
  return clock.remaining - (performance.now() - clock.at) / 1000;
}

/** Question k of N and the time left; `onOver()` once it reaches zero (the server then closes
 * the test and skips what is left). */
export function Countdown({ clock, deadline, number, count, onOver }) {
  const [, setTick] = useState(0);
  const said = useRef(null);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, secondsLeft(clock));
  const over = left <= 0;
  useEffect(() => {
    if (over) onOver();
  }, [over]);
  const warning = WARNINGS.find((w) => left <= w && left > w - 60);
  if (warning && said.current !== warning) said.current = warning;
  return html`<div class=${left <= 300 ? "exam-bar exam-bar--late" : "exam-bar"}>
    <div class="exam-bar__progress">
      <label for="progression">Question ${number} sur ${count}</label>
      <progress id="progression" max=${count} value=${number - 1}>${number - 1} sur ${count}</progress>
    </div>
    <div class="exam-bar__time">
      <p role="timer" aria-live="off" aria-atomic="true">
        Temps restant : <strong class="exam-bar__clock">${formatCountdown(left)}</strong>
      </p>
      <p class="exam-bar__deadline">Fin du test à ${formatTime(deadline)}</p>
      <p class="visually-hidden" role="status">
        ${said.current ? `Il reste moins de ${formatDuration(said.current)}.` : ""}
      </p>
    </div>
  </div>`;
}
