// The API client: every call names an operation of operations.json (or of an app's own
// operations.json, declared by the app), whose routes and fields a test checks against the
// services' OpenAPI documents (tests/unit/web/test_api_client.py).
import { apis } from "../config.js";
import shared from "./operations.json" with { type: "json" };
import { currentSession, endSession } from "./session.js";

const NETWORK_MESSAGE =
  "Le serveur ne répond pas. Vérifiez la connexion à Internet : rien de ce que vous avez saisi n'est perdu.";
// The token is gone or stale: the person logs in again (and finds their drafts).
const SESSION_CODES = new Set(["TOKEN_EXPIRED", "TOKEN_INVALID", "UNAUTHENTICATED"]);
const SERVER_MESSAGE = "Le service rencontre un problème. Réessayez dans quelques instants.";

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }

  /** A cut network, a gateway or a throttle: the same request may succeed later. */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 502;
  }

  /** Field name → French message, from the edge's validation details. */
  get fieldErrors() {
    const fields = {};
    for (const f of this.details.fields || []) {
      const name = String(f.field || "").split(".").pop();
      if (name && !fields[name]) fields[name] = f.message;
    }
    return fields;
  }
}

const operations = { ...shared };

/** An app's own operations (web/<app>/operations.json), beside the shared ones: a name means
 * one route everywhere. */
export function declareOperations(more) {
  for (const [name, op] of Object.entries(more)) {
    if (name in operations && JSON.stringify(operations[name]) !== JSON.stringify(op)) {
      throw new Error(`opération déclarée deux fois : ${name}`);
    }
    operations[name] = op;
  }
}

export function operation(name) {
  const op = operations[name];
  if (!op) throw new Error(`opération inconnue : ${name}`);
  return op;
}

/** The address of operation `name`: `params` fill the path, `query` the query string. */
export function operationUrl(name, params = {}, query) {
  const op = operation(name);
  return apis[op.service] + fillPath(op.path, params) + queryString(query);
}

/** Calls operation `name`: `params` fill the path, `body` may only hold the fields it sends;
 * `file` (a File or Blob) is the whole request body of an operation that `accepts` a file. */
export async function call(name, { params = {}, body, file, query, token } = {}) {
  const op = operation(name);
  const url = operationUrl(name, params, query);
  const headers = { Accept: "application/json" };
  const bearer = token || currentSession()?.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const init = { method: op.method, headers };
  if (body !== undefined) {
    const unknown = Object.keys(body).filter((k) => !(op.sends || []).includes(k));
    if (unknown.length) throw new Error(`${name} n'envoie pas : ${unknown.join(", ")}`);
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (file !== undefined) {
    if (!op.accepts) throw new Error(`${name} ne prend pas de fichier`);
    headers["Content-Type"] = op.accepts;
    init.body = file;
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  }
  if (op.empty && response.status === op.empty) return null;
  const data = await readJson(response);
  if (!response.ok) throw errorOf(response, data, Boolean(bearer));
  checkReads(name, op, data);
  return data;
}

/** Retries what may succeed later (network cut, 429, 5xx) with the very same request, telling
 * `onWait(error, seconds)` each time; gives up only on an answer from the server. */
export async function callUntilAnswered(name, options, onWait, sleep = wait) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call(name, options);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) throw error;
      const seconds = error.details.retry_after_seconds || Math.min(2 ** attempt, 10);
      onWait(error, seconds);
      await sleep(seconds * 1000);
    }
  }
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fillPath(path, params) {
  return path.replace(/\{(\w+)\}/g, (_, key) => {
    if (params[key] === undefined || params[key] === "") throw new Error(`paramètre ${key} manquant`);
    return encodeURIComponent(params[key]);
  });
}

function queryString(query) {
  if (!query) return "";
  const kept = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return kept.length ? `?${new URLSearchParams(kept)}` : "";
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function errorOf(response, data, hadToken) {
  const error = data && data.error;
  const status = response.status;
  if (status === 401 && hadToken && error && SESSION_CODES.has(error.code)) endSession("expired");
  if (error && error.message) {
    const details = { ...(error.details || {}) };
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (retryAfter && !details.retry_after_seconds) details.retry_after_seconds = retryAfter;
    return new ApiError(status, error.code, error.message, details);
  }
  if (status >= 500) return new ApiError(status, "SERVER", SERVER_MESSAGE);
  return new ApiError(status, "HTTP", `La demande n'a pas abouti (erreur ${status}).`);
}

/** A field the page relies on is missing: say so now rather than show an empty page. */
export function checkReads(name, op, data) {
  for (const path of op.reads || []) {
    if (!present(data, path.split("."))) {
      console.error(`${name} : champ « ${path} » absent de la réponse`);
      throw new ApiError(0, "CONTRACT", SERVER_MESSAGE, { operation: name, field: path });
    }
  }
}

function present(value, steps) {
  if (!steps.length || value === null) return true;
  const [step, ...rest] = steps;
  const isList = step.endsWith("[]");
  const key = isList ? step.slice(0, -2) : step;
  if (typeof value !== "object" || !(key in value)) return false;
  const inner = value[key];
  if (!isList) return present(inner, rest);
  return Array.isArray(inner) && inner.every((item) => present(item, rest));
}
