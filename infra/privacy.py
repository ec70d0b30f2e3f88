"""The data map (PRIVACY.md): every kind of item of every service's table and every kind of
object of every bucket, what personal data it holds, why, on what legal basis, who reads it,
where it is copied, and how long it is kept. `python -m infra.privacy` (and `make template`)
writes PRIVACY.md; tests/unit/test_privacy_map.py fails on an attribute or object without an
entry here."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from infra import resources as r
from pixcore import retention as keep

PRIVACY_PATH = Path(__file__).resolve().parents[1] / "PRIVACY.md"

# Legal bases, as a school states them in its register of processing (RGPD art. 6).
MISSION = "mission d'intérêt public (art. 6-1-e) : certification Pix, décret n° 2019-919"
ACCOUNT = "mission d'intérêt public (art. 6-1-e) : le compte Pix de l'élève"
SECURITY = "intérêt légitime (art. 6-1-f) : sécurité du service"
EXAM_RECORD = "obligation légale (art. 6-1-c) : procès-verbal d'examen"
NONE = "aucune donnée personnelle"

KEYS = ("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "expires_at", "version")


@dataclass(frozen=True)
class Kind:
    """One kind of item of a service's table (a PynamoDB model)."""

    service: str
    model: str
    what: str
    personal: dict[str, str]
    other: tuple[str, ...] = ()
    purpose: str = ""
    basis: str = MISSION
    readers: str = ""
    copies: str = "aucune"
    retention: str = ""
    erasure: str = ""
    keys: str = "identifiants techniques"


@dataclass(frozen=True)
class Objects:
    """One kind of object of a bucket, by key pattern."""

    bucket: str
    pattern: str
    what: str
    personal: str
    purpose: str
    basis: str
    readers: str
    retention: str
    erasure: str
    lifecycle: tuple[str, ...] = field(default=())


NAMES = "nom de famille, nom d'usage, prénoms"
IDENTITY = f"{NAMES}, date de naissance"
BIRTHPLACE = "lieu de naissance (commune, département, pays)"
ERASED = "supprimé"
ACCOUNT_ERASED = "supprimé avec le compte (effacement demandé par la famille, fait par le jury)"

