"""Writes the engine's sample bank (content/sample_bank.json), the same bytes on every run."""
# ruff: noqa: E501  (one question per line reads better than wrapped strings)

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

OUTPUT = (
    Path(__file__).resolve().parents[1] / "chalicelib" / "engine" / "content" / "sample_bank.json"
)
SEED = 2021
ASSETS = "https://assets.pixcert.example"

# One line per skill, easiest first (line N is level N): "stem | rights | wrongs | R".
# Rights and wrongs are separated by ";", accepted spellings of a right by " / ". A right
# written "label = answer" makes a field (QROCM-ind). "R" allows a free-answer variant (QROC,
# or QROCM-dep with several rights); without it the second variant is a reworded choice.
TUBES: dict[str, list[tuple[str, str, list[str]]]] = {
    "1.1": [
        (
            "@moteurRecherche",
            "Utiliser un moteur de recherche",
            [
                "Quel outil permet de trouver des pages web à partir de mots-clés ? | un moteur de recherche / moteur de recherche | un tableur ; un traitement de texte ; un pare-feu",
                "Pour chercher une expression exacte, on l'encadre par quels caractères ? | des guillemets / guillemets | des parenthèses ; des crochets ; des astérisques | R",
                "Quel signe placé devant un mot l'exclut des résultats de la plupart des moteurs ? | - / moins / le signe moins | + ; * ; #",
                "Quel opérateur limite les résultats à un seul site, par exemple service-public.fr ? | site: / site | inurl: ; filetype: ; related: | R",
                "Quel opérateur restreint la recherche aux documents PDF ? | filetype:pdf / filetype pdf | type=pdf ; format:pdf ; ext=pdf | R",
                'Quelles requêtes trouvent des pages parlant de climat sans parler de météo ? | climat -météo ; "climat" -météo | climat +météo ; climat météo ; climat OR météo',
                "Pour trouver les pages dont le titre contient « horaires », quel opérateur utilise-t-on ? | intitle: / intitle | inurl: ; site: ; related: | R",
                "Un moteur classe les résultats notamment selon : | le nombre et la qualité des liens qui pointent vers la page | la date d'achat du nom de domaine ; la couleur dominante du site ; la longueur de l'adresse",
            ],
        ),
        (
            "@evaluerSource",
            "Évaluer la fiabilité d'une source",
            [
                "Sur un site, quelle rubrique indique qui en est l'éditeur ? | les mentions légales / mentions légales | la page d'accueil ; le plan du site ; la foire aux questions | R",
                "Quel indice permet de dater une information publiée en ligne ? | la date de publication ou de mise à jour | la taille de la police ; le nombre de couleurs ; la présence d'images",
                "Quels éléments aident à vérifier une information ? | l'auteur ; la date ; la source citée | la couleur du site ; le nombre de publicités",
                "Une photo virale date peut-être d'un autre événement. Quelle démarche retrouve son origine ? | la recherche d'image inversée / recherche inversée / recherche d'image inversée | l'agrandissement de la photo ; le partage à ses amis ; la conversion en noir et blanc | R",
                "Un article satirique, comme ceux du Gorafi, publie : | de fausses informations volontairement humoristiques | des dépêches de l'AFP ; des décisions de justice ; des statistiques officielles",
                "Quelles adresses sont celles de sites officiels de l'administration française ? | service-public.fr ; impots.gouv.fr | impots-gouv.com ; service-public.info",
                "Qu'est-ce qu'un « deepfake » ? | une vidéo truquée par intelligence artificielle | un virus qui efface le disque ; un faux nom de domaine ; une publicité ciblée",
            ],
        ),
        (
            "@veilleInformation",
            "Organiser une veille d'information",
            [
                "Quel outil permet de recevoir automatiquement les nouveaux articles d'un site ? | un flux RSS / RSS / flux RSS | un antivirus ; un tableur ; une imprimante | R",
                "Pour être averti par courriel des nouveaux résultats sur un sujet, on crée : | une alerte / alerte | un favori ; un historique ; un cookie | R",
                "Quel logiciel rassemble plusieurs flux RSS au même endroit ? | un agrégateur / agrégateur | un compilateur ; un pilote ; un pare-feu | R",
                "Quels moyens permettent de suivre un sujet sur un réseau social ? | suivre un hashtag ; créer une liste de comptes | changer de mot de passe ; vider le cache",
                "Dans quel langage un flux de syndication RSS est-il écrit ? | XML | JPEG ; MP3 ; DOCX | R",
                "Quels critères servent à retenir une source pour une veille ? | la fiabilité ; la pertinence ; la fréquence de publication | la couleur du logo ; le nombre de lettres du titre",
            ],
        ),
    ],
    "1.2": [
        (
            "@arborescence",
            "Organiser des fichiers et des dossiers",
            [
                "Comment appelle-t-on un élément qui contient des fichiers sur un ordinateur ? | un dossier / dossier / un répertoire / répertoire | un onglet ; un pilote ; un raccourci | R",
                "Dans « C:/Documents/Cours/maths.odt », quel est le nom du fichier ? | maths.odt | Cours ; Documents ; C: | R",
                "Quel est le dossier parent de « maths.odt » dans « /home/lea/Cours/maths.odt » ? | Cours | home ; lea ; maths | R",
                "Quelles extensions correspondent à des images ? | .png / png ; .jpg / jpg / .jpeg / jpeg | .odt ; .mp3 ; .csv | R",
                "Le fichier « bilan.ods » a pour chemin « D:/Compta/bilan.ods ». Indiquez le lecteur, le dossier et le nom du fichier. | lecteur = D: / D ; dossier = Compta ; nom du fichier = bilan.ods |",
                "Depuis « /home/lea/Cours », quel chemin relatif désigne « /home/lea/Photos » ? | ../Photos | ./Photos ; /Photos ; Photos/.. | R",
            ],
        ),
        (
            "@sauvegarde",
            "Sauvegarder et synchroniser ses données",
            [
                "Pour ne pas perdre un travail en cours, que faut-il faire régulièrement ? | l'enregistrer / enregistrer / sauvegarder | l'imprimer ; le fermer ; le renommer | R",
                "Quels supports permettent de conserver une copie de ses fichiers ? | une clé USB ; un disque dur externe ; un espace de stockage en ligne | la mémoire vive ; le presse-papiers",
                "Un fichier synchronisé est supprimé sur l'ordinateur. Que devient sa copie dans le nuage ? | elle est supprimée aussi | elle est conservée pour toujours ; elle est imprimée ; elle est renommée",
                "Quelle règle de sauvegarde recommande 3 copies sur 2 supports dont 1 hors site ? | la règle 3-2-1 / 3-2-1 / 321 | la règle des 80/20 ; la loi de Moore ; la règle des tiers | R",
                "Quel mécanisme d'un service en ligne permet de revenir à une version antérieure d'un document ? | l'historique des versions / historique des versions | la corbeille du bureau ; le mode avion ; le zoom | R",
                "Quelle sauvegarde ne copie que les fichiers modifiés depuis la dernière sauvegarde ? | incrémentale / la sauvegarde incrémentale | complète ; miroir ; intégrale | R",
            ],
        ),
        (
            "@formatsFichiers",
            "Reconnaître les formats de fichiers",
            [
                "Quel logiciel ouvre normalement un fichier « .odt » ? | un traitement de texte | un tableur ; un lecteur vidéo ; un navigateur de fichiers audio",
                "Quelle extension désigne un document PDF ? | .pdf / pdf | .pfd ; .dpf ; .txt | R",
                "Quels formats sont des formats ouverts ? | ODT ; PNG ; CSV | DOC ; PSD | R",
                "Dans un fichier CSV, à quoi sert le point-virgule ? | à séparer les colonnes | à terminer le fichier ; à mettre en gras ; à insérer une image",
                "Quel format d'image compresse sans perte ? | PNG | JPEG ; GIF animé 8 bits ; WebP avec perte | R",
                "Quel format d'échange de données structurées utilise accolades et guillemets ? | JSON | MP4 ; ZIP ; TTF | R",
            ],
        ),
    ],
    "1.3": [
        (
            "@tableurBases",
            "Saisir et mettre en forme dans un tableur",
            [
                "Dans un tableur, comment nomme-t-on l'intersection d'une ligne et d'une colonne ? | une cellule / cellule | une case à cocher ; un onglet ; un champ de formulaire | R",
                "Par quel caractère commence une formule dans un tableur ? | = / égal / le signe égal | # ; $ ; @ | R",
                "Quelle référence désigne la cellule de la colonne C et de la ligne 4 ? | C4 | 4C ; C:4 ; L4C3 | R",
                "Quelle plage contient les cellules de A1 à A10 ? | A1:A10 | A1-A10 ; A1;A10 ; A1/A10 | R",
                "Quel symbole rend une référence absolue, comme dans $B$2 ? | $ / dollar / le dollar | & ; € ; % | R",
                "On recopie vers le bas la formule =A1*$B$1 écrite en C1. Que devient-elle en C2 ? | =A2*$B$1 | =A2*$B$2 ; =A1*$B$1 ; =A2*B2 | R",
            ],
        ),
        (
            "@trierFiltrer",
            "Trier et filtrer des données",
            [
                "Pour afficher une liste d'élèves de A à Z, on fait un tri : | croissant / ordre croissant | décroissant ; aléatoire ; filtré | R",
                "Quelle action masque les lignes qui ne répondent pas à un critère ? | un filtre / filtrer / le filtre | un tri ; une fusion ; une impression | R",
                "Quelles opérations ne suppriment aucune donnée ? | trier ; filtrer | effacer les lignes ; vider la colonne",
                "Pour trier par classe puis par nom, combien de clés de tri faut-il ? | 2 / deux | 1 ; 3 ; 0 | R",
                "Quel outil résume un grand tableau par catégories (totaux, moyennes) ? | un tableau croisé dynamique / tableau croisé dynamique | un filtre ; un graphique en secteurs ; un commentaire | R",
                "Pour n'afficher que les élèves de 3e A classés par note, indiquez l'opération qui convient à chaque besoin. | classer par note = trier / tri ; ne garder que la 3e A = filtrer / filtre |",
            ],
        ),
        ("@formulesTableur", "Calculer avec des formules", []),
    ],
    "2.1": [
        (
            "@courriel",
            "Échanger par courrier électronique",
            [
                "Quel caractère trouve-t-on obligatoirement dans une adresse électronique ? | @ / arobase | # ; & ; § | R",
                "Quel champ d'un courriel met des destinataires en copie cachée ? | Cci / cci / copie cachée | Cc ; À ; Objet | R",
                "Quels éléments rendent un courriel professionnel clair ? | un objet précis ; une formule de politesse | un texte tout en majuscules ; aucun objet",
                "Que fait « Répondre à tous » ? | envoie la réponse à l'expéditeur et à tous les destinataires visibles | envoie la réponse aux destinataires en copie cachée ; transfère le message à un nouveau contact ; supprime le fil de discussion",
                "L'adresse de Léa Martin est lea.martin@ac-lyon.fr. Indiquez séparément l'identifiant et le nom de domaine. | identifiant = lea.martin ; domaine = ac-lyon.fr |",
                "Pourquoi éviter d'envoyer une pièce jointe de 50 Mo par courriel ? | elle dépasse la taille acceptée par la plupart des messageries | elle ne peut contenir que du texte ; elle est toujours un virus ; elle efface la boîte de réception",
            ],
        ),
        (
            "@messagerieInstantanee",
            "Utiliser une messagerie instantanée",
            [
                "Quel outil permet d'échanger des messages courts en temps réel ? | une messagerie instantanée / messagerie instantanée / un tchat | un tableur ; un traitement de texte ; un logiciel de montage | R",
                "Quel symbole précède souvent le nom d'une personne pour la mentionner ? | @ / arobase | # ; % ; ~ | R",
                "Que signifie l'indication « vu » sous un message ? | le destinataire a ouvert le message | le message est supprimé ; le message est chiffré ; le message est public",
                "Quels comportements respectent les autres dans un groupe de discussion ? | ne pas partager sans accord une photo d'un membre ; rester poli | écrire tout en majuscules ; ajouter des inconnus au groupe",
                "Comment appelle-t-on un message de groupe auquel on répond dans un fil à part ? | un fil de discussion / fil / thread | une story ; un statut ; une signature | R",
                "Quel chiffrement garantit que seul le destinataire lit un message ? | le chiffrement de bout en bout / de bout en bout / bout en bout | le chiffrement du serveur ; le mode sombre ; la compression | R",
            ],
        ),
        (
            "@visioconference",
            "Participer à une visioconférence",
            [
                "Quel équipement est indispensable pour être entendu en visioconférence ? | un micro / micro / un microphone | une imprimante ; un scanner ; une clé USB | R",
                "Pourquoi couper son micro quand on ne parle pas ? | pour éviter les bruits parasites | pour économiser l'encre ; pour fermer la session ; pour masquer son nom",
                "Quels outils d'une visioconférence permettent d'intervenir sans couper la parole ? | lever la main ; écrire dans le fil de discussion | quitter la réunion ; éteindre l'écran",
                "Quelle fonction affiche son écran aux autres participants ? | le partage d'écran / partage d'écran | la capture d'écran ; le mode veille ; le flou d'arrière-plan | R",
                "Un participant entend l'écho de sa propre voix. Quelle solution est la plus efficace ? | utiliser un casque ou des écouteurs | monter le volume des haut-parleurs ; redémarrer la webcam ; agrandir la fenêtre",
                "Quel réglage évite qu'un inconnu entre dans une réunion publique ? | la salle d'attente / salle d'attente | le mode plein écran ; les sous-titres ; la galerie | R",
            ],
        ),
    ],
    "2.2": [
        (
            "@publierEnLigne",
            "Publier un contenu en ligne",
            [
                "Sur un réseau social, qui peut voir une publication « publique » ? | tout le monde / n'importe qui | seulement mes amis ; personne ; seulement moi | R",
                "Quels réglages limitent l'audience d'une publication ? | la visibilité « amis » ; une liste de personnes choisies | la taille de la police ; la couleur du profil",
                "Peut-on retirer définitivement une publication déjà partagée par d'autres ? | non, des copies peuvent subsister | oui, en la supprimant de son profil ; oui, en changeant son mot de passe ; oui, en se déconnectant",
                "Comment s'appelle l'ensemble des traces qu'une personne laisse en ligne ? | l'identité numérique / identité numérique / e-réputation | le cache ; le pare-feu ; le système d'exploitation | R",
                "Avant de publier la photo d'un camarade, que faut-il obtenir ? | son accord / son autorisation / son consentement | un mot de passe ; un abonnement ; un nom de domaine | R",
                "Quel outil permet de publier un site sans programmer ? | un système de gestion de contenu / CMS | un compilateur ; un terminal ; un pilote d'impression | R",
            ],
        ),
        (
            "@partagerFichiers",
            "Partager des fichiers",
            [
                "Quel moyen permet de partager un document avec une classe sans l'envoyer en pièce jointe ? | un lien de partage / lien de partage | une capture d'écran ; une impression ; un raccourci sur le bureau | R",
                "Quels droits peut-on donner sur un document partagé ? | lecture seule ; modification | formatage du disque ; accès au mot de passe",
                "Un lien « accessible à toute personne disposant du lien » est-il privé ? | non, quiconque reçoit le lien peut ouvrir le document | oui, personne d'autre ne peut l'ouvrir ; oui, il expire toujours après une heure ; oui, il est chiffré",
                "Quel format garantit qu'un document partagé s'affichera à l'identique partout ? | PDF | ODT ; DOCX ; TXT | R",
                "Pour partager un fichier de 2 Go, quel moyen est le plus adapté ? | un service de transfert ou un espace en ligne | une pièce jointe de courriel ; un SMS ; une capture d'écran",
                "Quelle date limite rend un lien de partage inutilisable passé un délai ? | une date d'expiration / expiration | une date de création ; une date d'impression ; une date de naissance | R",
            ],
        ),
        (
            "@droitAuteur",
            "Respecter le droit d'auteur",
            [
                "Peut-on réutiliser librement toute image trouvée sur Internet ? | non / non, elle est protégée par le droit d'auteur | oui, toujours ; oui, si elle est petite ; oui, si on la recadre",
                "Quelles licences autorisent la réutilisation sous conditions ? | Creative Commons ; licence ouverte Etalab | tous droits réservés ; copyright exclusif",
                "Que signifie la mention « BY » d'une licence Creative Commons ? | il faut citer l'auteur | usage commercial interdit ; modification interdite ; partage interdit",
                "Quelle mention Creative Commons interdit l'usage commercial ? | NC | ND ; SA ; BY | R",
                "Combien d'années après la mort de l'auteur une œuvre entre-t-elle dans le domaine public en France ? | 70 / soixante-dix | 20 ; 50 ; 100 | R",
                "Quelle mention impose de partager une œuvre modifiée sous la même licence ? | SA | NC ; ND ; BY | R",
            ],
        ),
    ],
    "2.3": [
        (
            "@documentPartage",
            "Coéditer un document",
            [
                "Comment plusieurs personnes peuvent-elles modifier le même document en même temps ? | avec un document partagé en ligne | en s'envoyant des copies ; en l'imprimant ; en le copiant sur une clé",
                "Quelle fonction permet de proposer une remarque sans modifier le texte ? | un commentaire / commentaire | un filigrane ; un en-tête ; un saut de page | R",
                "Quels outils indiquent qui a modifié quoi dans un document partagé ? | l'historique des versions ; le suivi des modifications | le correcteur orthographique ; le zoom",
                "Quel mode affiche les modifications d'un relecteur sans les appliquer ? | le mode suggestion / suggestion / suivi des modifications | le mode lecture ; le mode plein écran ; le mode sombre | R",
                "Deux élèves modifient la même phrase au même moment. Que fait un éditeur collaboratif ? | il fusionne ou affiche les deux modifications en temps réel | il supprime le document ; il bloque les deux comptes ; il imprime les deux versions",
                "Quel outil réunit documents, tâches et discussions d'un projet ? | un espace de travail collaboratif / ENT / espace collaboratif | un lecteur PDF ; un antivirus ; une calculatrice | R",
            ],
        ),
        (
            "@organiserTravailGroupe",
            "Organiser un travail de groupe",
            [
                "Quel outil en ligne permet de choisir une date de réunion commune ? | un sondage de dates / sondage | un tableur hors ligne ; un diaporama ; un traitement de texte | R",
                "Quels outils aident à répartir les tâches d'un projet ? | un tableau de tâches ; un agenda partagé | un lecteur vidéo ; un correcteur orthographique",
                "Dans un tableau de tâches, que signifie la colonne « En cours » ? | les tâches commencées mais pas terminées | les tâches annulées ; les tâches non attribuées ; les tâches archivées",
                "Comment s'appelle la méthode qui fait avancer des cartes de « À faire » à « Fait » ? | kanban | pomodoro ; brainstorming ; benchmark | R",
                "Un groupe prépare un journal en ligne : relire, planifier, publier, rédiger. Quelle étape vient en premier, et laquelle en dernier ? | première étape = planifier ; dernière étape = publier |",
                "Quel diagramme montre les tâches d'un projet sur une ligne de temps ? | le diagramme de Gantt / Gantt | le camembert ; l'histogramme ; le nuage de points | R",
            ],
        ),
        (
            "@wiki",
            "Contribuer à un wiki",
            [
                "Quelle encyclopédie en ligne peut être modifiée par tous ? | Wikipédia / Wikipedia | Larousse ; Universalis ; le dictionnaire de l'Académie | R",
                "Que trouve-t-on dans l'onglet « Historique » d'une page Wikipédia ? | la liste des modifications | la liste des lecteurs ; les publicités ; les mots de passe",
                "Quels principes suit une contribution sur Wikipédia ? | la neutralité de point de vue ; la citation de sources | la publication d'opinions personnelles ; l'autopromotion",
                "Où discute-t-on d'un désaccord sur le contenu d'un article ? | la page de discussion / discussion | la page d'accueil ; les mentions légales ; le journal des connexions | R",
                "Comment appelle-t-on l'annulation d'une modification abusive ? | une révocation / révocation / revert | une compilation ; une indexation ; une migration | R",
                "Quelle syntaxe crée un lien interne vers l'article « Pix » dans un wiki ? | [[Pix]] | <Pix> ; {{Pix}} ; (Pix) | R",
            ],
        ),
    ],
    "2.4": [
        (
            "@citoyennete",
            "Être citoyen en ligne",
            [
                "Quel site permet de faire ses démarches administratives en ligne ? | service-public.fr | leboncoin.fr ; wikipedia.org ; youtube.com | R",
                "Quels comportements relèvent du cyberharcèlement ? | des moqueries répétées en ligne ; la diffusion d'une photo humiliante | l'envoi d'un devoir au professeur ; un message d'anniversaire",
                "Quel numéro gratuit aide les jeunes victimes de cyberharcèlement ? | 3018 | 112 ; 3615 ; 1515 | R",
                "Quelle plateforme permet de signaler un contenu illicite en ligne ? | Pharos | Parcoursup ; Pronote ; Doctolib | R",
                "Qu'est-ce que la « nétiquette » ? | les règles de savoir-vivre en ligne | un virus ; un moteur de recherche ; une licence de logiciel",
                "Quel service sécurisé permet de se connecter aux sites publics avec un seul compte ? | FranceConnect | Pronote ; Pix ; Moodle | R",
            ],
        ),
        (
            "@netiquette",
            "Adopter les bons usages",
            [
                "Que signifie un message écrit entièrement en MAJUSCULES ? | on crie / crier | on chuchote ; on plaisante ; on s'excuse",
                "Comment appelle-t-on une personne qui cherche à provoquer des disputes en ligne ? | un troll / troll | un geek ; un modérateur ; un administrateur | R",
                "Quelles attitudes sont adaptées face à un troll ? | ne pas répondre à la provocation ; signaler le comportement | l'insulter en retour ; partager ses messages",
                "Qui fait respecter les règles d'un forum ? | le modérateur / modérateur / la modération | l'hébergeur de courriel ; le fournisseur d'énergie ; le moteur de recherche | R",
                "Comment appelle-t-on le fait de publier les informations privées d'une personne pour lui nuire ? | le doxing / doxing | le phishing ; le streaming ; le spam | R",
                "Quel mot désigne une information fausse diffusée délibérément ? | désinformation / la désinformation / infox | mésinformation ; vulgarisation ; syndication | R",
            ],
        ),
        (
            "@economieNumerique",
            "Comprendre l'économie du numérique",
            [
                "Comment un réseau social gratuit gagne-t-il principalement de l'argent ? | grâce à la publicité | grâce aux impôts ; grâce aux dons des utilisateurs ; il n'en gagne pas",
                "Quelles données intéressent les annonceurs ? | les centres d'intérêt ; la localisation | le modèle de la souris ; la couleur de l'écran",
                "Qu'est-ce qu'un influenceur ? | une personne qui recommande des produits à sa communauté | un virus ; un moteur de recherche ; un fournisseur d'accès",
                "Quel mécanisme choisit les contenus affichés dans un fil d'actualité ? | un algorithme de recommandation / algorithme | un tirage au sort manuel ; l'ordre alphabétique ; le fournisseur d'accès | R",
                "Comment appelle-t-on l'enfermement dans des contenus qui confirment nos opinions ? | la bulle de filtres / bulle de filtres / bulle filtrante | le pare-feu ; le cache ; la fibre | R",
                "Quelle loi européenne encadre les grandes plateformes depuis 2022 ? | le DSA / DSA / Digital Services Act | le RGPD ; le CSA ; la LCEN | R",
            ],
        ),
    ],
    "3.1": [
        (
            "@traitementTexte",
            "Mettre en forme un texte",
            [
                "Quel logiciel sert à rédiger une lettre ? | un traitement de texte / traitement de texte | un tableur ; un logiciel de retouche d'image ; un navigateur | R",
                "Dans un traitement de texte en français, quel raccourci met un mot en gras ? | Ctrl+G | Ctrl+I ; Ctrl+S ; Ctrl+P",
                "Quels réglages relèvent de la mise en forme d'un paragraphe ? | l'alignement ; l'interligne | la police du titre du fichier ; le nom de l'auteur",
                "Comment commencer un texte sur une nouvelle page sans appuyer plusieurs fois sur Entrée ? | un saut de page / saut de page | une tabulation ; un retrait ; une note de bas de page | R",
                "Quel élément répète le même texte en haut de chaque page ? | l'en-tête / en-tête / entête | le pied de page ; le filigrane ; la marge | R",
                "Quel caractère invisible sépare deux mots sans permettre de retour à la ligne entre eux ? | l'espace insécable / espace insécable | la tabulation ; le saut de section ; le tiret | R",
            ],
        ),
        (
            "@stylesTitres",
            "Structurer un document long",
            [
                "Pourquoi utiliser les styles « Titre 1 », « Titre 2 » ? | pour structurer le document | pour changer la langue ; pour protéger le fichier ; pour insérer une image",
                "Quels éléments peuvent être générés automatiquement à partir des styles ? | la table des matières ; la numérotation des titres | la bibliographie complète ; les images",
                "Quel style donner au titre d'une sous-partie ? | Titre 2 | Titre 1 ; Corps de texte ; Citation | R",
                "Comment appelle-t-on la liste des parties avec leurs numéros de page ? | la table des matières / table des matières / sommaire | l'index ; la bibliographie ; le glossaire | R",
                "Dans quel mode voit-on le plan du document pour le réorganiser ? | le mode plan / plan / le navigateur | le mode lecture ; le mode impression ; le mode sombre | R",
                "Quelle fonction met à jour les numéros de page d'une table des matières ? | actualiser / mettre à jour | insérer ; supprimer ; copier | R",
            ],
        ),
        (
            "@correctionTexte",
            "Relire et corriger un texte",
            [
                "Que signale un trait rouge ondulé sous un mot ? | une faute d'orthographe possible | un lien ; un commentaire ; un mot en gras",
                "Quelle fonction remplace toutes les occurrences d'un mot ? | rechercher et remplacer | couper-coller ; annuler ; imprimer",
                "Quels outils aident à relire un texte ? | le correcteur orthographique ; le dictionnaire des synonymes | le compte-gouttes ; le pot de peinture",
                "Quel raccourci annule la dernière action ? | Ctrl+Z / Ctrl Z | Ctrl+Y ; Ctrl+X ; Ctrl+A | R",
                "Combien de mots compte la phrase « Le chat dort sur le canapé » ? | 6 / six | 5 ; 7 ; 28 | R",
                "Quelle fonction compare deux versions d'un document ? | comparer des documents / comparer | fusionner des cellules ; insérer un champ ; protéger | R",
            ],
        ),
    ],
    "3.2": [
        (
            "@imageNumerique",
            "Retoucher une image",
            [
                "Comment appelle-t-on les petits points qui composent une image numérique ? | les pixels / pixels / pixel | les vecteurs ; les octets ; les polices | R",
                "Quelle opération supprime les bords inutiles d'une photo ? | recadrer / le recadrage / rogner | pivoter ; flouter ; imprimer | R",
                "Quels formats sont adaptés à une photo publiée sur le web ? | JPEG / JPG ; WebP | ODT ; MP3 | R",
                "Une image de 800 × 600 pixels contient combien de pixels ? | 480000 / 480 000 | 1400 ; 48000 ; 4800000 | R",
                "Quel type d'image peut être agrandi sans perte de qualité ? | une image vectorielle / vectorielle / SVG | une image matricielle ; une photo JPEG ; une capture d'écran | R",
                "Que signifie « 300 ppp » pour une image à imprimer ? | 300 pixels par pouce | 300 pages par paquet ; 300 points par page ; 300 photos par projet",
            ],
        ),
        (
            "@sonVideo",
            "Créer et monter du son et de la vidéo",
            [
                "Quel logiciel permet d'assembler des séquences vidéo ? | un logiciel de montage / logiciel de montage | un tableur ; un traitement de texte ; un antivirus | R",
                "Quels formats sont des formats audio ? | MP3 ; OGG ; WAV | PNG ; CSV | R",
                "Comment appelle-t-on le nombre d'images affichées par seconde dans une vidéo ? | la fréquence d'images / fps / images par seconde | la résolution ; le débit ; le codec | R",
                "Quelle opération réduit la taille d'un fichier vidéo ? | la compression / compresser | la duplication ; le renommage ; la copie | R",
                "Quel élément d'un fichier vidéo « .mp4 » code les images ? | le codec / codec | le conteneur ; l'extension ; le sous-titre | R",
                "Quelle piste ajoute un texte synchronisé à une vidéo ? | les sous-titres / sous-titres / sous-titre | le générique ; la miniature ; le filigrane | R",
            ],
        ),
        (
            "@presentation",
            "Concevoir un diaporama",
            [
                "Quel logiciel sert à créer un diaporama ? | un logiciel de présentation / présentation | un tableur ; un logiciel de comptabilité ; un client de messagerie | R",
                "Quels principes rendent une diapositive lisible ? | peu de texte ; un contraste suffisant | une police de 8 points ; dix couleurs différentes",
                "Quelle vue permet d'ajouter des notes visibles seulement par l'orateur ? | le mode présentateur / mode présentateur | le mode plan ; le mode trieuse ; le mode lecture | R",
                "Quel élément applique la même mise en page à toutes les diapositives ? | le masque / masque / diapositive maître | la transition ; l'animation ; le commentaire | R",
                "Comment appelle-t-on l'effet entre deux diapositives ? | une transition / transition | une animation ; un masque ; un filigrane | R",
                "Quel format conserve un diaporama lisible sur tout ordinateur sans le logiciel d'origine ? | PDF | ODP ; PPTX ; KEY | R",
            ],
        ),
    ],
    "3.3": [
        (
            "@formatsExport",
            "Choisir le format d'un document",
            [
                "Pour envoyer un CV qui ne doit pas être modifié, quel format choisir ? | PDF | ODT ; DOCX ; TXT | R",
                "Quels formats peut-on modifier facilement avec un traitement de texte ? | ODT ; DOCX | PDF ; JPEG | R",
                "Quel format choisir pour échanger un tableau entre logiciels différents ? | CSV | PNG ; MP4 ; PDF | R",
                "Quel format d'image garde la transparence ? | PNG | JPEG ; BMP ; PDF | R",
                "Quel format d'archive regroupe plusieurs fichiers en un seul ? | ZIP | MP3 ; ODT ; GIF | R",
                "Quel format PDF est conçu pour l'archivage à long terme ? | PDF/A / PDF-A / PDFA | PDF/X ; PDF/E ; PDF/UA | R",
            ],
        ),
        (
            "@accessibilite",
            "Rendre un document accessible",
            [
                "Pourquoi ajouter un texte alternatif à une image ? | pour qu'elle soit décrite aux personnes aveugles | pour la compresser ; pour la protéger ; pour l'imprimer",
                "Quels choix améliorent la lisibilité pour tous ? | un contraste fort ; une police sans empattement | du texte clignotant ; du texte en images",
                "Quel logiciel lit à voix haute le contenu de l'écran ? | un lecteur d'écran / lecteur d'écran | un tableur ; un pare-feu ; un compilateur | R",
                "Quelle norme française encadre l'accessibilité des sites publics ? | RGAA | RGPD ; RGS ; HTML | R",
                "Quel attribut HTML donne le texte alternatif d'une image ? | alt | src ; title ; href | R",
                "Quel rapport de contraste minimal recommande le niveau AA pour un texte courant ? | 4,5:1 / 4.5:1 / 4,5 | 2:1 ; 3:1 ; 1,5:1 | R",
            ],
        ),
        (
            "@publipostage",
            "Adapter un document à ses destinataires",
            [
                "Quelle fonction produit une lettre personnalisée pour chaque élève d'une liste ? | le publipostage / publipostage | le correcteur ; le filigrane ; le zoom | R",
                "Quels éléments sont nécessaires au publipostage ? | une source de données ; un document modèle | un antivirus ; un projecteur",
                "Dans un publipostage, que représente « «Prénom» » ? | un champ de fusion | une note de bas de page ; une image ; un lien hypertexte",
                "Léa prépare un publipostage à partir d'une liste d'élèves (colonnes Nom, Prénom, Classe). Dans quel type de logiciel cette liste est-elle tenue, et quelle colonne sert à écrire « Bonjour Léa » ? | type de logiciel = tableur / un tableur ; colonne = Prénom |",
                "Quel format de page choisir pour une affiche ? | A3 | A5 ; enveloppe DL ; carte de visite | R",
                "Quelle option exporte un document en ajustant le contenu à un écran de téléphone ? | la mise en page adaptative / adaptative / responsive | le mode paysage ; l'orientation fixe ; la page A4 | R",
            ],
        ),
    ],
    "3.4": [
        ("@variables", "Utiliser des variables", []),
        (
            "@boucles",
            "Répéter des instructions",
            [
                "Quelle instruction répète un bloc un nombre donné de fois ? | une boucle / boucle | une condition ; une variable ; un commentaire | R",
                "Combien de fois « répéter 4 fois : avancer » fait-il avancer le lutin ? | 4 / quatre | 1 ; 3 ; 5 | R",
                "Pour dessiner un carré avec « répéter N fois : avancer de 50, tourner de 90° », que vaut N ? | 4 / quatre | 2 ; 3 ; 6 | R",
                "En Python, combien de valeurs prend i dans « for i in range(5) » ? | 5 / cinq | 4 ; 6 ; 1 | R",
                "Quelle est la dernière valeur de i dans « for i in range(2, 10, 3) » ? | 8 / huit | 9 ; 10 ; 7 | R",
                "Quelle boucle s'arrête seulement quand une condition devient fausse ? | while / tant que / une boucle tant que | for ; if ; def | R",
            ],
        ),
        (
            "@algorithmes",
            "Comprendre un algorithme",
            [
                "Comment appelle-t-on une suite d'instructions qui résout un problème ? | un algorithme / algorithme | un logiciel espion ; un fichier ; un pixel | R",
                "Quelle instruction exécute un bloc seulement si une condition est vraie ? | si / if / une condition | répéter ; afficher ; tant que | R",
                "Quels mots-clés Python servent à écrire une condition ? | if ; else ; elif | for ; import | R",
                "Que renvoie 17 % 5 en Python ? | 2 / deux | 3 ; 3.4 ; 12 | R",
                "Combien de comparaisons faut-il au plus pour trouver un nombre entre 1 et 1000 par dichotomie ? | 10 / dix | 100 ; 500 ; 1000 | R",
                "Complétez ce programme Python qui calcule le carré d'un nombre :\n\n___ carre(x):\n    ___ x * x | premier mot manquant = def ; second mot manquant = return |",
            ],
        ),
    ],
    "4.1": [
        (
            "@motsDePasse",
            "Choisir un mot de passe sûr",
            [
                "Quel mot de passe est le plus sûr ? | T7#vr!qZ2p@L | 123456 ; motdepasse ; lea2008",
                "Quelles pratiques protègent un compte ? | un mot de passe différent par site ; un mot de passe long | noter son mot de passe sur l'écran ; le partager avec ses amis",
                "Quel outil retient des mots de passe complexes à votre place ? | un gestionnaire de mots de passe / gestionnaire de mots de passe | un tableur partagé ; un post-it ; un navigateur en mode privé | R",
                "Comment appelle-t-on la connexion qui demande un mot de passe et un code reçu par SMS ? | la double authentification / double authentification / authentification à deux facteurs / 2FA | la connexion anonyme ; le mode invité ; la synchronisation | R",
                "Combien de combinaisons offre un code de 4 chiffres ? | 10000 / 10 000 | 4000 ; 9999 ; 40 | R",
                "Quelle attaque essaie toutes les combinaisons possibles d'un mot de passe ? | la force brute / force brute / brute force | le hameçonnage ; le rançongiciel ; le déni de service | R",
            ],
        ),
        (
            "@hameconnage",
            "Repérer les arnaques",
            [
                "Un courriel vous demande votre mot de passe « pour vérifier votre compte ». Que faire ? | ne pas répondre et le signaler | répondre avec le mot de passe ; cliquer sur le lien ; le transférer à ses amis",
                "Comment appelle-t-on une arnaque qui imite une banque pour voler des identifiants ? | l'hameçonnage / hameçonnage / phishing | le spam ; le streaming ; le cookie | R",
                "Quels indices trahissent un courriel frauduleux ? | une adresse d'expéditeur étrange ; un ton urgent et menaçant | un objet précis ; une signature connue et vérifiée",
                "Quelle adresse imite le site des impôts ? | impots-gouv-remboursement.com | impots.gouv.fr ; www.impots.gouv.fr ; cfspart.impots.gouv.fr",
                "Quel site officiel aide les victimes d'arnaques en ligne ? | cybermalveillance.gouv.fr / cybermalveillance | pharos.fr ; arnaques.com ; antivirus.fr | R",
                "Comment appelle-t-on l'hameçonnage par SMS ? | le smishing / smishing | le vishing ; le spoofing ; le sniffing | R",
            ],
        ),
        (
            "@protegerAppareil",
            "Protéger ses appareils",
            [
                "Quel logiciel détecte les programmes malveillants ? | un antivirus / antivirus | un tableur ; un lecteur vidéo ; un traitement de texte | R",
                "Pourquoi installer les mises à jour ? | pour corriger des failles de sécurité | pour vider la batterie ; pour effacer les photos ; pour changer la langue",
                "Quels réflexes protègent un ordinateur ? | verrouiller sa session ; installer les logiciels depuis le site officiel | désactiver les mises à jour ; ouvrir toutes les pièces jointes",
                "Quel logiciel malveillant chiffre les fichiers et réclame une somme d'argent ? | un rançongiciel / rançongiciel / ransomware | un pare-feu ; un pilote ; un tableur | R",
                "Quel dispositif filtre les connexions entre un ordinateur et le réseau ? | un pare-feu / pare-feu / firewall | un routeur de jeu ; un écran ; un clavier | R",
                "Sur un Wi-Fi public, quel outil chiffre toute la connexion ? | un VPN / VPN / réseau privé virtuel | un proxy HTTP non chiffré ; un mode avion ; un bloqueur de publicité | R",
            ],
        ),
    ],
    "4.2": [
        (
            "@donneesPersonnelles",
            "Reconnaître les données personnelles",
            [
                "Quelle information est une donnée personnelle ? | le numéro de téléphone d'une personne | la capitale de la France ; la température moyenne de l'été ; le prix d'un livre",
                "Quelles données permettent d'identifier une personne ? | son adresse postale ; sa photo | la météo du jour ; le titre d'un film",
                "Quel règlement européen protège les données personnelles ? | le RGPD / RGPD | le RGAA ; le DSA ; le CSA | R",
                "Quelle autorité française contrôle le respect du RGPD ? | la CNIL / CNIL | l'Arcom ; l'Hadopi ; l'Anssi | R",
                "Quelles données sont dites « sensibles » par le RGPD ? | l'état de santé ; les opinions politiques | la couleur préférée ; le nombre de frères et sœurs",
                "Sous quel délai un organisme doit-il répondre à une demande d'accès à ses données ? | un mois / 1 mois / 30 jours | une semaine ; six mois ; un an | R",
            ],
        ),
        (
            "@cookiesTraces",
            "Maîtriser ses traces",
            [
                "Qu'est-ce qu'un cookie sur un site web ? | un petit fichier déposé par le site sur l'appareil | un virus ; un mot de passe ; une publicité imprimée",
                "Quelle navigation n'enregistre pas l'historique sur l'ordinateur ? | la navigation privée / navigation privée | la navigation rapide ; le mode plein écran ; le mode hors ligne | R",
                "Quels éléments peut-on effacer dans un navigateur ? | l'historique ; les cookies | le système d'exploitation ; le disque dur",
                "Comment appelle-t-on un cookie déposé par un autre site que celui visité ? | un cookie tiers / cookie tiers | un cookie de session ; un cookie essentiel ; un cookie local | R",
                "La navigation privée empêche-t-elle votre fournisseur d'accès de voir les sites visités ? | non | oui, toujours ; oui, si on efface l'historique ; oui, sur un téléphone",
                "Quelles métadonnées une photo prise au téléphone peut-elle contenir ? | la position GPS ; la date de prise de vue | le mot de passe du téléphone ; le nom de l'opérateur de la personne photographiée",
            ],
        ),
        (
            "@parametresConfidentialite",
            "Régler sa vie privée",
            [
                "Où limite-t-on qui voit son profil sur un réseau social ? | dans les paramètres de confidentialité / paramètres de confidentialité | dans l'aide ; dans la page d'accueil ; dans les publicités | R",
                "Quelles autorisations une application de lampe de poche n'a pas besoin de demander ? | l'accès aux contacts ; l'accès au micro | l'accès au flash",
                "Que faire avant d'accepter les conditions d'une application ? | vérifier les données collectées et les autorisations | accepter sans lire ; désactiver l'antivirus ; donner son mot de passe",
                "Quel droit permet de demander la suppression de ses données ? | le droit à l'effacement / droit à l'effacement / droit à l'oubli | le droit de réponse ; le droit d'auteur ; le droit de vote | R",
                "Quel réglage empêche les applications de connaître votre position ? | désactiver la localisation / localisation | baisser la luminosité ; activer le Bluetooth ; changer de fond d'écran | R",
                "Quel droit permet de récupérer ses données pour les transférer à un autre service ? | le droit à la portabilité / portabilité | le droit de rectification ; le droit d'opposition ; le droit d'accès | R",
            ],
        ),
    ],
    "4.3": [
        (
            "@santeEcrans",
            "Préserver sa santé face aux écrans",
            [
                "Quelle habitude limite la fatigue visuelle ? | faire des pauses régulières | augmenter la luminosité au maximum ; se rapprocher de l'écran ; travailler dans le noir",
                "À quelle distance placer les yeux d'un écran d'ordinateur ? | entre 50 et 70 cm | 10 cm ; 20 cm ; 3 m",
                "Quels réglages favorisent l'endormissement le soir ? | le filtre de lumière bleue ; l'arrêt des écrans une heure avant | les notifications sonores ; la luminosité au maximum",
                "Quelle règle recommande, toutes les 20 minutes, de regarder à 6 mètres pendant 20 secondes ? | la règle 20-20-20 / 20-20-20 / 202020 | la règle 3-6-9-12 ; la règle 3-2-1 ; la règle des 10 000 pas | R",
                "Comment appelle-t-on la peur d'être séparé de son téléphone ? | la nomophobie / nomophobie | l'agoraphobie ; la technophobie ; la cyberphobie | R",
                "Quelle fonction d'un téléphone mesure le temps passé par application ? | le temps d'écran / temps d'écran | le mode avion ; le partage de connexion ; le gestionnaire de fichiers | R",
            ],
        ),
        (
            "@environnementNumerique",
            "Réduire l'impact environnemental du numérique",
            [
                "Quelle étape du cycle de vie d'un smartphone pollue le plus ? | sa fabrication / fabrication | son utilisation ; son transport en magasin ; sa recharge | R",
                "Quels gestes réduisent l'impact du numérique ? | garder son téléphone plus longtemps ; regarder les vidéos en basse définition | changer de téléphone chaque année ; laisser les appareils en veille",
                "Où déposer un téléphone hors d'usage ? | dans un point de collecte / point de collecte / déchetterie | dans la poubelle ménagère ; dans le bac à verre ; dans la nature | R",
                "Comment appelle-t-on les bâtiments qui hébergent des serveurs ? | des centres de données / centres de données / datacenters / data centers | des pépinières ; des cybercafés ; des médiathèques | R",
                "Quel indice informe sur la facilité de réparer un smartphone ? | l'indice de réparabilité / indice de réparabilité | l'indice de confort ; l'indice UV ; le DAS | R",
                "Quelle démarche conçoit des services numériques plus sobres ? | l'écoconception / écoconception / éco-conception | l'obsolescence programmée ; le minage ; le streaming | R",
            ],
        ),
        (
            "@ergonomie",
            "Aménager son poste de travail",
            [
                "Comment placer le haut de l'écran ? | à hauteur des yeux | au-dessus de la tête ; au niveau des genoux ; sur le côté",
                "Quels accessoires améliorent la posture sur un ordinateur portable ? | un support pour l'écran ; un clavier séparé | une souris sans fil seule ; un écran plus petit",
                "Quelle position des pieds recommande-t-on ? | à plat sur le sol / à plat | croisés sous la chaise ; sur la chaise ; dans le vide | R",
                "Comment appelle-t-on les douleurs dues aux gestes répétés ? | des troubles musculosquelettiques / TMS | des migraines ophtalmiques ; des acouphènes ; des allergies | R",
                "Quelle fenêtre doit être évitée dans le dos de l'utilisateur ? | une fenêtre lumineuse qui crée des reflets | une porte fermée ; un mur blanc ; une plante verte",
                "Quelle fonction de l'écran grossit le texte sans changer la résolution ? | le zoom / zoom / la loupe | le mode nuit ; le mode veille ; la rotation | R",
            ],
        ),
    ],
    "5.1": [
        (
            "@pannesCourantes",
            "Résoudre les pannes courantes",
            [
                "Une application ne répond plus. Quelle action essayer en premier ? | la fermer puis la relancer | débrancher la box ; formater le disque ; acheter un nouvel ordinateur",
                "L'imprimante n'imprime pas. Quels points vérifier d'abord ? | qu'elle est allumée ; qu'il y a du papier | la luminosité de l'écran ; le fond d'écran",
                "Quel raccourci ouvre le gestionnaire des tâches sous Windows ? | Ctrl+Maj+Échap / Ctrl Maj Echap / Ctrl+Shift+Esc | Ctrl+C ; Alt+F4 ; Ctrl+P | R",
                "Quel mode de démarrage de Windows charge le minimum de pilotes ? | le mode sans échec / mode sans échec | le mode avion ; le mode jeu ; le mode tablette | R",
                "Que faire si une clé USB n'apparaît pas ? | l'essayer sur un autre port | la formater avant de la brancher ; la mettre au réfrigérateur ; réinstaller le système",
                "Quel outil d'un navigateur affiche les erreurs d'une page web ? | la console / console / outils de développement | les favoris ; l'historique ; le mode lecture | R",
            ],
        ),
        (
            "@connexionReseau",
            "Dépanner une connexion",
            [
                "Quel appareil fournit l'accès à Internet à la maison ? | une box / box / un routeur | une imprimante ; une enceinte ; un scanner | R",
                "Le Wi-Fi ne marche plus. Quelle vérification faire en premier ? | que le Wi-Fi est activé et le bon réseau choisi | changer d'écran ; réinstaller le traitement de texte ; nettoyer le clavier",
                "Quelles informations sont nécessaires pour se connecter à un réseau Wi-Fi ? | le nom du réseau ; la clé de sécurité | l'adresse postale ; le numéro de série de l'écran",
                "Quelle commande teste si un serveur répond ? | ping | copy ; dir ; exit | R",
                "Quelle adresse identifie un appareil sur un réseau ? | l'adresse IP / adresse IP / IP | l'adresse postale ; l'adresse électronique ; le numéro de série | R",
                "Quel service traduit un nom de domaine en adresse IP ? | le DNS / DNS | le DHCP ; le FTP ; le SMTP | R",
            ],
        ),
        (
            "@parametresSysteme",
            "Régler son système",
            [
                "Où change-t-on le fond d'écran ? | dans les paramètres d'affichage / paramètres | dans le tableur ; dans le navigateur ; dans la corbeille | R",
                "Quels réglages améliorent l'autonomie d'un portable ? | baisser la luminosité ; activer l'économiseur de batterie | ouvrir plus d'onglets ; activer tous les effets visuels",
                "Comment appelle-t-on un programme qui fait fonctionner un périphérique ? | un pilote / pilote / driver | un tableur ; une police ; un codec | R",
                "Quelle touche associée à L verrouille une session Windows ? | Windows / la touche Windows | Alt ; Maj ; Échap | R",
                "Quelle unité mesure la mémoire vive d'un ordinateur récent ? | le gigaoctet / Go / gigaoctet | le mégahertz ; le pixel ; le watt | R",
                "Quel outil de Windows permet de désactiver les programmes lancés au démarrage ? | le gestionnaire des tâches / gestionnaire des tâches | le panneau d'affichage ; le presse-papiers ; la corbeille | R",
            ],
        ),
    ],
    "5.2": [
        (
            "@systemeExploitation",
            "Connaître son système d'exploitation",
            [
                "Quel logiciel gère le matériel d'un ordinateur ? | le système d'exploitation / système d'exploitation / OS | le tableur ; le navigateur ; le lecteur PDF | R",
                "Quels sont des systèmes d'exploitation ? | Windows ; Linux ; Android | Firefox ; LibreOffice | R",
                "Quel système d'exploitation est libre ? | Linux / GNU/Linux | Windows ; macOS ; iOS | R",
                "Comment appelle-t-on un logiciel dont le code source est ouvert et réutilisable ? | un logiciel libre / logiciel libre | un logiciel propriétaire ; un gratuiciel ; un logiciel espion | R",
                "Quel système d'exploitation équipe la plupart des smartphones ? | Android | Windows ; Linux Mint ; ChromeOS | R",
                "Comment appelle-t-on la partie centrale d'un système d'exploitation ? | le noyau / noyau / kernel | le bureau ; le navigateur ; le tableur | R",
            ],
        ),
        (
            "@installerLogiciel",
            "Installer et gérer des logiciels",
            [
                "Où télécharger une application pour un téléphone en sécurité ? | sur le magasin d'applications officiel | sur un site inconnu ; par un lien reçu par SMS ; sur un forum",
                "Quels éléments vérifier avant d'installer un logiciel ? | l'éditeur ; la compatibilité avec le système | la couleur de l'icône ; la taille de la police",
                "Comment appelle-t-on un logiciel gratuit mais dont le code n'est pas ouvert ? | un gratuiciel / gratuiciel / freeware | un logiciel libre ; un partagiciel ; un pilote | R",
                "Quelle extension a un installateur sous Windows ? | .exe / exe / .msi | .odt ; .png ; .mp3 | R",
                "Quelle commande installe un paquet sur Debian ou Ubuntu ? | apt install / sudo apt install | dir install ; format install ; ping install | R",
                "Comment appelle-t-on une version d'essai d'un logiciel à payer ensuite ? | un partagiciel / partagiciel / shareware | un logiciel libre ; un pilote ; un rançongiciel | R",
            ],
        ),
        ("@unitesStockage", "Mesurer la capacité de stockage", []),
    ],
}

