// The académie's dashboard: its schools, sessions and candidates of the season, per sector.
import { declareOperations } from "../shared/api.js";
import { startApp } from "../shared/shell.js";
import { DashboardPage } from "./dashboard.js";
import operations from "./operations.json" with { type: "json" };

declareOperations(operations);

startApp({
  app: "Pix — Académie",
  home: "/tableau-de-bord",
  signUp: false,
  routes: [
    ["/tableau-de-bord", DashboardPage],
    ["/tableau-de-bord/:academie", DashboardPage],
  ],
  nav: [{ href: "#/tableau-de-bord", label: "Tableau de bord" }],
});