ORGA = (
    Kind(
        "orga",
        "UserItem",
        "le compte Pix d'une personne (élève, personnel, jury)",
        {
            "first_name": "prénom",
            "last_name": "nom",
            "birthdate": "date de naissance",
            "email": "adresse électronique",
            "username": "identifiant de connexion (prénom.nom + jour et mois de naissance)",
            "password_hash": "empreinte argon2 du mot de passe",
            "created_at": "date de création du compte",
        },
        ("role", "academie"),
        purpose="se connecter, être reconnu dans les campagnes et les sessions",
        basis=ACCOUNT,
        readers="orga (le titulaire, le jury ; pour un membre, les administrateurs de son établissement)",
        copies="jetons signés (id seulement) ; export des données",
        retention="tant que le compte existe",
        erasure=ACCOUNT_ERASED,
    ),
    Kind(
        "orga",
        "LoginItem",
        "l'index des identifiants de connexion",
        {},
        ("user_id",),
        purpose="retrouver un compte par son adresse ou son identifiant",
        basis=ACCOUNT,
        readers="orga",
        retention="tant que le compte existe",
        erasure=ACCOUNT_ERASED,
        keys="pk : adresse électronique ou identifiant de connexion",
    ),
    Kind(
        "orga",
        "OrganizationItem",
        "un établissement",
        {},
        ("uai", "name", "type", "sector", "academie", "is_certification_center"),
        purpose="rattacher élèves, campagnes et sessions à leur établissement",
        readers="orga, certif et jury (modèles de lecture)",
        retention="tant que l'établissement utilise Pix",
    ),
    Kind("orga", "UaiItem", "l'index des UAI", {}, ("organization_id",), readers="orga"),
    Kind(
        "orga",
        "MembershipItem",
        "l'appartenance d'un personnel à un établissement",
        {},
        ("role",),
        purpose="les droits du personnel",
        readers="orga ; certif et jury (modèles de lecture des membres)",
        retention="tant que le personnel est membre",
        erasure=ACCOUNT_ERASED,
        keys="pk/sk : établissement et compte",
    ),
    Kind(
        "orga",
        "CampaignItem",
        "une campagne",
        {"created_by": "le compte du personnel qui l'a créée (id)"},
        (
            "organization_id",
            "code",
            "name",
            "type",
            "created_at",
            "target_skill_ids",
            "external_id_label",
            "landing_text",
            "archived_at",
        ),
        purpose="savoir qui a lancé la campagne",
        readers="orga ; engine et jury (modèles de lecture)",
        retention="tant que l'établissement existe",
        erasure="l'id du personnel reste (il ne désigne pas un élève)",
    ),
    Kind("orga", "CampaignCodeItem", "l'index des codes de campagne", {}, ("campaign_id",)),
    Kind(
        "orga",
        "ParticipationItem",
        "la participation d'un élève à une campagne",
        {
            "student_id": "l'élève (id)",
            "last_name": "nom",
            "first_name": "prénom",
            "division": "classe",
            "external_id": "identifiant externe saisi",
            "joined_at": "date de participation",
            "shared_at": "date d'envoi du profil",
            "share_requested_at": "date de la demande d'envoi",
            "snapshot": "profil envoyé (niveaux et pix par compétence)",
        },
        ("organization_id",),
        purpose="le suivi des profils par l'établissement (export CSV de la campagne)",
        readers="orga (membres de l'établissement, l'élève)",
        copies="export CSV de la campagne (téléchargé par l'établissement)",
        retention="tant que l'élève est inscrit dans l'établissement",
        erasure=ERASED,
        keys="sk : le compte de l'élève",
    ),
    Kind(
        "orga",
        "ProfileItem",
        "le profil courant d'un compte (modèle de lecture d'engine)",
        {"snapshot": "niveaux et pix par compétence", "as_of": "date du profil"},
        purpose="montrer à l'élève ce qu'il enverra",
        basis=ACCOUNT,
        readers="orga (l'élève)",
        retention="tant que le compte existe",
        erasure=ACCOUNT_ERASED,
        keys="pk : le compte",
    ),
    Kind(
        "orga",
        "ImportItem",
        "un import de la liste des élèves",
        {
            "errors": "erreurs du fichier, avec l'élève concerné (nom, prénom, INE)",
            "warnings": "avertissements, avec l'élève concerné",
        },
        (
            "status",
            "file_kind",
            "source",
            "key",
            "inbox_key",
            "created_at",
            "finished_at",
            "counts",
            "errors_key",
            "warnings_key",
        ),
        purpose="le compte rendu de l'import pour l'établissement",
        readers="orga (administrateurs de l'établissement, jury)",
        retention=f"réussi : tant que l'établissement existe (sans erreurs) ; échoué : "
        f"{keep.FAILED_IMPORT_DAYS} jours (TTL)",
        erasure="les erreurs et avertissements qui nomment l'élève sont retirés",
    ),
    Kind("orga", "ImportLockItem", "le verrou d'import", {}, ("import_id", "lease_until")),
    Kind(
        "orga",
        "ResultItem",
        "un résultat de certification publié (modèle de lecture de jury)",
        {
            "student_id": "l'élève (id)",
            "first_name": "prénom",
            "last_name": "nom",
            "birthdate": "date de naissance",
            "birthplace": "lieu de naissance",
            "external_id": "identifiant externe",
            "division": "classe",
            "status": "statut de la certification",
            "pix_score": "nombre de pix",
            "levels": "niveau par compétence",
            "comment": "commentaire du jury pour l'établissement",
            "taken_on": "date de passage",
        },
        ("certification_id", "session_id", "center"),
        purpose="le CSV des résultats de l'établissement",
        readers="orga (administrateurs de l'établissement)",
        copies="CSV des résultats (téléchargé par l'établissement)",
        retention="tant que l'élève est inscrit dans l'établissement",
        erasure=ERASED,
    ),
    Kind(
        "orga",
        "StudentItem",
        "un élève de la liste SIECLE (ou CSV agricole) de l'établissement",
        {
            "ine": "INE",
            "last_name": "nom de famille",
            "preferred_last_name": "nom d'usage",
            "first_name": "prénom",
            "middle_name": "deuxième prénom",
            "third_name": "troisième prénom",
            "birthdate": "date de naissance",
            "sex": "sexe",
            "birth_country_code": "pays de naissance",
            "birth_department_code": "département de naissance",
            "birth_city_code": "commune de naissance",
            "birth_city": "ville de naissance (né à l'étranger)",
            "division": "classe",
            "mef_code": "formation (MEF)",
            "status": "statut scolaire",
            "search_text": "nom et prénom pliés pour la recherche",
            "fingerprint": "empreinte du contenu de la ligne",
            "updated_at": "date de mise à jour",
        },
        ("student_id", "active"),
        purpose="réconcilier le compte de l'élève, l'inscrire en session",
        readers="orga (membres de l'établissement) ; certif (modèle de lecture)",
        copies="liste des élèves (S3, StudentsImported) ; certif ; export des données",
        retention="inscrit : tant qu'il est dans le fichier ; sorti (désactivé) : jusqu'à la fin "
        "de l'année scolaire de sa sortie (TTL au 1er septembre)",
        erasure=ERASED,
        keys="sk : INE",
    ),
    Kind(
        "orga",
        "ErasureItem",
        "la trace d'un effacement et le rapport de chaque service",
        {
            "student_ids": "les élèves effacés (ids, ne désignent plus personne)",
            "user_id": "le compte effacé (id)",
            "requested_by": "qui a demandé l'effacement (id)",
        },
        ("scope", "requested_at", "organization_id", "reports"),
        purpose="prouver que l'effacement a eu lieu et ce que chaque service a gardé",
        basis="obligation légale (art. 6-1-c) : répondre à une demande d'effacement (art. 17)",
        readers="orga (le jury, les administrateurs de l'établissement)",
        retention=f"{keep.ERASURE_RECORD_DAYS} jours (TTL)",
        erasure="gardé : ids seulement, la preuve de l'effacement",
    ),
    Kind(
        "orga",
        "ExportItem",
        "une demande d'export des données d'un apprenant",
        {
            "user_id": "le compte (id)",
            "requested_by": "qui l'a demandé (id)",
            "subject_key": "l'apprenant exporté (ids)",
        },
        ("requested_at", "organization_id", "parts", "archive_key"),
        purpose="construire l'archive et la donner à qui l'a demandée",
        basis="obligation légale (art. 6-1-c) : droit d'accès (art. 15)",
        readers="orga (l'apprenant, l'administrateur qui l'a demandé, le jury)",
        retention=f"{keep.EXPORT_DAYS} jours (TTL), comme l'archive",
        erasure=ERASED,
    ),
    Kind("orga", "DivisionItem", "une classe et son effectif", {}, ("name", "student_count")),
    Kind("orga", "StudentListItem", "la liste courante", {}, ("generation",)),
    Kind(
        "orga",
        "LinkItem",
        "le compte réconcilié avec un élève",
        {"user_id": "le compte (id)"},
        purpose="la réconciliation élève ↔ compte",
        readers="orga",
        retention="comme l'élève",
        erasure=ERASED,
    ),
    Kind(
        "orga",
        "AccountLinkItem",
        "l'élève d'un compte dans l'établissement",
        {"student_id": "l'élève (id)"},
        purpose="la réconciliation élève ↔ compte",
        readers="orga",
        retention="comme l'élève",
        erasure=ERASED,
    ),
    Kind(
        "orga",
        "ThrottleItem",
        "les tentatives de connexion récentes",
        {"recent": "dates des échecs, identifiants tentés"},
        basis=SECURITY,
        purpose="freiner les attaques par mots de passe",
        readers="orga",
        retention="quelques minutes après la dernière tentative (TTL)",
        erasure="expire seul",
        keys="pk : identifiant tenté ou adresse IP",
    ),
)