CONTEXTS = (
    "Pour un exposé au CDI, ",
    "Lors d'un stage en entreprise, ",
    "En préparant un voyage de classe, ",
    "Au club numérique du collège, ",
)
CHOICE_HINT = {
    "QCU": "Une seule réponse est possible.",
    "QCM": "Plusieurs réponses sont possibles.",
}


def _alternatives(text: str) -> list[str]:
    return [part.strip() for part in text.split(" / ") if part.strip()]


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(" ; ") if part.strip()]


def _free_tolerances(solutions: list[str]) -> dict[str, bool]:
    """Answers made of signs only (« @ », « $ ») keep their punctuation to stay comparable."""
    signs_only = any(not any(ch.isalnum() for ch in s) for s in solutions)
    return {"punctuation": False} if signs_only else {}


def _choice(kind: str, stem: str, rights: list[str], wrongs: list[str], rng: random.Random) -> dict:
    proposals = [_alternatives(r)[0] for r in rights] + wrongs
    rng.shuffle(proposals)
    solutions = sorted(proposals.index(_alternatives(r)[0]) + 1 for r in rights)
    return {
        "type": kind,
        "instruction": f"{stem}\n\n{CHOICE_HINT[kind]}",
        "proposals": proposals,
        "solutions": solutions,
    }


