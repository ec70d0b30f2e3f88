// The jury's console: sessions to publish, needing action or assigned to me; a session's
// review (reports, answers, neutralisations, cancellations, identity, comments); publication.
import { declareOperations } from "../shared/api.js";
import { startApp } from "../shared/shell.js";
import operations from "./operations.json" with { type: "json" };
import { SessionPage } from "./session.js";
import { SessionsPage } from "./sessions.js";

declareOperations(operations);

startApp({
  app: "Pix Jury",
  home: "/sessions/a-traiter",
  signUp: false,
  routes: [
    ["/sessions/:tab", SessionsPage],
    ["/session/:sessionId", SessionPage],
  ],
  nav: [
    { href: "#/sessions/a-traiter", label: "Sessions" },
    { href: "../academie/", label: "Tableau de bord de l'académie" },
  ],
});