CERTIF = (
    Kind(
        "certif",
        "CenterItem",
        "un centre de certification (modèle de lecture d'orga)",
        {"members": "les comptes des personnels (ids) et leurs rôles"},
        ("academie", "is_certification_center", "name", "sector", "type", "uai"),
        purpose="les droits des personnels du centre",
        readers="certif",
        retention="tant que l'établissement existe",
        erasure="le compte effacé n'est plus membre (MembershipChanged)",
    ),
    Kind(
        "certif",
        "SessionItem",
        "une session de certification",
        {"examiner": "nom(s) du ou des surveillants"},
        (
            "access_code",
            "address",
            "candidate_count",
            "center_id",
            "created_at",
            "description",
            "examiner_password",
            "finalized_at",
            "name",
            "room",
            "session_date",
            "start_time",
            "status",
        ),
        purpose="organiser la session",
        erasure="le nom du surveillant reste (personnel, pas un élève)",
        readers="certif (membres du centre, surveillant)",
        copies="feuille d'émargement et PV d'incident (S3) ; SessionFinalized",
        retention="tant que l'établissement existe",
    ),
    Kind(
        "certif",
        "CandidateItem",
        "un candidat inscrit à une session",
        {
            "data": f"{IDENTITY}, sexe, {BIRTHPLACE}, classe, identifiant externe, temps "
            "majoré, lien à l'élève et au compte, état du jour de test, signalements",
        },
        purpose="la feuille d'émargement, l'accès au test, la finalisation",
        readers="certif (membres du centre, surveillant, le candidat)",
        copies="feuille d'émargement (S3) ; SessionFinalized (jury, engine) ; export",
        retention=f"session non finalisée : tant qu'elle existe ; finalisée : "
        f"{keep.SESSION_DOCUMENTS_DAYS // 365} ans (procès-verbal d'examen)",
        basis=f"{MISSION} ; {EXAM_RECORD} une fois la session finalisée",
        erasure="session non finalisée : le candidat est retiré ; finalisée : gardé "
        "2 ans comme procès-verbal (la feuille signée de l'établissement fait foi), "
        "nommé dans le rapport d'effacement",
    ),
    Kind("certif", "CounterItem", "le compteur des numéros de session", {}, ("value",)),
    Kind("certif", "AccessCodeItem", "l'index des codes d'accès", {}, ("session_id",)),
    Kind(
        "certif",
        "FinalizationItem",
        "le brouillon de finalisation d'une session",
        {"data": "par candidat : écran de fin vu, motif d'abandon, signalements (texte libre)"},
        purpose="finaliser la session",
        readers="certif (membres du centre)",
        copies="SessionFinalized",
        retention=f"{keep.SESSION_DOCUMENTS_DAYS // 365} ans après la session",
        basis=EXAM_RECORD,
        erasure="les signalements du candidat sont retirés tant que la session n'est pas "
        "finalisée ; ensuite gardés avec le procès-verbal",
    ),
    Kind(
        "certif",
        "ThrottleItem",
        "les échecs de mot de passe surveillant ou de code d'accès",
        {"failures": "nombre d'échecs", "last_failure_at": "date du dernier échec"},
        basis=SECURITY,
        purpose="bloquer après 5 codes faux",
        readers="certif",
        retention="jusqu'au déblocage ou à la fin de la session",
        erasure=ERASED,
        keys="pk : session et candidat",
    ),
    Kind(
        "certif",
        "StudentItem",
        "un élève inscriptible (modèle de lecture d'orga)",
        {"data": f"{IDENTITY}, sexe, {BIRTHPLACE}, classe, INE", "search_key": "nom plié"},
        ("imported_at",),
        purpose="choisir les candidats d'une session",
        readers="certif (membres du centre)",
        retention="comme l'élève dans orga",
        erasure=ERASED,
        keys="gsi1sk/gsi2sk : nom et prénom pliés",
    ),
    Kind("certif", "ImportMarkItem", "le dernier import lu", {}, ("imported_at",)),
    Kind(
        "certif",
        "LinkItem",
        "le compte réconcilié avec un élève (modèle de lecture)",
        {"user_id": "le compte (id)"},
        purpose="reconnaître le candidat",
        readers="certif",
        retention="comme l'élève",
        erasure=ERASED,
    ),
    Kind(
        "certif",
        "ProfileItem",
        "la certifiabilité d'un compte (modèle de lecture d'engine)",
        {"certifiable": "certifiable ou non", "level_count": "compétences au niveau 1 ou plus"},
        ("as_of",),
        purpose="afficher qui est certifiable",
        readers="certif (membres du centre)",
        retention="tant que le compte existe",
        erasure=ERASED,
        keys="pk : le compte",
    ),
)