def _reworded(stem: str, rng: random.Random) -> str:
    if len(stem) > 1 and stem[1].isupper():
        return stem
    return rng.choice(CONTEXTS) + stem[0].lower() + stem[1:]


def _line_variants(line: str, rng: random.Random) -> list[dict]:
    """The two declinations of a one-line item (see the comment on TUBES)."""
    parts = [part.strip() for part in line.split(" | ")]
    stem, rights = parts[0], _items(parts[1])
    wrongs = _items(parts[2]) if len(parts) > 2 else []
    free = len(parts) > 3 and parts[3] == "R"
    if " = " in rights[0]:
        pairs = [right.split(" = ", 1) for right in rights]
        fields = [{"name": f"champ{i}", "label": label} for i, (label, _) in enumerate(pairs, 1)]
        solutions = {f"champ{i}": _alternatives(a) for i, (_, a) in enumerate(pairs, 1)}
        first = {"type": "QROCM-ind", "instruction": stem, "fields": fields, "solutions": solutions}
        return [first, {**first, "fields": fields[::-1], "instruction": _reworded(stem, rng)}]
    kind = "QCU" if len(rights) == 1 else "QCM"
    first = _choice(kind, stem, rights, wrongs, rng)
    if not free:
        return [first, _choice(kind, _reworded(stem, rng), rights, wrongs, rng)]
    every = [a for right in rights for a in _alternatives(right)]
    if kind == "QCU":
        second = {"type": "QROC", "instruction": stem, "label": "Réponse :", "solutions": every}
    else:
        fields = [{"name": f"reponse{i}", "label": f"Réponse {i}"} for i in (1, 2)]
        groups = {f"groupe{i}": _alternatives(r) for i, r in enumerate(rights, 1)}
        second = {
            "type": "QROCM-dep",
            "instruction": f"{stem} Citez-en deux.",
            "fields": fields,
            "solutions": groups,
        }
    tolerances = _free_tolerances(every)
    return [first, {**second, "tolerances": tolerances} if tolerances else second]


