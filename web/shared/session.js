// Who is logged in, for this tab only (sessionStorage): a shared school computer forgets it when
// the tab closes. Drafts keep what a person typed across a reload or a new login.

const KEY = "pixcert.session";
const listeners = new Set();

export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    return saved && saved.token ? saved : null;
  } catch {
    return null;
  }
}

export function startSession({ access_token, expires_in, user }) {
  const session = {
    token: access_token,
    user: { id: user.id, first_name: user.first_name, last_name: user.last_name },
    birthdate: user.birthdate || null,
    expires_at: Date.now() + expires_in * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  notify(null);
  return session;
}

/** `reason` is shown on the login page: "expired" after a 401 (drafts kept for the same person),
 * null after « Se déconnecter » (drafts forgotten: the next person on this computer sees none). */
export function endSession(reason = null) {
  sessionStorage.removeItem(KEY);
  if (reason === null) {
    const keys = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i));
    for (const key of keys) if (key.startsWith(DRAFT)) sessionStorage.removeItem(key);
  }
  notify(reason);
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(reason) {
  for (const listener of listeners) listener(reason);
}

const DRAFT = "pixcert.draft.";

/** What someone typed and has not had confirmed yet, under their own name. */
function draftKey(key) {
  return `${DRAFT}${currentSession()?.user.id || "anonyme"}.${key}`;
}

export const drafts = {
  get(key) {
    try {
      return JSON.parse(sessionStorage.getItem(draftKey(key)) || "null");
    } catch {
      return null;
    }
  },
  set(key, value) {
    sessionStorage.setItem(draftKey(key), JSON.stringify(value));
  },
  clear(key) {
    sessionStorage.removeItem(draftKey(key));
  },
};
