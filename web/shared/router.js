// Hash routes (#/profil, #/evaluation/abc): static hosting needs no rewrite rules for them.
import { useEffect, useState } from "./ui.js";

export function currentPath() {
  return location.hash.replace(/^#/, "") || "/";
}

export function navigate(path, { replace = false } = {}) {
  const target = `#${path}`;
  if (replace) history.replaceState(null, "", target);
  else if (location.hash !== target) history.pushState(null, "", target);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

export function usePath() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener("hashchange", update);
    window.addEventListener("popstate", update);
    // A navigation made while the first render ran (a redirect to the home page) came before
    // these listeners: read the address once more.
    update();
    return () => {
      window.removeEventListener("hashchange", update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/** The first route whose pattern ("/evaluation/:id") matches, with its parameters. */
export function match(routes, path) {
  for (const [pattern, page] of routes) {
    const names = [];
    const regex = new RegExp(
      `^${pattern.replace(/:(\w+)/g, (_, n) => (names.push(n), "([^/]+)"))}/?$`,
    );
    const found = regex.exec(path);
    if (found) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])]));
      return { page, params };
    }
  }
  return null;
}
