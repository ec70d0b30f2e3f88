// Espace surveillant: opened with the session number and the session's examiner password (no
// Pix account), it shows every candidate's state and the examiner's actions.
import { declareOperations } from "../shared/api.js";
import { html, render, useState } from "../shared/ui.js";
import operations from "./operations.json" with { type: "json" };
import { access, SuperviseForm } from "./access.js";
import { SupervisionPage } from "./supervision.js";

declareOperations(operations);

function App() {
  const [opened, setOpened] = useState(access.current());
  const [reason, setReason] = useState(null);
  const close = (why = null) => {
    access.end();
    setReason(why);
    setOpened(null);
  };
  if (!opened) {
    return html`<${SuperviseForm} reason=${reason} onOpened=${(a) => (setReason(null), setOpened(a))} />`;
  }
  return html`<${SupervisionPage} opened=${opened} onClose=${close} />`;
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${App} />`, root);