def _numbers_question(stem: str, answer: int | str, rng: random.Random, as_choice: bool) -> dict:
    if not as_choice:
        return {
            "type": "QROC",
            "instruction": stem,
            "label": "Réponse :",
            "solutions": [str(answer)],
        }
    if isinstance(answer, int):
        wrongs = sorted(
            {answer + 1, answer - 1, answer * 2 if answer else 3, answer + 10} - {answer}
        )
    else:
        family = (
            ("admis", "ajourné", "#VALEUR!")
            if answer in ("admis", "ajourné")
            else ("Lyon", "Nantes", "Lille", "#N/A")
        )
        wrongs = [w for w in family if w != answer]
    return _choice("QCU", stem, [str(answer)], [str(w) for w in wrongs[:3]], rng)


def _spreadsheet(level: int, rng: random.Random) -> tuple[str, int | str]:
    a, b, c, d = (rng.randint(2, 19) for _ in range(4))
    values = [rng.randint(2, 19) for _ in range(6)]
    cells = ", ".join(f"A{i} = {v}" for i, v in enumerate(values, 1))
    mean = [a, b, c, 4 * a - a - b - c] if 4 * a - a - b - c > 0 else [a, a, a, a]
    return {
        1: (f"A1 contient {a} et A2 contient {b}. Qu'affiche la formule =A1+A2 ?", a + b),
        2: (f"A1, A2 et A3 contiennent {a}, {b} et {c}. Que renvoie =SOMME(A1:A3) ?", a + b + c),
        3: (f"A1 à A4 contiennent {', '.join(map(str, mean))}. Que renvoie =MOYENNE(A1:A4) ?", a),
        4: (
            f"A1 à A4 contiennent {a}, {b}, {c} et {d}. Que renvoie =MAX(A1:A4)-MIN(A1:A4) ?",
            max(a, b, c, d) - min(a, b, c, d),
        ),
        5: (
            f'A1 contient {a}. Que renvoie =SI(A1>=10;"admis";"ajourné") ?',
            "admis" if a >= 10 else "ajourné",
        ),
        6: (f'Avec {cells}, que renvoie =NB.SI(A1:A6;">=10") ?', sum(v >= 10 for v in values)),
        7: (
            f'Avec {cells}, que renvoie =SOMME.SI(A1:A6;"<10") ?',
            sum(v for v in values if v < 10),
        ),
        8: (
            f"A1:B3 contient les codes et les villes 69 Lyon, 44 Nantes, 59 Lille. "
            f"Que renvoie =RECHERCHEV({[69, 44, 59][a % 3]};A1:B3;2;FAUX) ?",
            ["Lyon", "Nantes", "Lille"][a % 3],
        ),
    }[level]


