// Files to and from the APIs: an upload that reports its progress (fetch reports none, so
// XMLHttpRequest), a presigned PUT straight to storage, a download saved under its own name.
import { ApiError, checkReads, errorOf, operation, operationUrl } from "./api.js";
import { currentSession } from "./session.js";

const NETWORK_MESSAGE =
  "Le serveur ne répond pas. Vérifiez la connexion à Internet, puis envoyez de nouveau le fichier.";
const STORAGE_MESSAGE =
  "Le dépôt du fichier n'a pas abouti. Vérifiez la connexion à Internet, puis réessayez.";

/** Sends `file` as the raw body of operation `name`; `onProgress(sent, total)` as it goes. */
export async function upload(name, { params = {}, query, file, type, onProgress = () => {} }) {
  const op = operation(name);
  const bearer = currentSession()?.token;
  const headers = { Accept: "application/json", "Content-Type": type || file.type || "application/octet-stream" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const reply = await send(op.method, operationUrl(name, params, query), file, headers, onProgress);
  if (reply === null) throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  const data = parse(reply.text);
  if (reply.status < 200 || reply.status > 299) throw errorOf(reply, data, Boolean(bearer));
  checkReads(name, op, data);
  return data;
}

/** A PUT to a presigned storage address (no token: the address carries its signature). */
export async function putToStorage(url, file, type, onProgress = () => {}) {
  const headers = { "Content-Type": type };
  const reply = await send("PUT", url, file, headers, onProgress);
  if (reply === null || reply.status < 200 || reply.status > 299) {
    throw new ApiError(reply ? reply.status : 0, "UPLOAD_FAILED", STORAGE_MESSAGE);
  }
}

/** Fetches a file of operation `name` and saves it; the name the server gives wins. */
export async function download(name, { params = {}, query, filename } = {}) {
  const op = operation(name);
  const bearer = currentSession()?.token;
  const headers = { Accept: op.produces || "*/*" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch(operationUrl(name, params, query), { headers });
  } catch {
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  }
  if (!response.ok) throw errorOf(response, parse(await response.text()), Boolean(bearer));
  const blob = await response.blob();
  const given = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  save(blob, given ? given[1] : filename || "document");
  return { size: blob.size, filename: given ? given[1] : filename };
}

/** Something built in the page (a report as CSV) saved as a file. */
export function saveText(text, filename, type = "text/csv;charset=utf-8") {
  save(new Blob(["\ufeff", text], { type }), filename);
}

function save(blob, filename) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function send(method, url, body, headers, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        text: xhr.responseText,
        headers: { get: (key) => xhr.getResponseHeader(key) },
      });
    xhr.onerror = () => resolve(null);
    xhr.onabort = () => resolve(null);
    xhr.send(body);
  });
}

function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