ENGINE = (
    Kind(
        "engine",
        "LearnerItem",
        "l'état d'un apprenant : acquis, épreuves vues, tests en cours et leurs réponses",
        {
            "elements": "acquis (validés ou non) par acquis du référentiel",
            "seen": "épreuves déjà vues",
            "active": "tests de positionnement en cours",
            "slots": "tests par compétence ou campagne",
            "history": "réponses du test en cours",
        },
        purpose="le profil Pix (niveaux, pix, certifiabilité) et le test adaptatif",
        basis=ACCOUNT,
        readers="engine (l'élève)",
        copies="ProfileUpdated / ProfileShared (niveaux et pix seulement) ; export",
        retention="tant que le compte existe",
        erasure=ACCOUNT_ERASED,
        keys="pk : le compte",
    ),
    Kind(
        "engine",
        "AssessmentItem",
        "un test de positionnement archivé",
        {"user_id": "le compte (id)", "data": "déroulé du test"},
        ("state",),
        purpose="l'historique des tests de l'élève",
        basis=ACCOUNT,
        readers="engine (l'élève)",
        copies="export",
        retention=f"{keep.PLACEMENT_HISTORY_DAYS} jours après la fin du test (TTL)",
        erasure=ACCOUNT_ERASED,
    ),
    Kind(
        "engine",
        "AnswerItem",
        "une réponse d'un test de positionnement archivé",
        {
            "user_id": "le compte (id)",
            "value": "la réponse donnée",
            "result": "juste, faux, passée",
            "elapsed_seconds": "temps passé",
            "answered_at": "date de la réponse",
            "knowledge_elements": "acquis créés",
        },
        ("challenge_id",),
        purpose="l'historique des tests de l'élève",
        basis=ACCOUNT,
        readers="engine (l'élève)",
        copies="export",
        retention=f"{keep.PLACEMENT_HISTORY_DAYS} jours après la fin du test (TTL)",
        erasure=ACCOUNT_ERASED,
    ),
    Kind(
        "engine",
        "CampaignItem",
        "une campagne (modèle de lecture d'orga)",
        {},
        ("archived_at", "campaign_id", "campaign_type", "organization_id", "target_skill_ids"),
        readers="engine",
    ),
    Kind(
        "engine",
        "ParticipantItem",
        "un participant d'une campagne (modèle de lecture d'orga)",
        {"user_id": "le compte (id)", "joined_at": "date de participation"},
        purpose="ne lancer le test que pour un participant",
        readers="engine",
        retention="comme la participation dans orga",
        erasure=ERASED,
    ),
    Kind(
        "engine",
        "LearnerLinkItem",
        "l'élève d'un compte dans un établissement (modèle de lecture d'orga)",
        {"student_id": "l'élève (id)", "linked_at": "date de réconciliation"},
        ("organization_id",),
        purpose="rattacher les tests aux établissements",
        readers="engine",
        retention="comme l'élève",
        erasure=ERASED,
        keys="pk : le compte",
    ),
)

