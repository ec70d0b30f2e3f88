// An app: its routes, the login gate (back to the same page after login) and the frame.
import { LogInForm, SignUpForm } from "./account.js";
import { Page } from "./layout.js";
import { match, navigate, usePath } from "./router.js";
import { currentSession, endSession, onSessionChange } from "./session.js";
import { html, render, useEffect, useState } from "./ui.js";

const RETURN_KEY = "pixcert.return";

/** `routes`: [pattern, Page] shown to a logged-in person; everyone else gets the login form,
 * then lands where they were going. */
export function startApp({ app, routes, home, nav = [], signUp = true }) {
  function App() {
    const path = usePath();
    const [session, setSession] = useState(currentSession());
    const [reason, setReason] = useState(null);
    useEffect(
      () =>
        onSessionChange((why) => {
          setSession(currentSession());
          setReason(why);
        }),
      [],
    );
    const logOut = () => endSession(null);
    const done = (fresh) => {
      setSession(fresh);
      setReason(null);
      const back = sessionStorage.getItem(RETURN_KEY);
      sessionStorage.removeItem(RETURN_KEY);
      navigate(back && !back.startsWith("/inscription") ? back : home, { replace: true });
    };
    if (!session) {
      if (signUp && path === "/inscription") {
        return html`<${Page} app=${app} title="Créer un compte">
          <${SignUpForm} onDone=${done} logInHref="#/connexion" />
        <//>`;
      }
      if (path !== "/connexion" && path !== "/") sessionStorage.setItem(RETURN_KEY, path);
      return html`<${Page} app=${app} title="Connexion">
        <${LogInForm} reason=${reason} onDone=${done} signUpHref=${signUp && "#/inscription"} />
      <//>`;
    }
    // An unknown path shows the home page at once (a hashchange fired now could come before
    // usePath listens for it, and leave the page empty).
    const shown = match(routes, path) ? path : home;
    if (shown !== path) history.replaceState(null, "", `#${home}`);
    const found = match(routes, shown);
    const links = nav.map((item) => ({ ...item, current: shown.startsWith(item.href.slice(1)) }));
    const frame = { app, user: session.user, onLogOut: logOut, nav: links };
    return html`<${found.page} key=${shown} ...${found.params} session=${session} frame=${frame} />`;
  }
  const root = document.getElementById("app");
  root.textContent = "";
  render(html`<${App} />`, root);
}
