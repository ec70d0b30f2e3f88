// What the staff's apps share (Pix Orga, Pix Certif, the jury, the académie): the account and
// its schools, actions with their own error, a confirmation dialog, lists read page by page.
import { declareOperations, call } from "./api.js";
import { Notice } from "./layout.js";
import operations from "./operations-office.json" with { type: "json" };
import { currentSession } from "./session.js";
import { html, useEffect, useRef, useState } from "./ui.js";

declareOperations(operations);

let account = null;

/** The logged-in account (role, académie, memberships), read once per login. */
export async function myAccount() {
  const token = currentSession()?.token;
  if (!account || account.token !== token) account = { token, reply: call("me") };
  try {
    return await account.reply;
  } catch (error) {
    account = null;
    throw error;
  }
}

/** The schools the account belongs to, by name, with the role held in each. */
export async function mySchools() {
  const me = await myAccount();
  const schools = await Promise.all(
    Object.entries(me.memberships).map(async ([id, role]) => ({
      ...(await call("orgaOrganization", { params: { org_id: id } })),
      role,
    })),
  );
  return schools.sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** `run(action)` keeps the action's French error and a busy flag; returns its result. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A modal question (the native <dialog>: focus kept inside, Échap closes it). */
export function Confirm({ open, title, children, confirmLabel, onConfirm, onCancel, busy }) {
  const dialog = useRef(null);
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) node.showModal();
    if (!open && node.open) node.close();
  }, [open]);
  return html`<dialog ref=${dialog} class="dialog" aria-labelledby="dialogue-titre" onClose=${() => open && onCancel()}>
    <h2 id="dialogue-titre">${title}</h2>
    ${children}
    <div class="dialog__actions">
      <button type="button" class="button button--secondary" onClick=${onCancel}>Annuler</button>
      <button type="button" class="button" onClick=${onConfirm} disabled=${busy}>${confirmLabel}</button>
    </div>
  </dialog>`;
}

/** Pages of `load(cursor)` → {items, next}: the first on arrival, the next ones when the end of
 * the list comes into view (or « Afficher la suite » is pressed), never all at once. */
export function usePages(load, deps) {
  const [state, setState] = useState({ items: [], next: null, loading: true, error: null, done: false });
  const round = useRef(0);
  const fetchPage = async (cursor, reset) => {
    const mine = round.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await load(cursor);
      if (mine !== round.current) return;
      setState((s) => ({
        items: reset ? page.items : [...s.items, ...page.items],
        next: page.next,
        loading: false,
        error: null,
        done: !page.next,
      }));
    } catch (error) {
      if (mine === round.current) setState((s) => ({ ...s, loading: false, error }));
    }
  };
  useEffect(() => {
    round.current += 1;
    setState({ items: [], next: null, loading: true, error: null, done: false });
    fetchPage(null, true);
  }, deps);
  const more = () => {
    if (!state.loading && state.next) fetchPage(state.next, false);
  };
  return { ...state, more, reload: () => ((round.current += 1), fetchPage(null, true)), set: setState };
}

/** The end of a paged list: loads the next page when it scrolls into view. */
export function MoreBelow({ pages, label = "Afficher la suite", loadingLabel = "Chargement de la suite…" }) {
  const sentinel = useRef(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !pages.next || typeof IntersectionObserver === "undefined") return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) pages.more();
    }, { rootMargin: "200px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [pages.next, pages.loading]);
  return html`<div class="more" ref=${sentinel}>
    <${Notice} kind="error">${pages.error?.message}<//>
    ${pages.loading
      ? html`<p class="loading" role="status">${loadingLabel}</p>`
      : pages.next && html`<button type="button" class="button button--secondary" onClick=${pages.more}>${label}</button>`}
  </div>`;
}

/** A school picker for the header of a page: every school of the account, the current one
 * selected; choosing another opens the same page for it. */
export function SchoolSwitch({ schools, current, onChange }) {
  if (!schools || schools.length < 2) return null;
  return html`<div class="school-switch">
    <label for="choix-etablissement">Établissement</label>
    <select id="choix-etablissement" value=${current} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${schools.map((s) => html`<option value=${s.id}>${s.name} (${s.uai})</option>`)}
    </select>
  </div>`;
}

/** An upload's progress, said and shown. */
export function Progress({ value, label }) {
  return html`<div class="progress">
    <label for="progression">${label} : ${value} %</label>
    <progress id="progression" max="100" value=${value}>${value} %</progress>
  </div>`;
}