_PROGRAM = (
    ("x = x + {p}", lambda x, y, p: (x + p, y)),
    ("y = x * {p}", lambda x, y, p: (x, x * p)),
    ("x = y - x", lambda x, y, p: (y - x, y)),
    ("x, y = y, x", lambda x, y, p: (y, x)),
    ("x = x // {p}", lambda x, y, p: (x // p, y)),
    ("x = x % {p} + y", lambda x, y, p: (x % p + y, y)),
    ("if x > y:\n    x = x - y\nelse:\n    x = y - x", lambda x, y, p: (abs(x - y), y)),
    ("for i in range({p}):\n    x = x + i", lambda x, y, p: (x + p * (p - 1) // 2, y)),
)


def _program(level: int, rng: random.Random) -> tuple[str, int]:
    x, y = rng.randint(2, 9), 0
    lines = [f"x = {x}", f"y = {y}"]
    for text, step in _PROGRAM[:level]:
        p = rng.randint(2, 5)
        lines.append(text.format(p=p))
        x, y = step(x, y, p)
    code = "\n".join(lines)
    return f"Que vaut x à la fin de ce programme Python ?\n\n{code}", x


def _storage(level: int, rng: random.Random) -> tuple[str, int]:
    n, m = rng.randint(2, 9), rng.choice((2, 4, 5))
    return {
        1: (f"Un octet compte 8 bits. Combien de bits contiennent {n} octets ?", 8 * n),
        2: (f"Combien d'octets contiennent {n} kilooctets (1 ko = 1 000 octets) ?", 1000 * n),
        3: (f"Combien de mégaoctets contiennent {n} gigaoctets (1 Go = 1 000 Mo) ?", 1000 * n),
        4: (f"Combien de photos de {m} Mo tiennent au plus sur une clé de {n} Go ?", n * 1000 // m),
        5: (f"À {m} Mbit/s, combien de secondes faut-il pour télécharger {n * m} Mo ?", 8 * n),
        6: (f"Combien de kibioctets contiennent {n} mébioctets (1 Mio = 1 024 Kio) ?", 1024 * n),
        7: (
            f"Une vidéo occupe {m * 10} Mo par minute. Combien de minutes entières tiennent "
            f"sur {n} Go libres ?",
            n * 1000 // (m * 10),
        ),
        8: (
            f"Combien d'octets pèse une image non compressée de {n * 100} × {m * 100} pixels "
            f"codée sur 24 bits ?",
            n * 100 * m * 100 * 3,
        ),
    }[level]


COMPUTED = {"@formulesTableur": _spreadsheet, "@variables": _program, "@unitesStockage": _storage}


def _with_media(challenge: dict, index: int) -> dict:
    """Spreads images, embedded apps, files and timers over the bank, always in the same places."""
    cid, extra = challenge["id"], []
    if index % 7 == 3:
        challenge["image"] = {"url": f"{ASSETS}/images/{cid}.png", "label": "Illustration"}
        extra.append("L'illustration ci-dessous peut vous aider.")
    if index % 11 == 5:
        challenge["embed"] = {"url": f"{ASSETS}/embeds/{cid}.html", "label": "Simulateur"}
        extra.append("Utilisez le simulateur pour vérifier votre réponse.")
    if index % 13 == 8:
        challenge["attachment"] = {"url": f"{ASSETS}/files/{cid}.ods", "label": "Données"}
        extra.append("Le fichier à télécharger contient les données utiles.")
    if index % 9 == 4 and challenge["type"] in ("QCU", "QROC"):
        challenge["timer"] = 60
    if extra:
        challenge["instruction"] += "\n\n" + " ".join(extra)
    return challenge


def build_bank() -> dict:
    """The whole sample bank as JSON-ready data; the same on every call."""
    rng = random.Random(SEED)
    tubes, skills, challenges = [], [], []
    for competence, tube_specs in TUBES.items():
        for name, title, lines in tube_specs:
            tubes.append(
                {"id": f"tube-{name[1:]}", "name": name, "title": title, "competence": competence}
            )
            computed = COMPUTED.get(name)
            for level in range(1, (8 if computed else len(lines)) + 1):
                skill_id = f"skill-{name[1:]}{level}"
                skills.append(
                    {
                        "id": skill_id,
                        "name": f"{name}{level}",
                        "tube": tubes[-1]["id"],
                        "level": level,
                    }
                )
                if computed:
                    variants = [
                        _numbers_question(*computed(level, rng), rng, as_choice=bool(k))
                        for k in (0, 1)
                    ]
                else:
                    variants = _line_variants(lines[level - 1], rng)
                if len(skills) % 10 == 0:
                    variants.append({**variants[0], "status": "proposé", "own_group": True})
                for letter, variant in zip("abc", variants, strict=False):
                    own = variant.pop("own_group", False)
                    challenge = {
                        "id": f"chal-{name[1:]}{level}-{letter}",
                        "skill": skill_id,
                        "status": variant.pop("status", "validé"),
                        "locale": "fr-fr",
                        "variant_group": f"grp-{name[1:]}{level}{'-' + letter if own else ''}",
                        **variant,
                    }
                    challenges.append(_with_media(challenge, len(challenges)))
    challenges.append(
        {
            "id": "chal-moteurRecherche1-en",
            "skill": "skill-moteurRecherche1",
            "status": "validé",
            "locale": "en",
            "variant_group": "grp-moteurRecherche1-en",
            "type": "QCU",
            "instruction": "Which tool finds web pages from keywords?",
            "proposals": ["a spreadsheet", "a search engine", "a firewall"],
            "solutions": [2],
        }
    )
    return {
        "format": "pixcert-content",
        "format_version": 1,
        "name": "Banque d'exemple pixcert (générée)",
        "tubes": tubes,
        "skills": skills,
        "challenges": challenges,
    }


def render() -> str:
    return json.dumps(build_bank(), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"{OUTPUT} : {OUTPUT.stat().st_size} octets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
