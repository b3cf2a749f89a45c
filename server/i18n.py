"""The pages' languages: which one a request wants, and the interface strings of each, as data."""

from __future__ import annotations

from collections.abc import Mapping

from werkzeug.datastructures import LanguageAccept

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français"}

# Interface strings (the graph's own labels name classes, properties and statuses); {} are filled
# with str.format. Every key has every language; "<lang>.one" is the singular form, used when the
# count `n` is one (zero too, in French). tests/test_pages_i18n.py checks the table.
STRINGS: dict[str, dict[str, str]] = {
    "site.name": {"en": "Revolving Door", "fr": "La porte tournante"},
    "site.tagline": {
        "en": "People moving between AI organisations, every fact traced to its quote",
        "fr": "Les allers-retours entre organisations d'IA, chaque fait relié à sa citation",
    },
    "nav.home": {"en": "Home", "fr": "Accueil"},
    "nav.people": {"en": "People", "fr": "Personnes"},
    "nav.organizations": {"en": "Organisations", "fr": "Organisations"},
    "nav.moves": {"en": "Moves", "fr": "Mouvements"},
    "nav.documents": {"en": "Documents", "fr": "Documents"},
    "nav.sparql": {"en": "SPARQL", "fr": "SPARQL"},
    "nav.main": {"en": "Main", "fr": "Principal"},
    "lang.switch": {"en": "Français", "fr": "English"},
    "lang.switch.title": {"en": "Lire en français", "fr": "Read in English"},
    "count.people": {"en": "people", "fr": "personnes"},
    "count.organizations": {"en": "organisations", "fr": "organisations"},
    "count.moves": {"en": "moves", "fr": "mouvements"},
    "count.roles": {"en": "roles", "fr": "rôles"},
    "count.documents": {"en": "documents", "fr": "documents"},
    "count.evidence": {"en": "quotes", "fr": "citations"},
    "count.mentions": {"en": "mentions", "fr": "mentions"},
    "count.joined": {"en": "arrivals", "fr": "arrivées"},
    "count.left": {"en": "departures", "fr": "départs"},
    "count.facts": {"en": "facts", "fr": "faits"},
    "home.holds": {"en": "What the dataset holds", "fr": "Ce que contient le jeu de données"},
    "home.built": {"en": "Last build", "fr": "Dernière construction"},
    "home.version": {"en": "version", "fr": "version"},
    "home.flows": {
        "en": "Talent flows between organisations",
        "fr": "Flux de talents entre organisations",
    },
    "home.flows.none": {"en": "No move recorded yet.", "fr": "Aucun mouvement pour l'instant."},
    "home.data": {"en": "Use the data", "fr": "Utiliser les données"},
    "home.sparql": {
        "en": "SPARQL endpoint: ask the graph your own questions",
        "fr": "Point d'accès SPARQL : posez vos propres questions au graphe",
    },
    "home.dumps": {
        "en": "Downloads: the whole graph in Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads",
        "fr": "Téléchargements : tout le graphe en Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads",
    },
    "home.ontology": {
        "en": "Ontology: the classes and properties of the graph",
        "fr": "Ontologie : les classes et propriétés du graphe",
    },
    "home.browse": {"en": "Browse", "fr": "Parcourir"},
    "search.label": {"en": "Search", "fr": "Rechercher"},
    "search.button": {"en": "Search", "fr": "Rechercher"},
    "search.placeholder.people": {"en": "a name, e.g. lilian", "fr": "un nom, par ex. lilian"},
    "search.placeholder.organizations": {
        "en": "a name, e.g. openai",
        "fr": "un nom, par ex. openai",
    },
    "search.placeholder.moves": {
        "en": "a person or organisation",
        "fr": "une personne ou une organisation",
    },
    "search.placeholder.documents": {
        "en": "words of the title or text",
        "fr": "des mots du titre ou du texte",
    },
    "search.results": {
        "en": "{n} results for “{q}”",
        "en.one": "{n} result for “{q}”",
        "fr": "{n} résultats pour « {q} »",
        "fr.one": "{n} résultat pour « {q} »",
    },
    "search.all": {"en": "{n} in all", "fr": "{n} en tout"},
    "search.none": {"en": "Nothing matches.", "fr": "Aucun résultat."},
    "search.clear": {"en": "show all", "fr": "tout afficher"},
    "search.hint": {
        "en": "Case and accents are ignored: “equipe” finds “équipe”.",
        "fr": "Majuscules et accents sont ignorés : « equipe » trouve « équipe ».",
    },
    "page.previous": {"en": "previous", "fr": "précédents"},
    "page.next": {"en": "next", "fr": "suivants"},
    "page.of": {"en": "{first}–{last} of {n}", "fr": "{first}–{last} sur {n}"},
    "page.number": {"en": "page {n} of {pages}", "fr": "page {n} sur {pages}"},
    "page.pages": {"en": "Pages", "fr": "Pages"},
    "page.first": {"en": "first page", "fr": "première page"},
    "page.shown": {
        "en": "{first}–{last} of {n}, most recent first",
        "fr": "{first}–{last} sur {n}, les plus récents d'abord",
    },
    "page.none_here": {
        "en": "None on this page: see the first pages.",
        "fr": "Aucun sur cette page : voir les premières pages.",
    },
    "person.names": {"en": "Also named", "fr": "Aussi nommé·e"},
    "entity.descriptions": {"en": "As described", "fr": "Telle que décrite"},
    "person.timeline": {"en": "Career timeline", "fr": "Chronologie de carrière"},
    "person.timeline.none": {
        "en": "No role or move of this person is dated in the sources.",
        "fr": "Aucun rôle ni mouvement de cette personne n'est daté dans les sources.",
    },
    "person.timeline.undated": {
        "en": "Not placed on the timeline (the sources give no year):",
        "fr": "Hors de la chronologie (les sources ne donnent pas d'année) :",
    },
    "timeline.open_end": {"en": "end not stated", "fr": "fin non précisée"},
    "timeline.open_start": {"en": "start not stated", "fr": "début non précisé"},
    "timeline.legend.role": {"en": "role", "fr": "rôle"},
    "timeline.legend.move": {"en": "move", "fr": "mouvement"},
    "person.roles": {"en": "Roles", "fr": "Rôles"},
    "person.moves": {"en": "Moves", "fr": "Mouvements"},
    "person.leads": {"en": "Roles held under their direction", "fr": "Rôles sous sa direction"},
    "person.reported": {"en": "Moves they reported", "fr": "Mouvements rapportés"},
    "entity.named_in": {"en": "Named in", "fr": "Nommé·e dans"},
    "entity.no_roles": {"en": "No role recorded.", "fr": "Aucun rôle enregistré."},
    "entity.no_moves": {"en": "No move recorded.", "fr": "Aucun mouvement enregistré."},
    "org.flows": {"en": "Flows in and out", "fr": "Arrivées et départs"},
    "org.joined": {"en": "Who joined", "fr": "Arrivées"},
    "org.left": {"en": "Who left", "fr": "Départs"},
    "org.roles": {"en": "Roles held here", "fr": "Rôles occupés ici"},
    "org.none_joined": {"en": "No arrival recorded.", "fr": "Aucune arrivée enregistrée."},
    "org.none_left": {"en": "No departure recorded.", "fr": "Aucun départ enregistré."},
    "flows.legend.firm": {"en": "completed or announced", "fr": "achevé ou annoncé"},
    "flows.legend.tentative": {"en": "expected or rumoured", "fr": "attendu ou rumeur"},
    "flows.from": {"en": "left", "fr": "départ de"},
    "flows.to": {"en": "joined", "fr": "arrivée à"},
    "flows.came_from": {"en": "came from", "fr": "venu·e·s de"},
    "flows.went_to": {"en": "left for", "fr": "parti·e·s vers"},
    "flows.people": {
        "en": "{n} people",
        "en.one": "{n} person",
        "fr": "{n} personnes",
        "fr.one": "{n} personne",
    },
    "flows.moves": {
        "en": "{n} moves",
        "en.one": "{n} move",
        "fr": "{n} mouvements",
        "fr.one": "{n} mouvement",
    },
    "flows.more": {
        "en": "and {n} smaller flows, listed on the moves page",
        "en.one": "and {n} smaller flow, listed on the moves page",
        "fr": "et {n} flux plus petits, listés sur la page des mouvements",
        "fr.one": "et {n} flux plus petit, listé sur la page des mouvements",
    },
    "flows.others": {
        "en": "{n} other organisations",
        "en.one": "{n} other organisation",
        "fr": "{n} autres organisations",
        "fr.one": "{n} autre organisation",
    },
    "unknown.org": {"en": "unknown", "fr": "inconnue"},
    "unknown.short": {"en": "?", "fr": "?"},
    "group.people": {"en": "{n} people ({description})", "fr": "{n} personnes ({description})"},
    "group.unnamed": {"en": "{n} unnamed people", "fr": "{n} personnes non nommées"},
    "role.at": {"en": "at", "fr": "chez"},
    "role.untitled": {"en": "role (title not stated)", "fr": "rôle (intitulé non précisé)"},
    "role.moves": {"en": "Moves involving this role", "fr": "Mouvements liés à ce rôle"},
    "role.from": {"en": "from {date}", "fr": "depuis {date}"},
    "role.until": {"en": "until {date}", "fr": "jusqu'à {date}"},
    "role.ended": {"en": "ended", "fr": "terminé"},
    "role.not_ended": {"en": "not ended", "fr": "non terminé"},
    "fact.permalink": {"en": "permalink", "fr": "lien permanent"},
    "fact.description": {"en": "Description", "fr": "Description"},
    "value.yes": {"en": "yes", "fr": "oui"},
    "value.no": {"en": "no", "fr": "non"},
    "fact.sources": {"en": "Sources", "fr": "Sources"},
    "fact.evidence_count": {
        "en": "{n} quotes",
        "en.one": "{n} quote",
        "fr": "{n} citations",
        "fr.one": "{n} citation",
    },
    "source.date_unknown": {"en": "date unknown", "fr": "date inconnue"},
    "source.offsets": {
        "en": "characters {start}–{end}",
        "fr": "caractères {start} à {end}",
    },
    "source.open": {"en": "read in the article", "fr": "lire dans l'article"},
    "date.year_not_given": {"en": "year not given", "fr": "année non précisée"},
    "doc.identifier": {"en": "Identifier", "fr": "Identifiant"},
    "doc.language": {"en": "Language", "fr": "Langue"},
    "doc.publisher": {"en": "Publisher", "fr": "Éditeur"},
    "doc.published": {"en": "Published", "fr": "Publié"},
    "doc.url": {"en": "Original address", "fr": "Adresse d'origine"},
    "doc.length": {"en": "Length", "fr": "Longueur"},
    "doc.characters": {"en": "{n} characters", "fr": "{n} caractères"},
    "doc.unknown": {"en": "unknown", "fr": "inconnu"},
    "doc.text": {"en": "Text", "fr": "Texte"},
    "doc.legend": {
        "en": "Highlighted: a quote that states a fact (its number links to the fact). Dotted: a name the graph knows.",
        "fr": "Surligné : une citation qui énonce un fait (son numéro mène au fait). Pointillé : un nom que le graphe connaît.",
    },
    "doc.facts": {"en": "Facts this article states", "fr": "Faits énoncés par cet article"},
    "doc.no_facts": {"en": "No fact curated yet.", "fr": "Aucun fait curé pour l'instant."},
    "doc.mentions": {"en": "Who and what it names", "fr": "Qui et quoi il nomme"},
    "doc.quote_at": {"en": "quote {n}", "fr": "citation {n}"},
    "doc.description_of": {"en": "description of {name}", "fr": "description de {name}"},
    "annotation.quote": {"en": "The quote in its context", "fr": "La citation dans son contexte"},
    "annotation.supports": {"en": "Supports", "fr": "Étaye"},
    "annotation.names": {"en": "Names", "fr": "Nomme"},
    "annotation.in": {"en": "In", "fr": "Dans"},
    "data.forms": {"en": "This page as data", "fr": "Cette page en données"},
    "data.iri": {"en": "IRI", "fr": "IRI"},
    "data.dumps": {"en": "Whole dataset", "fr": "Jeu de données complet"},
    "error.back": {"en": "Back to the home page", "fr": "Retour à l'accueil"},
    "error.404": {"en": "Not found", "fr": "Introuvable"},
    "error.400": {"en": "Bad request", "fr": "Requête incorrecte"},
    "error.406": {"en": "Not acceptable", "fr": "Format non disponible"},
    "error.500": {"en": "Server error", "fr": "Erreur du serveur"},
    "error.503": {"en": "Unavailable", "fr": "Indisponible"},
    "footer.about": {
        "en": "Every fact links to the words of the article that states it. Nothing is guessed: a date or a destination no article gives is left out.",
        "fr": "Chaque fait renvoie aux mots de l'article qui l'énonce. Rien n'est deviné : une date ou une destination qu'aucun article ne donne est laissée de côté.",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def choose_language(args: Mapping[str, str], accept: LanguageAccept) -> tuple[str, bool]:
    """The page language, and whether the request named it (`?lang=`), which links then carry on.

    `?lang=` wins when it names a language we have; then Accept-Language; then English.
    """
    asked = args.get("lang", "").strip().lower()
    if asked in LANGUAGES:
        return asked, True
    best = accept.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
    return (best if best in LANGUAGES else DEFAULT_LANGUAGE), False


def translate(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang` (English when missing), with `values` filled in."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    if lang not in entry:
        lang = DEFAULT_LANGUAGE
    count = values.get("n")
    singular = isinstance(count, int) and (count == 1 or (lang == "fr" and count == 0))
    text = entry.get(f"{lang}.one", entry[lang]) if singular else entry[lang]
    return text.format(**values) if values else text


def other_language(lang: str) -> str:
    """The language the switch link offers."""
    return next(code for code in LANGUAGES if code != lang)
