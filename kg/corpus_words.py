"""The words a generated corpus is written with, per language, as data (names, titles, phrases)."""

from __future__ import annotations

LANGUAGES = ("fr", "en")

FIRST_NAMES = (
    "Anne", "Bastien", "Camille", "Dorian", "Elsa", "Fabien", "Gaëlle", "Hugo", "Inès", "Jonas",
    "Katia", "Lucien", "Maëlle", "Nadia", "Octave", "Pauline", "Quentin", "Rosalie", "Samir",
    "Théa", "Ulysse", "Violette", "Wassim", "Yasmine", "Zoé", "Amara", "Bruno", "Celia", "Dario",
    "Emeka", "Farah", "Gideon", "Hana", "Idris", "Jia", "Kenji", "Leila", "Mateo", "Nia", "Omar",
    "Priya", "Rafael", "Sana", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zainab",
    "Aiko", "Bilal", "Chloé", "Dmitri", "Esther", "Felix", "Greta", "Hector", "Ivana", "Joris",
)  # fmt: skip

LAST_NAMES = (
    "Abernathy", "Baptiste", "Carvalho", "Delacroix", "Eriksen", "Ferrand", "Grimaldi", "Haddad",
    "Ibarra", "Jourdain", "Kowalski", "Lefebvre", "Marchetti", "Nakamura", "Okafor", "Petrovic",
    "Quesnel", "Rinaldi", "Sorensen", "Takahashi", "Urquhart", "Valdés", "Whitcombe", "Xu",
    "Yamazaki", "Zielinski", "Aubert", "Brennan", "Castellano", "Duval", "Esposito", "Fontaine",
    "Garnier", "Holloway", "Iwasaki", "Jansen", "Kalinowski", "Lindqvist", "Moreau", "Nyberg",
    "Oyelaran", "Pelletier", "Quintero", "Rousseau", "Schreiber", "Thibault", "Ueda", "Vasquez",
    "Weber", "Yildiz", "Zhao", "Arnaud", "Beaulieu", "Chevalier", "Dubois", "Engström",
    "Fabre", "Gauthier", "Hartmann", "Ilunga", "Jaramillo", "Keller", "Laurent", "Mbeki",
    "Nguyen", "Olsen", "Park", "Renaud", "Salazar", "Toussaint", "Varga", "Wolff", "Acheampong",
    "Bergström", "Corbin", "Desjardins", "Evans", "Fitzgerald", "Guerin", "Hoffmann", "Ishikawa",
    "Joubert", "Kiplagat", "Lambert", "Mercier", "Novak", "Ortega", "Perrin", "Roy", "Sato",
)  # fmt: skip

SYLLABLES = (
    "ve", "lo", "ra", "qua", "ti", "no", "bri", "sa", "cor", "de", "mi", "an", "ka", "zu", "el",
    "for", "ma", "ris", "ta", "xen", "ol", "vi", "tur", "ne", "gal", "pho", "ly", "dra", "sel", "ium",
)  # fmt: skip

COMPANY_SUFFIXES = ("Labs", "AI", "Research", "Systems", "Robotics", "Intelligence", "")
OUTLET_SUFFIXES = ("Daily", "Wire", "Tribune", "Review", "Dispatch")

TITLES = {
    "fr": (
        "directeur de la recherche", "responsable de la sécurité des modèles",
        "vice-présidente de l’ingénierie", "chercheuse principale", "cheffe de produit",
        "directrice scientifique", "responsable de l’alignement", "ingénieur principal",
        "directeur technique", "responsable des partenariats", "directrice des opérations",
        "chercheur en apprentissage par renforcement",
    ),
    "en": (
        "head of research", "vice president of engineering", "principal researcher",
        "chief scientist", "product lead", "head of alignment", "staff engineer",
        "chief technology officer", "head of partnerships", "research director",
        "head of model safety", "director of operations",
    ),
}  # fmt: skip

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}  # fmt: skip

REASONS = {
    "fr": (
        "désaccords sur la stratégie de sécurité", "la volonté de fonder sa propre entreprise",
        "divergences sur la feuille de route", "l’envie de revenir à la recherche fondamentale",
    ),
    "en": (
        "disagreements over safety strategy", "plans to start a company of its own",
        "differences over the product roadmap", "a wish to return to basic research",
    ),
}  # fmt: skip

PERSON_DESCRIPTIONS = {
    "fr": (
        "une spécialiste reconnue de l’apprentissage par renforcement",
        "l’un des pionniers des grands modèles de langue",
        "une figure discrète mais influente de l’alignement",
        "un ingénieur réputé pour ses travaux sur l’inférence",
    ),
    "en": (
        "a well-known reinforcement learning researcher",
        "one of the pioneers of large language models",
        "a quiet but influential figure in alignment research",
        "an engineer known for work on inference efficiency",
    ),
}  # fmt: skip

ORGANIZATION_DESCRIPTIONS = {
    "fr": (
        "une jeune pousse spécialisée dans les agents autonomes",
        "un laboratoire qui a levé des fonds considérables cette année",
        "une entreprise connue pour ses modèles ouverts",
    ),
    "en": (
        "a start-up focused on autonomous agents",
        "a lab that raised considerable funds this year",
        "a company known for its open models",
    ),
}  # fmt: skip

GROUP_NOUNS = {
    "fr": ("ingénieurs", "chercheurs", "membres de l’équipe de sécurité", "cadres"),
    "en": ("engineers", "researchers", "members of the safety team", "executives"),
}
NUMBER_WORDS = {
    "fr": ("deux", "trois", "quatre", "cinq", "six"),
    "en": ("two", "three", "four", "five", "six"),
}
ANNOUNCEMENT_CHANNELS = {
    "fr": ("sur LinkedIn", "dans un billet de blog", "dans un message à ses équipes"),
    "en": ("on LinkedIn", "in a blog post", "in a message to staff"),
}
TIMEFRAMES = {"fr": "dans les semaines à venir", "en": "in the coming weeks"}

FILLER = {
    "fr": (
        "La concurrence pour les talents de l’intelligence artificielle reste intense.",
        "Les laboratoires multiplient les offres pour attirer les chercheurs les plus expérimentés.",
        "Ces départs illustrent la mobilité croissante du secteur.",
        "Les salaires proposés atteignent des niveaux rarement vus dans la recherche.",
        "Plusieurs équipes ont été réorganisées au cours des derniers mois.",
        "Le secteur observe ces mouvements avec une attention particulière.",
        "Les investisseurs suivent de près la composition des équipes dirigeantes.",
    ),
    "en": (
        "Competition for artificial intelligence talent remains intense.",
        "Labs keep raising their offers to attract the most experienced researchers.",
        "These departures show how mobile the industry has become.",
        "The salaries on offer reach levels rarely seen in research.",
        "Several teams were reorganised over the past months.",
        "The industry is watching these moves closely.",
        "Investors follow the make-up of leadership teams closely.",
    ),
}  # fmt: skip
