// One challenge as a learner answers it: QCU, QCM, QROC, QROCM-ind, QROCM-dep, with its image,
// embedded application, file to download and timer; « Valider » or « Je passe ».
import { FieldError } from "./forms.js";
import { formatCountdown, formatDuration } from "./format.js";
import { drafts } from "./session.js";
import { html, useEffect, useRef, useState } from "./ui.js";

const CHOICE = new Set(["QCU", "QCM"]);

/** The answer the API expects for what was typed, or null when nothing was. */
export function answerValue(challenge, draft) {
  if (challenge.type === "QCU") return draft.choice ? Number(draft.choice) : null;
  if (challenge.type === "QCM") {
    const chosen = (draft.choices || []).map(Number).sort((a, b) => a - b);
    return chosen.length ? chosen : null;
  }
  const texts = draft.texts || {};
  if (challenge.type === "QROC") {
    const text = texts[challenge.fields[0].name] || "";
    return text.trim() ? text : null;
  }
  const value = Object.fromEntries(challenge.fields.map((f) => [f.name, texts[f.name] || ""]));
  return Object.values(value).some((t) => t.trim()) ? value : null;
}

/** `onAnswer({value})` or `onAnswer({skip: true})` returns once the server confirmed it; until
 * then the buttons wait and what was typed stays (also in a draft, across a reload). */
export function Challenge({ challenge, number, count, draftKey, onAnswer, busy, children }) {
  const [draft, setDraft] = useState(() => drafts.get(draftKey) || {});
  const [error, setError] = useState(null);
  const heading = useRef(null);
  useEffect(() => {
    setDraft(drafts.get(draftKey) || {});
    setError(null);
    heading.current?.focus();
  }, [challenge.challenge_id]);

  const update = (change) => {
    const next = { ...draft, ...change };
    setDraft(next);
    drafts.set(draftKey, next);
    setError(null);
  };
  const submit = (event) => {
    event.preventDefault();
    if (busy) return;
    const value = answerValue(challenge, draft);
    if (value === null) {
      setError(
        CHOICE.has(challenge.type)
          ? "Choisissez une réponse, ou cliquez sur « Je passe »."
          : "Saisissez une réponse, ou cliquez sur « Je passe ».",
      );
      document.getElementById("reponse-1")?.focus();
      return;
    }
    onAnswer({ value });
  };
  const skip = () => busy || onAnswer({ skip: true });

  return html`
    <form
      class="challenge"
      data-challenge=${challenge.challenge_id}
      lang=${challenge.locale}
      onSubmit=${submit}
      aria-busy=${busy ? "true" : "false"}
      noValidate
    >
      <h2 class="challenge__number" tabindex="-1" ref=${heading}>
        Question ${number}${count ? ` sur ${count}` : ""}
      </h2>
      ${children}
      ${challenge.timer && html`<${Timer} key=${challenge.challenge_id} seconds=${challenge.timer} left=${challenge.timer_remaining_seconds} />`}
      <div class="challenge__instruction" id="consigne">${paragraphs(challenge.instruction)}</div>
      <${Media} challenge=${challenge} />
      <${Answer} challenge=${challenge} draft=${draft} update=${update} error=${error} />
      <div class="challenge__actions">
        <button type="button" class="button button--secondary" onClick=${skip} disabled=${busy}>
          Je passe
        </button>
        <button type="submit" class="button" disabled=${busy}>
          ${busy ? "Envoi…" : "Valider"}
        </button>
      </div>
    </form>
  `;
}

export function paragraphs(text) {
  return text
    .split(/\n{2,}/)
    .map((block) => html`<p>${block.split("\n").flatMap((line, i) => (i ? [html`<br />`, line] : [line]))}</p>`);
}

function Media({ challenge }) {
  const { image, embed, attachment } = challenge;
  return html`
    ${image &&
    html`<figure class="challenge__image">
      <img src=${image.url} alt=${image.label} />
    </figure>`}
    ${embed &&
    html`<div class="challenge__embed">
      <iframe src=${embed.url} title=${embed.label} sandbox="allow-scripts allow-forms"></iframe>
      <p>
        <a href=${embed.url} target="_blank" rel="noopener noreferrer"
          >Ouvrir « ${embed.label} » dans un nouvel onglet</a
        >
      </p>
    </div>`}
    ${attachment &&
    html`<p class="challenge__attachment">
      <a href=${attachment.url} download rel="noopener noreferrer"
        >Télécharger le fichier : ${attachment.label}</a
      >
    </p>`}
  `;
}

function Answer({ challenge, draft, update, error }) {
  const errorId = "reponse-erreur";
  const invalid = error ? "true" : undefined;
  if (CHOICE.has(challenge.type)) {
    const single = challenge.type === "QCU";
    const chosen = new Set((draft.choices || []).map(String));
    return html`
      <fieldset class="challenge__answer" aria-describedby=${error ? errorId : undefined}>
        <legend>${single ? "Une seule réponse possible" : "Plusieurs réponses possibles"}</legend>
        ${challenge.proposals.map((text, i) => {
          const value = String(i + 1);
          const checked = single ? draft.choice === value : chosen.has(value);
          const toggle = () =>
            single
              ? update({ choice: value })
              : update({ choices: checked ? [...chosen].filter((c) => c !== value) : [...chosen, value] });
          return html`<div class="choice">
            <input
              type=${single ? "radio" : "checkbox"}
              id=${`reponse-${value}`}
              name="reponse"
              value=${value}
              checked=${checked}
              onChange=${toggle}
              aria-invalid=${invalid}
            />
            <label for=${`reponse-${value}`}>${text}</label>
          </div>`;
        })}
        <${FieldError} id=${errorId} error=${error} />
      </fieldset>
    `;
  }
  const texts = draft.texts || {};
  return html`
    <div class="challenge__answer">
      ${challenge.fields.map(
        (field, i) => html`<div class="field">
          <label for=${`reponse-${i + 1}`}>${field.label || "Votre réponse"}</label>
          <input
            id=${`reponse-${i + 1}`}
            type="text"
            autocomplete="off"
            spellcheck="false"
            maxlength="500"
            value=${texts[field.name] || ""}
            onInput=${(e) => update({ texts: { ...texts, [field.name]: e.currentTarget.value } })}
            aria-invalid=${invalid}
            aria-describedby=${error ? errorId : undefined}
          />
        </div>`,
      )}
      <${FieldError} id=${errorId} error=${error} />
    </div>
  `;
}

/** The challenge's own timer (placement only: the server decides whether the answer came late).
 * It starts from the server's seconds left when it gives them (a reload does not reset it). */
function Timer({ seconds, left: fromServer }) {
  const start = fromServer ?? seconds;
  const started = useRef(performance.now());
  const [left, setLeft] = useState(start);
  useEffect(() => {
    const tick = setInterval(() => {
      const remaining = start - (performance.now() - started.current) / 1000;
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) clearInterval(tick);
    }, 500);
    return () => clearInterval(tick);
  }, [start]);
  return html`
    <div class=${left > 0 ? "timer" : "timer timer--over"}>
      <p>
        Question chronométrée : ${formatDuration(seconds)}. Une réponse donnée après ce délai ne
        compte pas.
      </p>
      <p role="timer" aria-live="off">
        Temps restant : <strong>${formatCountdown(left)}</strong>
      </p>
      ${left <= 0 && html`<p role="status">Le temps est écoulé : vous pouvez encore répondre ou passer.</p>`}
    </div>
  `;
}
