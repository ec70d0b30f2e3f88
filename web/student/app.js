// Espace élève: profile, competence evaluations, campaigns.
import { startApp } from "../shared/shell.js";
import { CampaignCodePage, CampaignPage } from "./campaign.js";
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
  ],
  nav: [
    { href: "#/profil", label: "Mon profil" },
    { href: "#/campagne", label: "Rejoindre une campagne" },
  ],
});
