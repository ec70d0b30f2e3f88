// Data a page needs before it can show anything, with the French error if it cannot be had.
import { html, useEffect, useState } from "./ui.js";
import { Loading, Notice } from "./layout.js";

export function useLoad(load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1), set: (data) => setState({ data, error: null, loading: false }) };
}

/** Loading, the error with « Réessayer », or the page itself. */
export function Loaded({ state, children }) {
  if (state.loading && !state.data) return html`<${Loading} />`;
  if (state.error) {
    return html`<${Notice} kind="error">
        <p>${state.error.message}</p>
        <button type="button" class="button button--secondary" onClick=${state.reload}>Réessayer</button>
      <//>`;
  }
  return children(state.data);
}
