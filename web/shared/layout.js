// The frame of every page: skip link, header, one <main>, the page title, focus on arrival.
import { html, useEffect, useRef } from "./ui.js";

/** `title` becomes the <h1> and the tab's title; on arrival the focus goes to the <h1> (unless
 * the page put it somewhere inside), so a screen reader announces the new page and the keyboard
 * starts from its top. */
export function Page({ app, title, user, onLogOut, nav = [], children, wide = false }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} — ${app}`;
    // A part of the page that took the focus itself (a question's heading) keeps it.
    const main = heading.current?.parentElement;
    if (main && !main.contains(document.activeElement)) heading.current.focus();
  }, [title, app]);
  return html`
    <a class="skip-link" href="#contenu" onClick=${skipTo}>Aller au contenu</a>
    <header class="site-header">
      <div class="site-header__inner">
        <p class="brand"><span class="brand__mark" aria-hidden="true">Pix</span> ${app}</p>
        ${nav.length || user
          ? html`<nav aria-label="Navigation principale" class="site-nav">
              <ul>
                ${nav.map(
                  (item) =>
                    html`<li>
                      <a href=${item.href} aria-current=${item.current ? "page" : undefined}
                        >${item.label}</a
                      >
                    </li>`,
                )}
                ${user &&
                html`<li class="site-nav__user">
                  <span>${user.first_name} ${user.last_name}</span>
                  <button type="button" class="button button--link" onClick=${onLogOut}>
                    Se déconnecter
                  </button>
                </li>`}
              </ul>
            </nav>`
          : null}
      </div>
    </header>
    <main id="contenu" class=${wide ? "page page--wide" : "page"}>
      <h1 tabindex="-1" ref=${heading}>${title}</h1>
      ${children}
    </main>
    <footer class="site-footer">
      <p>pixcert — certification Pix des établissements scolaires</p>
    </footer>
  `;
}

function skipTo(event) {
  event.preventDefault();
  document.getElementById("contenu")?.querySelector("h1")?.focus();
}

/** A message for everyone, announced by screen readers (role=alert for errors). */
export function Notice({ kind = "info", children, id }) {
  if (!children) return null;
  const role = kind === "error" ? "alert" : "status";
  return html`<div id=${id} class=${`notice notice--${kind}`} role=${role}>${children}</div>`;
}

export function Loading({ label = "Chargement…" }) {
  return html`<p class="loading" role="status">${label}</p>`;
}
