// Pix Orga: a school's students (SIECLE imports), its campaigns, members and results.
import { declareOperations } from "../shared/api.js";
import { startApp } from "../shared/shell.js";
import { CampaignPage, CampaignsPage } from "./campaigns.js";
import { ImportPage } from "./imports.js";
import { MembersPage } from "./members.js";
import operations from "./operations.json" with { type: "json" };
import { ResultsPage } from "./results.js";
import { SchoolsPage } from "./schools.js";
import { StudentsPage } from "./students.js";

declareOperations(operations);

startApp({
  app: "Pix Orga",
  home: "/etablissements",
  signUp: false,
  routes: [
    ["/etablissements", SchoolsPage],
    ["/etablissement/:orgId/eleves", StudentsPage],
    ["/etablissement/:orgId/import", ImportPage],
    ["/etablissement/:orgId/import/:importId", ImportPage],
    ["/etablissement/:orgId/campagnes", CampaignsPage],
    ["/etablissement/:orgId/campagne/:campaignId", CampaignPage],
    ["/etablissement/:orgId/membres", MembersPage],
    ["/etablissement/:orgId/resultats", ResultsPage],
  ],
  nav: [{ href: "#/etablissements", label: "Mes établissements" }],
});