CERT_VALID = f"{keep.CERTIFICATE_VALIDITY_DAYS // 365} ans après la publication"
EXAM_KEPT = (
    "gardé : résultat publié, procès-verbal de l'examen et attestation vérifiable tant que le "
    "certificat est valide (3 ans) ; session pas encore publiée : dossier d'examen en cours "
    "(le rapport d'effacement le dit, avec la date)"
)
COURSE_KEPT = (
    "gardé : les réponses d'une certification font partie du procès-verbal de l'examen "
    "(le rapport d'effacement le dit)"
)

ENGINE += (
    Kind(
        "engine",
        "CourseItem",
        "un test de certification : questions, profil au départ, réponses, fin",
        {
            "user_id": "le compte (id)",
            "session_id": "la session (id)",
            "data": "profil au départ, code de vérification, réponses données, temps passé, "
            "fin du test et sa raison",
            "questions": "questions posées (épreuves du référentiel)",
            "announced_at": "date d'envoi des réponses au jury",
        },
        ("state",),
        purpose="faire passer la certification et en transmettre les réponses au jury",
        basis=EXAM_RECORD,
        readers="engine (le candidat pendant son test)",
        copies="CertificationCompleted (réponses, vers le jury) ; export",
        retention=f"dossier d'examen : tant que le certificat est vérifiable ({CERT_VALID})",
        erasure=COURSE_KEPT,
        keys="pk : le test ; gsi1 : le compte ; gsi2 : la session",
    ),
    Kind(
        "engine",
        "CourseRefusalItem",
        "un démarrage de certification refusé (candidat non certifiable, déjà passé…)",
        {
            "user_id": "le compte (id)",
            "data": "session, candidat (ids), motif du refus",
            "refused_at": "date du refus",
        },
        purpose="répondre au candidat et au centre pourquoi le test n'a pas démarré",
        basis=EXAM_RECORD,
        readers="engine, certif (membres du centre)",
        copies="CertificationStartRefused (vers certif et jury) ; export",
        retention="tant que le compte existe",
        erasure=ACCOUNT_ERASED,
        keys="pk : le test ; gsi1 : le compte",
    ),
    Kind(
        "engine",
        "VerificationCodeItem",
        "la réservation d'un code de vérification (unicité)",
        {},
        ("course_id",),
        purpose="qu'un code de vérification ne serve qu'à un test",
        readers="engine",
        keys="pk : le code de vérification",
    ),
)

