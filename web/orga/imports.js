// Importing the students: the SIECLE file dropped or picked, sent (a big one straight to storage
// through a presigned address) with its progress, the import followed until done, its report.
import { call } from "../shared/api.js";
import { FieldError } from "../shared/forms.js";
import { formatDateTime, formatNumber } from "../shared/format.js";
import { Notice } from "../shared/layout.js";
import { Loaded, useLoad } from "../shared/load.js";
import { Progress } from "../shared/office.js";
import { navigate } from "../shared/router.js";
import { putToStorage, upload } from "../shared/transfer.js";
import { html, useEffect, useState } from "../shared/ui.js";
import { ImportReport } from "./import-report.js";
import { SchoolPage } from "./schools.js";

// Above this, the file goes to storage directly: API Gateway and Lambda take 6 MB at most.
export const PRESIGNED_FROM = 5 * 1024 * 1024;
const TYPES = { xml: "application/xml", zip: "application/zip", csv: "text/csv" };
const STATUS = {
  AWAITING_UPLOAD: "En attente du fichier",
  QUEUED: "En file d'attente",
  RUNNING: "En cours",
  DONE: "Terminé",
  FAILED: "Échoué",
};

export function typeOf(file) {
  const extension = file.name.split(".").pop().toLowerCase();
  return TYPES[extension] || file.type || "application/octet-stream";
}

export function ImportPage({ orgId, importId, frame }) {
  return html`<${SchoolPage} frame=${frame} orgId=${orgId} section="import" title="Importer les élèves (SIECLE)">
    ${importId
      ? html`<${Followed} orgId=${orgId} importId=${importId} />`
      : html`<${Sender} orgId=${orgId} onStarted=${(id) => navigate(`/etablissement/${orgId}/import/${id}`)} />
          <${Recent} orgId=${orgId} />`}
  <//>`;
}

function Sender({ orgId, onStarted, again = false }) {
  const [file, setFile] = useState(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const choose = (picked) => {
    setError(null);
    if (picked) setFile(picked);
  };
  const send = async () => {
    setError(null);
    setProgress(0);
    const params = { org_id: orgId };
    const onProgress = (sent, total) => setProgress(total ? Math.round((100 * sent) / total) : 0);
    try {
      let started;
      if (file.size > PRESIGNED_FROM) {
        const target = await call("orgaImportUploadUrl", { params });
        await putToStorage(target.upload_url, file, typeOf(file), onProgress);
        started = await call("orgaStartImport", { params: { ...params, import_id: target.import_id } });
      } else {
        started = await upload("orgaUploadImport", { params, file, type: typeOf(file), onProgress });
      }
      onStarted(started.import_id);
    } catch (failure) {
      setError(failure.message);
      setProgress(null);
    }
  };
  return html`<section aria-labelledby="envoi">
    <h2 id="envoi">${again ? "Importer un fichier corrigé" : "Le fichier des élèves"}</h2>
    <p>Dans SIECLE, exportez <strong>ElevesSansAdresses.xml</strong> (ou l'archive .zip qui le contient) ;
      un établissement agricole importe son fichier CSV. L'import est tout ou rien : si le fichier
      contient des erreurs, aucun élève n'est modifié et toutes les erreurs sont listées.</p>
    <div class=${`${over ? "dropzone dropzone--over" : "dropzone"}${error ? " field--error" : ""}`}
      onDragOver=${(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave=${() => setOver(false)}
      onDrop=${(e) => { e.preventDefault(); setOver(false); choose(e.dataTransfer.files[0]); }}>
      <p class="dropzone__title">Déposez le fichier ici, ou choisissez-le :</p>
      <label for="fichier">Fichier des élèves (XML, ZIP ou CSV)</label>
      <input id="fichier" type="file" accept=".xml,.zip,.csv,application/xml,text/xml,application/zip,text/csv"
        aria-describedby="fichier-aide fichier-erreur" onChange=${(e) => choose(e.currentTarget.files[0])} />
      <p class="muted" id="fichier-aide">Au-delà de 5 Mo, le fichier est envoyé directement au stockage.</p>
      <${FieldError} id="fichier-erreur" error=${error} />
    </div>
    ${file &&
    html`<p>Fichier choisi : <strong>${file.name}</strong> (${size(file.size)})</p>
      <button type="button" class="button" onClick=${send} disabled=${progress !== null}>Importer ce fichier</button>`}
    ${progress !== null && html`<${Progress} value=${progress} label=${`Envoi de ${file.name}`} />`}
  </section>`;
}

export function size(bytes) {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} Ko`;
  return `${formatNumber(Math.round(bytes / 104857.6) / 10)} Mo`;
}

function Followed({ orgId, importId }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    let timer;
    const poll = async () => {
      try {
        const found = await call("orgaImport", { params: { org_id: orgId, import_id: importId } });
        if (!live) return;
        setReport(found);
        setError(null);
        if (found.status !== "DONE" && found.status !== "FAILED") timer = setTimeout(poll, 1000);
      } catch (failure) {
        if (!live) return;
        setError(failure.message);
        if (failure.retryable) timer = setTimeout(poll, 3000);
      }
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [orgId, importId]);
  const finished = report && (report.status === "DONE" || report.status === "FAILED");
  return html`
    <${Notice} kind="error">${error}<//>
    ${!finished &&
    html`<p class="loading" role="status">Import ${report ? STATUS[report.status].toLowerCase() : "en préparation"}…
      ${report?.counts?.read ? ` ${formatNumber(report.counts.read)} élèves lus.` : ""}</p>`}
    ${finished && html`<${ImportReport} report=${report} />`}
    ${finished &&
    html`<${Sender} orgId=${orgId} again=${report.status === "FAILED"}
      onStarted=${(id) => navigate(`/etablissement/${orgId}/import/${id}`)} />`}
    <p><a href=${`#/etablissement/${orgId}/import`}>Voir les derniers imports</a></p>
  `;
}

function Recent({ orgId }) {
  const state = useLoad(() => call("orgaImports", { params: { org_id: orgId } }), [orgId]);
  return html`<section aria-labelledby="derniers">
    <h2 id="derniers">Derniers imports</h2>
    <${Loaded} state=${state}>
      ${({ imports }) =>
        imports.length
          ? html`<table class="table">
              <thead><tr><th scope="col">Date</th><th scope="col">Statut</th><th scope="col" class="number">Élèves importés</th>
                <th scope="col" class="number">Erreurs</th><th scope="col"><span class="visually-hidden">Rapport</span></th></tr></thead>
              <tbody>${imports.map(
                (i) => html`<tr>
                  <td>${formatDateTime(i.created_at)}</td><td>${STATUS[i.status] || i.status}</td>
                  <td class="number">${formatNumber(i.counts.imported ?? 0)}</td><td class="number">${formatNumber(i.errors.length)}</td>
                  <td><a href=${`#/etablissement/${orgId}/import/${i.id}`}>Rapport<span class="visually-hidden"> de l'import du ${formatDateTime(i.created_at)}</span></a></td>
                </tr>`,
              )}</tbody>
            </table>`
          : html`<p>Aucun import pour l'instant.</p>`}
    <//>
  </section>`;
}
