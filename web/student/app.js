// Espace élève: profile, competence evaluations, campaigns, certification results.
import { startApp } from "../shared/shell.js";
import { CampaignCodePage, CampaignPage } from "./campaign.js";
import { CertificationsPage } from "./certifications.js";
import { EvaluationPage } from "./evaluation.js";
import { ProfilePage } from "./profile.js";

startApp({
  app: "Pix Élève",
  home: "/profil",
  routes: [
    ["/profil", ProfilePage],
    ["/evaluation/:assessmentId", EvaluationPage],
    ["/campagne", CampaignCodePage],
    ["/campagne/:code", CampaignPage],
    ["/certifications", CertificationsPage],
  ],
  nav: [
    { href: "#/profil", label: "Mon profil" },
    { href: "#/campagne", label: "Rejoindre une campagne" },
    { href: "#/certifications", label: "Mes certifications" },
  ],
});