JURY = (
    Kind(
        "jury",
        "SchoolItem",
        "un établissement (modèle de lecture d'orga, tableau de bord académique)",
        {},
        ("academie", "is_certification_center", "sector"),
        readers="jury (jury, ACADEMIE)",
    ),
    Kind(
        "jury",
        "CertificationItem",
        "la certification d'un candidat : réponses notées, identité, résultats et historique",
        {
            "data": f"le compte, l'élève et le candidat (ids), {IDENTITY}, {BIRTHPLACE}, sexe, "
            "INE, classe, réponses (justes, fausses, neutralisées), signalements, résultat "
            "(statut, pix, niveaux), commentaires du jury, historique des résultats (qui, quand)",
        },
        purpose="juger et publier le résultat de la certification, délivrer l'attestation",
        basis=EXAM_RECORD,
        readers="jury (jury) ; le titulaire et les administrateurs du centre (résultat, "
        "attestation)",
        copies="SessionPublished (résultats, vers certif et engine) ; attestations PDF ; "
        "enregistrement de vérification ; export",
        retention=f"procès-verbal de l'examen : tant que le certificat est valide ({CERT_VALID})",
        erasure=EXAM_KEPT,
        keys="pk : le test ; gsi2 : le compte",
    ),
    Kind(
        "jury",
        "SessionItem",
        "une session examinée par le jury : ses candidats et son état",
        {
            "data": f"par candidat : {IDENTITY}, {BIRTHPLACE}, INE, classe, compte et élève "
            "(ids), temps majoré, motif d'abandon, signalements ; surveillants, commentaire",
        },
        purpose="examiner et publier la session",
        basis=EXAM_RECORD,
        readers="jury (jury)",
        copies="attestations de la session (PDF)",
        retention=f"procès-verbal de l'examen : tant que ses certificats sont valides ({CERT_VALID})",
        erasure=EXAM_KEPT,
        keys="pk : la session ; gsi1 : l'état ; gsi2 : le membre du jury assigné",
    ),
    Kind(
        "jury",
        "CodeItem",
        "l'enregistrement public de vérification d'un certificat valide",
        {
            "data": "code de vérification, nom et prénom, date et lieu de naissance, centre, "
            "dates de passage et de délivrance, pix, niveaux par compétence",
        },
        purpose="la vérification publique d'un certificat (page de vérification, QR code)",
        basis=EXAM_RECORD,
        readers="tout visiteur qui connaît le code",
        copies="le QR code et le code imprimés sur l'attestation",
        retention=f"tant que le certificat est valide : {CERT_VALID} (TTL)",
        erasure="gardé : la vérification publique du certificat le demande tant qu'il est "
        "valide (3 ans, nommé dans le rapport d'effacement) ; retiré si le jury annule le "
        "résultat",
        keys="pk : le code de vérification",
    ),
    Kind(
        "jury",
        "MembersItem",
        "les membres d'un établissement et leur rôle (modèle de lecture d'orga)",
        {"members": "comptes (ids) et rôle de chaque membre du personnel", "as_of": "date"},
        purpose="savoir qui peut lire les résultats et imprimer les attestations du centre",
        basis=MISSION,
        readers="jury",
        retention="remplacé à chaque changement dans orga",
        erasure="personnel seulement (un compte du personnel ne s'efface pas ainsi)",
        keys="pk : l'établissement",
    ),
    Kind(
        "jury",
        "FactItem",
        "un fait déjà compté dans le tableau de bord (ids de test, d'établissement)",
        {},
        readers="jury",
    ),
    Kind(
        "jury",
        "TallyItem",
        "le décompte d'une session pour le tableau de bord",
        {},
        ("candidates", "center_id", "counted", "finalized", "revision"),
        readers="jury",
    ),
    Kind(
        "jury",
        "CounterItem",
        "les chiffres d'une académie, d'un secteur ou du pays",
        {},
        (
            "candidates_enrolled",
            "candidates_took_part",
            "certification_centers",
            "certified",
            "schools",
            "schools_with_active_students",
            "schools_with_sessions",
            "sessions_created",
            "sessions_finalized",
        ),
        readers="jury (jury, ACADEMIE)",
    ),
    Kind(
        "jury",
        "WeekCounterItem",
        "les chiffres d'une semaine, d'une académie, d'un secteur ou du pays",
        {},
        ("candidates_enrolled", "certified", "sessions_created", "sessions_finalized"),
        readers="jury (jury, ACADEMIE)",
    ),
    Kind(
        "jury",
        "ThrottleItem",
        "le nombre de vérifications d'un visiteur dans la minute",
        {"hits": "nombre de vérifications"},
        purpose="freiner qui essaie des codes au hasard",
        basis=SECURITY,
        readers="jury",
        retention="2 minutes (TTL)",
        erasure="expire seul (aucun lien avec un compte)",
        keys="pk : l'adresse IP du visiteur et la minute",
    ),
)

KINDS: tuple[Kind, ...] = ORGA + CERTIF + ENGINE + JURY
PROCESSED = "message ids déjà traités (aucune donnée personnelle), 7 jours (TTL)"

