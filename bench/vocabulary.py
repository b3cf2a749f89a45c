"""The words the synthetic graph is made of (names, organisations, French-like prose), as data."""

from __future__ import annotations

FIRST_NAMES = (
    "Adèle", "Agathe", "Alain", "Alice", "Amandine", "Anaïs", "André", "Antoine", "Arnaud",
    "Aurélie", "Bastien", "Béatrice", "Benoît", "Bernard", "Camille", "Capucine", "Céline",
    "Charles", "Chloé", "Christophe", "Claire", "Clément", "Colette", "Damien", "Denis", "Diane",
    "Dominique", "Édouard", "Élise", "Émile", "Emma", "Éric", "Estelle", "Étienne", "Fabien",
    "Florence", "François", "Gabriel", "Gaëlle", "Gérard", "Hélène", "Henri", "Hugo", "Inès",
    "Irène", "Jacques", "Jeanne", "Jérôme", "Joël", "Julie", "Julien", "Laure", "Léa", "Léon",
    "Louis", "Lucie", "Madeleine", "Manon", "Marc", "Margaux", "Martin", "Mathilde", "Maxime",
    "Michel", "Nadia", "Nathalie", "Nicolas", "Noémie", "Olivier", "Pascal", "Paul", "Pauline",
    "Pierre", "Quentin", "Raphaël", "Rémi", "Renée", "Romain", "Sabine", "Simon", "Solène",
    "Sophie", "Sylvain", "Thérèse", "Thibault", "Thomas", "Valérie", "Victor", "Virginie", "Yves",
)  # fmt: skip
NAME_SYLLABLES = (
    "bar", "bel", "ber", "bou", "cha", "chan", "cour", "dal", "dan", "del", "dur", "fau", "fon",
    "gar", "gau", "gir", "lam", "lan", "lau", "leb", "lef", "mar", "mas", "mer", "mon", "mor",
    "nau", "pel", "per", "pon", "rai", "ren", "rob", "rou", "sal", "san", "ser", "tal", "tes",
    "tho", "val", "ver", "vin", "vol",
)  # fmt: skip
NAME_ENDINGS = (
    "and", "ard", "aud", "eau", "el", "er", "et", "ier", "in", "ot", "oux", "y", "ès", "ière",
)  # fmt: skip
ORG_STEMS = (
    "Alto", "Brume", "Cime", "Delta", "Écho", "Faro", "Givre", "Hélio", "Iris", "Jade", "Kairos",
    "Lumen", "Mistral", "Nova", "Orion", "Pluvia", "Quartz", "Rive", "Sirius", "Tempo", "Ultra",
    "Vega", "Zéphyr", "Aube", "Borée", "Cobalt", "Dune", "Éther", "Flux", "Granit",
)  # fmt: skip
ORG_SUFFIXES = (
    "IA", "Labs", "Systèmes", "Recherche", "Intelligence", "Analytique", "Robotique", "Data",
    "Cognition", "Technologies",
)  # fmt: skip
ROLE_TITLES = (
    "directrice de la recherche", "directeur scientifique", "chercheuse principale",
    "responsable de la sécurité des modèles", "ingénieur en apprentissage automatique",
    "vice-présidente produit", "responsable de l'alignement", "chef d'équipe infrastructure",
    "directrice technique", "chercheur en interprétabilité",
)  # fmt: skip
REASONS = (
    "des divergences sur la stratégie de sécurité", "une offre jugée plus ambitieuse",
    "la volonté de fonder sa propre entreprise", "un désaccord sur la commercialisation",
    "le rapprochement avec une équipe de recherche", "des raisons personnelles",
)  # fmt: skip
FILLER_WORDS = (
    "le", "la", "les", "des", "un", "une", "secteur", "modèles", "recherche", "entreprise",
    "marché", "équipe", "laboratoire", "données", "calcul", "investisseurs", "sécurité",
    "annonce", "mois", "semaine", "concurrence", "talents", "ingénieurs", "chercheurs",
    "stratégie", "produit", "lancement", "financement", "croissance", "régulation", "Europe",
    "Paris", "start-up", "rapide", "important", "nouveau", "majeur", "discret", "récent",
    "connaît", "accélère", "annonce", "recrute", "confirme", "prépare", "selon", "depuis",
    "avec", "pour", "dans", "sur", "entre", "après", "avant", "aussi", "encore", "désormais",
    "toujours", "plusieurs", "certains", "nombreux", "grands", "petits", "acteurs", "génératifs",
    "intelligence", "artificielle", "mouvement", "départs", "arrivées", "ressources", "puces",
)  # fmt: skip
STATUSES = ("completed", "announced", "expected", "rumoured")
STATUS_WEIGHTS = (6, 3, 2, 1)
MOVE_VERBS = {
    "completed": "a rejoint",
    "announced": "annonce rejoindre",
    "expected": "devrait rejoindre",
    "rumoured": "pourrait rejoindre",
}
