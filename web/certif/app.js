// Pix Certif: a centre's sessions, their candidates, their documents, their finalisation.
import { declareOperations } from "../shared/api.js";
import { startApp } from "../shared/shell.js";
import { CentersPage } from "./centers.js";
import { EnrolPage } from "./enrol.js";
import { FinalizationPage } from "./finalization.js";
import operations from "./operations.json" with { type: "json" };
import { SessionPage } from "./session.js";
import { NewSessionPage, SessionsPage } from "./sessions.js";

declareOperations(operations);

startApp({
  app: "Pix Certif",
  home: "/centres",
  signUp: false,
  routes: [
    ["/centres", CentersPage],
    ["/centre/:centerId", SessionsPage],
    ["/centre/:centerId/nouvelle-session", NewSessionPage],
    ["/session/:sessionId", SessionPage],
    ["/session/:sessionId/inscription", EnrolPage],
    ["/session/:sessionId/finalisation", FinalizationPage],
  ],
  nav: [{ href: "#/centres", label: "Mes centres" }],
});