ORGA_DOCS, CERTIF_DOCS = r.documents_bucket("orga"), r.documents_bucket("certif")
JURY_DOCS = r.documents_bucket("jury")
OBJECTS: tuple[Objects, ...] = (
    Objects(
        ORGA_DOCS,
        "imports/<établissement>/<import>",
        "le fichier SIECLE ou CSV déposé (envoi HTTP ou URL présignée)",
        "toute la liste des élèves : identité, naissance, INE, classe",
        "l'import des élèves",
        MISSION,
        "orga",
        f"supprimé à la fin d'un import réussi ; échoué : {keep.FAILED_IMPORT_DAYS} jours",
        "n'existe plus après l'import",
        ("import-files",),
    ),
    Objects(
        ORGA_DOCS,
        "imports/<établissement>/<import>.errors.json, .warnings.json",
        "le compte rendu d'un gros import",
        "les élèves concernés par une erreur",
        "le compte rendu de l'import",
        MISSION,
        "orga (administrateurs)",
        f"{keep.FAILED_IMPORT_DAYS} jours",
        "expire seul",
        ("import-files",),
    ),
    Objects(
        ORGA_DOCS,
        "imports/<établissement>/<import>.students.jsonl",
        "la liste des élèves actifs (message StudentsImported)",
        "identité, naissance, INE, classe",
        "alimenter le modèle de lecture de certif",
        MISSION,
        "orga, certif",
        f"remplacée au prochain import ; au plus {keep.FAILED_IMPORT_DAYS} jours",
        "la ligne de l'élève est retirée",
        ("import-files",),
    ),
    Objects(
        ORGA_DOCS,
        "imports/<établissement>/<liste>.digest.jsonl, .manifest.json",
        "l'empreinte de la liste courante (le prochain import la compare)",
        "INE, classe",
        "importer sans relire la table",
        MISSION,
        "orga",
        f"remplacée au prochain import ; au plus {keep.FAILED_IMPORT_DAYS} jours",
        "la ligne de l'élève est retirée",
        ("import-files",),
    ),
    Objects(
        ORGA_DOCS,
        "inbox/<UAI>/…, done/<UAI>/…, failed/<UAI>/…",
        "les fichiers déposés dans la boîte d'import, et leur compte rendu",
        "toute la liste des élèves",
        "l'import programmé",
        MISSION,
        "orga",
        f"{keep.FAILED_IMPORT_DAYS} jours",
        "expire seul",
        ("inbox-files", "done-files", "failed-files"),
    ),
    Objects(
        ORGA_DOCS,
        "exports/<export>.zip, exports/<export>/<service>.json",
        "l'archive des données d'un apprenant",
        "toutes ses données (voir l'export)",
        "le droit d'accès (RGPD art. 15)",
        "obligation légale (art. 6-1-c) : droit d'accès",
        "orga (le titulaire, l'administrateur de l'établissement qui l'a demandée)",
        f"{keep.EXPORT_DAYS} jours",
        ERASED,
        ("exports",),
    ),
    Objects(
        CERTIF_DOCS,
        "sessions/<session>/attendance-sheet-…pdf, incident-report-…pdf",
        "la feuille d'émargement et le PV d'incident imprimés",
        f"par candidat : {IDENTITY}, {BIRTHPLACE}, temps majoré",
        "la session d'examen",
        EXAM_RECORD,
        "certif (membres du centre)",
        f"{keep.SESSION_DOCUMENTS_DAYS // 365} ans",
        "session non finalisée : les feuilles déjà produites sont supprimées (la suivante "
        "est faite sans l'élève) ; finalisée : gardées 2 ans, procès-verbal de l'examen",
        ("session-documents-two-years",),
    ),
    Objects(
        CERTIF_DOCS,
        "sessions/<session>/documents/<document>.pdf",
        "le PV de session scanné et les autres documents de finalisation",
        "signatures et identité des candidats de la session",
        "la session d'examen",
        EXAM_RECORD,
        "certif (membres du centre) ; jury",
        f"{keep.SESSION_DOCUMENTS_DAYS // 365} ans",
        "gardés 2 ans : procès-verbal signé, il ne se corrige pas",
        ("session-documents-two-years",),
    ),
    Objects(
        JURY_DOCS,
        "attestations/<test>/v<version>.pdf",
        "l'attestation signée d'un candidat, une par version du résultat",
        f"{IDENTITY}, {BIRTHPLACE}, résultat, code de vérification",
        "délivrer l'attestation de certification",
        EXAM_RECORD,
        "jury ; le titulaire et les administrateurs du centre",
        f"{CERT_VALID} au plus",
        "supprimée (jury la produit à nouveau depuis son dossier tant que le certificat est "
        "valide)",
        ("attestations-three-years",),
    ),
    Objects(
        JURY_DOCS,
        "attestations/sessions/<session>/<empreinte>.pdf",
        "les attestations d'une session ou d'une classe, à imprimer",
        f"par candidat : {IDENTITY}, {BIRTHPLACE}, résultat, code de vérification",
        "imprimer les attestations d'une session",
        EXAM_RECORD,
        "jury ; les administrateurs du centre",
        f"{CERT_VALID} au plus",
        "gardées : elles nomment d'autres candidats ; elles expirent avec les certificats",
        ("attestations-three-years",),
    ),
    Objects(
        r.claim_check_bucket(),
        "claim-checks/<type>/<message>.json",
        "le corps d'un message trop gros pour SQS",
        "selon le message : listes de candidats, résultats, réponses",
        "faire passer un gros message",
        MISSION,
        "le producteur et les consommateurs du message",
        f"{keep.CLAIM_CHECK_DAYS} jours (la file des messages en échec les garde autant)",
        "les entrées de l'apprenant sont retirées (l'objet est supprimé s'il ne parle que de lui)",
        ("claims-expire",),
    ),
)


