"""The framework: 5 areas, 16 competences, per DOMAIN.md."""

from pixcore.referential import AREAS, COMPETENCES, competences_of_area


def test_five_areas_and_sixteen_competences():
    assert [a.code for a in AREAS] == ["1", "2", "3", "4", "5"]
    assert [c.code for c in COMPETENCES] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
    ]


def test_competences_belong_to_their_area():
    assert [c.code for c in competences_of_area("4")] == ["4.1", "4.2", "4.3"]
    assert all(c.code.startswith(c.area_code + ".") for c in COMPETENCES)


def test_french_names():
    names = {c.code: c.name for c in COMPETENCES}
    assert names["3.4"] == "Programmer"
    assert names["1.1"] == "Mener une recherche et une veille d'information"
    assert AREAS[4].name == "Environnement numérique"


def test_every_name_is_the_one_of_the_framework():
    assert {a.code: a.name for a in AREAS} == {
        "1": "Informations et données",
        "2": "Communication et collaboration",
        "3": "Création de contenu",
        "4": "Protection et sécurité",
        "5": "Environnement numérique",
    }
    assert {c.code: c.name for c in COMPETENCES} == {
        "1.1": "Mener une recherche et une veille d'information",
        "1.2": "Gérer des données",
        "1.3": "Traiter des données",
        "2.1": "Interagir",
        "2.2": "Partager et publier",
        "2.3": "Collaborer",
        "2.4": "S'insérer dans le monde numérique",
        "3.1": "Développer des documents textuels",
        "3.2": "Développer des documents multimédia",
        "3.3": "Adapter les documents à leur finalité",
        "3.4": "Programmer",
        "4.1": "Sécuriser l'environnement numérique",
        "4.2": "Protéger les données personnelles et la vie privée",
        "4.3": "Protéger la santé, le bien-être et l'environnement",
        "5.1": "Résoudre des problèmes techniques",
        "5.2": "Construire un environnement numérique",
    }
