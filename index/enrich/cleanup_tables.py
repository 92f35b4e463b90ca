"""Data for plain-text cleanup: agencies, credit labels, site boilerplate, in many languages.

Matching happens on a normalised line (NFKC, casefolded, whitespace folded), so every entry
here is lower case. Add to these tables from evidence (a line that should have gone, or one
that went and should not have), not from imagination.
"""

from __future__ import annotations

# Picture agencies and wire services as they appear in credit lines (``Alex Brandon / AP``,
# ``Imago``, ``KEYSTONE-SDA``). A credit segment may add one of CREDIT_SUFFIXES (``AP Photo``).
AGENCIES: frozenset[str] = frozenset("""
    ap afp reuters dpa epa epa-efe efe keystone keystone-sda sda ats imago getty sputnik anp
    ansa pap tass itar-tass xinhua anadolu kyodo yonhap jiji belga apa ddp dapd kna epd
    sipa abaca lapresse zuma nurphoto bloomberg ctk čtk mti tanjug hina bta agerpres
    ukrinform unian aap pti ani ians shutterstock alamy istock istockphoto unsplash
    ullstein laif ipon eyevine rex newscom polaris redux corbis bildbyrån scanpix ntb tt
    ritzau lehtikuva belga wenn dukas photopress freshfocus afp/getty
    риа тасс рия интерфакс коммерсантъ
    """.split()) | {
    "getty images", "imago images", "picture alliance", "picture-alliance", "ullstein bild",
    "europa press", "zuma press", "sopa images", "anadolu agency", "press association",
    "pa images", "pa wire", "kyodo news", "ria novosti", "риа новости", "keystone sda",
    "associated press", "agence france-presse", "the associated press", "afp via getty images",
    "rex features", "rex/shutterstock", "xinhua news agency", "dpa picture alliance",
}

CREDIT_SUFFIXES: frozenset[str] = frozenset(
    "photo photos foto fotos images image pool handout file archiv archive bild "
    "via getty/images /handout".split())

# A line that begins with one of these and a colon (or "©") is a credit: ``Foto: Keystone``.
CREDIT_LABELS: tuple[str, ...] = (
    "foto", "fotos", "photo", "photos", "photograph", "bild", "bilder", "bildquelle",
    "image", "images", "picture", "pictures", "credit", "credits", "photo credit",
    "crédit", "crédits", "crédit photo", "fotografía", "fotografia", "imagen", "imágenes",
    "immagine", "zdjęcie", "zdjęcia", "fot", "фото", "фотография", "kuva", "billede",
    "copyright", "illustration", "grafik", "foto/video",
)
# ... or with one of these words before a name: ``Photo by Jane Doe``, ``Foto di Mario Rossi``.
CREDIT_BY: tuple[str, ...] = ("by", "von", "di", "de", "par", "door", "av", "af")

# Particles inside person names (``Ahmed al-Sharaa``, ``Ursula von der Leyen``).
NAME_PARTICLES: frozenset[str] = frozenset(
    "von van der den de da di del della du la le al el bin ibn y dos das ter zu".split())

# Words that introduce a byline line: ``By Jane Doe``, ``Von Jana Kehl``.
BYLINE_MARKERS: frozenset[str] = frozenset(
    "by von par por di door av af od от автор author autor autorin text texte".split())

# Whole-line labels with nothing after them. Teasers *with* a headline ("Mehr zum Thema -
# Nach Katar-Vorbild: …") are kept: they name what the article is about.
LABEL_LINES: dict[str, tuple[str, ...]] = {
    "advertisement label": (
        "anzeige", "werbung", "advertisement", "advertising", "sponsored", "sponsored content",
        "publicité", "publicidad", "pubblicità", "reklama", "реклама", "advertentie",
        "publicidade", "annonse", "annons", "mainos", "reklam", "hirdetés", "διαφήμιση",
    ),
    "related-link label": (
        "lesen sie auch", "lesen sie mehr", "mehr zum thema", "das könnte sie auch interessieren",
        "read more", "read also", "related", "related articles", "related stories", "see also",
        "more on this story", "lire aussi", "à lire aussi", "voir aussi", "sur le même sujet",
        "lee también", "leer más", "ver también", "te puede interesar", "leggi anche",
        "potrebbe interessarti", "czytaj także", "czytaj też", "zobacz też", "zobacz także",
        "читайте также", "читайте по теме", "lees ook", "leia também", "veja também",
        "läs också", "læs også", "les også", "lue myös",
    ),
    "share buttons": (
        "teilen", "artikel teilen", "share", "share this article", "share this story",
        "partager", "partager cet article", "compartir", "compartir este artículo",
        "condividi", "condividi questo articolo", "udostępnij", "поделиться", "delen",
        "compartilhe", "dela", "drucken", "print", "imprimer", "e-mail", "email",
        "kommentare", "comments",
    ),
}

_JS_VERBS = (
    r"(?:benötigt|erforderlich|aktivieren|aktiviert|deaktiviert|requires?|required|enable|"
    r"enabled|disabled|turn on|nécessite|activer|activez|désactivé|requiere|habilita|activa|"
    r"richiede|abilita|wymaga|włącz|необходим|включите|vereist|inschakelen|ative|habilite)"
)

# Site boilerplate found anywhere in a short line (regexes on the normalised line).
BOILERPLATE: tuple[str, ...] = (
    # JavaScript and browser warnings, the verb before or after "javascript"
    rf"\bjavascript\b.{{0,60}}\b{_JS_VERBS}", rf"\b{_JS_VERBS}\b.{{0,30}}\bjavascript\b",
    r"^optimieren sie ihre browsereinstellungen",
    r"^bitte passen sie die einstellungen an",
    r"\b(?:ad-?blocker|werbeblocker|bloqueur de publicité|bloqueador de anuncios)\b",
    r"\b(?:update|upgrade) your browser\b", r"\bihr browser ist (?:veraltet|nicht)",
    r"\byour browser (?:is|does not)\b",
    # Newsletters and subscriptions
    r"^(?:subscribe|sign up)\b.{0,40}\bnewsletter", r"\bsubscribe to our\b",
    r"newsletter abonnieren", r"^jetzt (?:abonnieren|anmelden|registrieren)",
    r"^abonnez-vous\b", r"^inscrivez-vous\b.{0,30}\bnewsletter", r"^suscríbete\b",
    r"^iscriviti\b", r"^zapisz się\b", r"^подпишитесь\b", r"^abonneer\b", r"^assine\b",
    # Cookies and consent
    r"\b(?:accept|allow)(?: all)? cookies\b", r"\bwe use cookies\b",
    r"\bcookies? (?:akzeptieren|zustimmen)\b", r"\bwir verwenden cookies\b",
    r"\baccepter (?:les|tous les) cookies\b", r"\bnous utilisons des cookies\b",
    r"\baceptar (?:las )?cookies\b", r"\butilizamos cookies\b",
    r"\baccetta(?:re)? (?:i )?cookie", r"\butilizziamo (?:i )?cookie",
    r"\bużywamy plików cookie", r"\bмы используем (?:файлы )?cookie",
    # Rights and calls to action
    r"\ball rights reserved\b", r"\balle rechte vorbehalten\b", r"\btous droits réservés\b",
    r"\btodos los derechos reservados\b", r"\btutti i diritti riservati\b",
    r"\bwszelkie prawa zastrzeżone\b", r"\bвсе права защищены\b",
    r"^(?:click|tap) here\b", r"^klicken sie hier\b", r"^cliquez ici\b", r"^haga clic aquí\b",
    r"^(?:follow us|folgen sie uns|suivez-nous|síguenos|seguici)\b",
)