def _row(*cells: str) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def render() -> str:
    out = [
        "# pixcert — registre des données personnelles",
        "",
        "Generated by `python -m infra.privacy` from `infra/privacy.py` (also run by `make "
        "template`); do not edit by hand. A test fails when a table attribute or a kind of "
        "stored object has no entry. Logs carry ids only: no name, birthdate, INE, e-mail or "
        "answer is ever logged.",
        "",
        "Ce registre décrit, table par table et document par document, ce que pixcert garde "
        "des élèves (des mineurs pour la plupart), pourquoi, sur quelle base légale, qui le lit, "
        "où il est copié et combien de temps. L'effacement (`POST /orga/organizations/{org_id}"
        "/students/{student_id}/erasure`, ou `POST /orga/users/{user_id}/erasure` pour le jury) "
        "passe par le message `LearnerErasureRequested` à chaque service, qui répond par "
        "`LearnerErasedBy<Service>` avec ce qu'il a supprimé et ce qu'il garde (colonne "
        "« effacement »). Sauvegardes : les tables gardent "
        f"{keep.BACKUP_DAYS} jours de restauration à un instant donné (PITR) et les buckets "
        f"{keep.OLD_VERSION_DAYS} jours des versions remplacées ; un effacement y disparaît donc "
        f"au plus tard {keep.BACKUP_DAYS} jours après. Un élève effacé qui figure encore dans le fichier SIECLE de "
        "l'établissement est recréé par l'import suivant (sans lien avec son compte ni ses "
        "anciennes données) : SIECLE reste la source de l'établissement.",
        "",
    ]
    for svc in r.SERVICES:
        out += [f"## {svc} — table `{r.main_table(svc)}`", ""]
        for k in (k for k in KINDS if k.service == svc):
            personal = "; ".join(f"`{a}` : {d}" for a, d in k.personal.items()) or NONE
            out += [
                f"### {k.model} — {k.what}",
                "",
                _row("", ""),
                _row("---", "---"),
                _row("données personnelles", personal),
                _row("autres attributs", ", ".join(f"`{a}`" for a in k.other) or "—"),
                _row("clés", k.keys),
                _row("finalité", k.purpose or "—"),
                _row("base légale", k.basis if k.personal else "—"),
                _row("lu par", k.readers or svc),
                _row("copié dans", k.copies),
                _row("conservation", k.retention or "tant que l'objet décrit existe"),
                _row("effacement", k.erasure or "rien à effacer"),
                "",
            ]
        out += [f"Table `{r.processed_table(svc)}` : {PROCESSED}.", ""]
    out += [
        "## Documents (S3)",
        "",
        _row(
            "bucket",
            "objets",
            "quoi",
            "données",
            "finalité",
            "base",
            "lu par",
            "conservation",
            "effacement",
            "règle",
        ),
        _row(*["---"] * 10),
    ]
    for o in OBJECTS:
        out.append(
            _row(
                f"`{o.bucket}`",
                f"`{o.pattern}`",
                o.what,
                o.personal,
                o.purpose,
                o.basis,
                o.readers,
                o.retention,
                o.erasure,
                ", ".join(f"`{x}`" for x in o.lifecycle),
            )
        )
    out += [
        "",
        "Journaux : identifiants seulement (ids d'élève, de compte, de session, de message).",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    PRIVACY_PATH.write_text(render())
    sys.stdout.write(f"wrote {PRIVACY_PATH}\n")
