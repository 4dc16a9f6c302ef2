"""How requests name a time of day without a clock: the sun's events ("at sunset",
"Sonnenaufgang", "quand il fait nuit"), the parts of the day ("in the evening", "morgens"), and
whether it is day or night ("after dark", "tagsüber"). English, German, Dutch, French, Portuguese,
Spanish and Italian.

Plain patterns with no knowledge of a home: `constrain.request_values` reads a request's times with
them, `groups` and `retrieval` leave them out of the words that name what a request acts on, and
`verbs` moves a cover by the part of the day."""

from __future__ import annotations

import re

from .lexical import tokens
from .time_window import DENIED_RIGHT_BEFORE

SUN_SAID = re.compile(
    r"sun|dusk|dawn|sonne|dämmerung|daemmerung|zon|(?:gets|getting|goes|turns) dark|dunkel wird|donker wordt"
    r"|soleil|crépuscule|\baube\b|pôr do sol|por do sol|nascer do sol|amanhecer|anoitecer|entardecer|atardecer|anochecer"
    r"|amanecer|puesta del? sol|salida del sol|tramonto|\balba\b|crepuscolo|sorgere del sole"
    r"|ponerse el sol|se ponga el sol|se pone el sol|salga el sol|sale el sol|salir el sol|il sole tramonta|sorge il sole"
    r"|solnedgang|soloppgang|solopgang|solnedgång|soluppgång|skumring|skymning|\bsola\b|\bsolen\b",
    re.I,
)
"""The request speaks of the sun, rising or setting, or of dusk or dawn."""
SUN_EVENTS = {
    "sunrise": re.compile(
        r"sunrise|sun ?rises|dawn|sonnenaufgang|morgendämmerung|zonsopkomst|zonsopgang|sun (?:comes|came|is coming) up"
        r"|sonne (?:aufgeht|aufgegangen)|zon (?:opkomt|opgekomen)|soleil se lève"
        r"|lever du soleil|lever de soleil|\baube\b|nascer do sol|amanhecer|salida del sol|amanecer|\balba\b|sorgere del sole"
        r"|salga el sol|sale el sol|salir el sol|sorge il sole|soloppgang\w*|solopgang\w*|soluppgång\w*|soluppgang\w*|gry\b|gryning",
        re.I,
    ),
    "sunset": re.compile(
        r"sunset|sun ?sets|dusk|sonnenuntergang|abenddämmerung|zonsondergang|schemer|sun (?:goes|went|is going) down"
        r"|sonne (?:untergeht|untergegangen)|zon (?:ondergaat|ondergegaan|onder gaat)|soleil se couche"
        r"|(?:gets|getting|goes|turns) dark|dunkel wird|donker wordt"
        r"|coucher du soleil|coucher de soleil|crépuscule|tombée de la nuit|pôr do sol|por do sol|anoitecer|entardecer"
        r"|sol se (?:pôr|por|puser|põe|poe|pondo)"
        r"|puesta del? sol|atardecer|anochecer|tramonto|crepuscolo|ponerse el sol|se ponga el sol|se pone el sol|il sole tramonta"
        r"|solnedgang\w*|solnedgång\w*|skumring\w*|skymning\w*",
        re.I,
    ),
}
"""Each sun event as requests name it."""
PART_OF_DAY = {
    "sunrise": re.compile(
        r"\b(?:in the mornings?|every morning|each morning|mornings|morgens|am morgen|jeden morgen|morgenroutine"
        r"|'?s ochtends|in de ochtend|elke ochtend|ochtend|le matin|chaque matin|au matin|matin"
        r"|de manhã|pela manhã|manhã|por la mañana|cada mañana|la mattina|di mattina|al mattino|ogni mattina"
        r"|mattina|mattino)\b",
        re.I,
    ),
    "sunset": re.compile(
        r"\b(?:in the evenings?|every evening|each evening|evenings|abends|am abend|jeden abend|abend|abendroutine"
        r"|'?s avonds|in de avond|elke avond|avond|le soir|chaque soir|en soirée|au soir|soir"
        r"|al atardecer|la sera|di sera|ogni sera|sera)\b",
        re.I,
    ),
}
"""The part of the day a request starts in without a time or the sun ("close the blinds in the
evening", "Rollos morgens hoch", "Climate Control aan (ochtend)"): its sun event, the time that
part of the day begins by daylight. Night is no start ("at night" limits when, as `DAYLIGHT` reads
it; "Good Night" is a button's name), and neither is a bare word that also means tomorrow
("morgen", "mañana")."""
DAYLIGHT = {
    "below_horizon": re.compile(
        r"\b(?:after (?:the )?(?:sunset|sun ?sets|dusk|dark)|before (?:the )?(?:sunrise|sun ?rises|dawn)|"
        r"(?:when|while|if|as long as|and) (?:it is|it's|its) (?:already )?dark|in the dark|(?:at|during the) night|"
        r"(?:when|while|if|as long as|and|once|unless) the sun (?:is|has) (?:already )?(?:down|set|gone down)|the sun is below the horizon|"
        r"nach (?:dem )?sonnenuntergang|vor (?:dem )?sonnenaufgang|(?:wenn|falls|solange|und) es dunkel ist|bei dunkelheit|"
        r"(?:wenn|falls|solange|und) die sonne (?:schon |bereits )?(?:untergegangen ist|unten ist|weg ist)|"
        r"(?:als|zolang|en) de zon (?:al )?(?:onder is|is ondergegaan|onder)|(?:quand|si|et) le soleil est (?:déjà )?couché|"
        r"nachts|na (?:de )?zonsondergang|voor (?:de )?zonsopkomst|(?:als|wanneer|zolang|en|terwijl) het (?:donker is|is donker)|"
        r"la nuit|de nuit|(?:quand|s'?il|si) (?:il )?fait (?:nuit|noir)|après le coucher du soleil|avant le lever du soleil|"
        r"à noite|de noite|durante a noite|(?:quando|se|e|enquanto) (?:está|estiver|for) escuro|(?:depois|após) (?:do )?pôr do sol|"
        r"de noche|por la noche|durante la noche|(?:cuando|si|y|mientras) (?:está|esté) oscuro|después de la puesta del sol|"
        r"di notte|la notte|durante la notte|(?:quando|se|e|mentre) (?:è|sia) (?:già |ancora )?buio|(?:quando|se|e|mentre) fa buio|dopo il tramonto|"
        r"etter solnedgang(?:en)?|efter solnedgang(?:en)?|efter solnedgången|før soloppgang(?:en)?|innan soluppgången|"
        r"(?:når|hvis|og|mens|när|om|och) det er (?:mørkt|mørk)(?: ute)?|(?:når|hvis|og|mens|när|om|och) det är mörkt(?: ute)?|om natta|om natten|på natta|på natten)\b",
        re.I,
    ),
    "above_horizon": re.compile(
        r"\b(?:after (?:the )?(?:sunrise|sun ?rises|dawn)|before (?:the )?(?:sunset|sun ?sets|dusk)|"
        r"during the day|in daylight|(?:when|while|if|as long as|and) (?:it is|it's|its) (?:still )?light|"
        r"(?:when|while|if|as long as|and|unless) the sun (?:is )?(?:shining|shines|up|out)|(?:wenn|solange|und) die sonne scheint|"
        r"(?:unless|except when) (?:it is|it's|its) (?:still )?light(?: outside)?|"
        r"(?:als|zolang|en) de zon schijnt|"
        r"nach (?:dem )?sonnenaufgang|vor (?:dem )?sonnenuntergang|tagsüber|"
        r"na (?:de )?zonsopkomst|voor (?:de )?zonsondergang|overdag|(?:als|wanneer|zolang) het licht is|"
        r"pendant la journée|en journée|(?:quand|s'?il|si) (?:il )?fait jour|durante o dia|de dia|(?:quando|se|e|enquanto) (?:está|estiver) claro|"
        r"durante el día|de día|(?:cuando|si) (?:es|sea) de día|di giorno|durante il giorno|"
        r"(?:når|hvis|og|mens) det er lyst(?: ute)?|(?:när|om|och) det är ljust(?: ute)?|(?:når|hvis|og) sola skinner|(?:när|om|och) solen skiner|"
        r"(?:hvis|og|når) det er sol|om dagen|på dagtid|på dagen)\b",
        re.I,
    ),
}
"""How requests limit themselves to night or day, by the sun's state (English, German, Dutch,
French, Portuguese, Spanish, Italian)."""
_DENIED_DAYLIGHT = re.compile(rf"\b(?:{DENIED_RIGHT_BEFORE})\s+(?:only\s+)?$", re.I)
"""Words that deny the part of the day said right after them ("but not during the day")."""


def daylight_said(text: str) -> tuple[str, re.Match[str]] | None:
    """The sun's state a request limits itself to, and where it says so; a denied part of the day
    ("but not during the day", "unless the sun is up") is the other one."""
    for state, pattern in DAYLIGHT.items():
        if m := pattern.search(text):
            denied = _DENIED_DAYLIGHT.search(text, max(0, m.start() - 12), m.start()) or m.group(0).lower().startswith("unless")
            if denied:
                return ("above_horizon" if state == "below_horizon" else "below_horizon"), m
            return state, m
    return None


SUN_EVENT_SAID = re.compile("|".join(f"(?:{p.pattern})" for p in SUN_EVENTS.values()), re.I)
"""Either sun event, however said."""


_DAY_PART_NOUNS = frozenset({"abend", "ochtend", "avond", "matin", "soir", "sera", "mattina", "mattino", "manhã"})
"""Parts of the day said as a bare noun, which may as well be a name ("Szene Abend")."""


def times_of_day_said(text: str) -> list[tuple[int, int]]:
    """Where `text` says when by the day ("at night", "in the evening", "morgens", "tagsüber"), to
    leave out of the words that name a node: "the kids room light off at night" is no night light.
    A sun event or a bare noun for a part of the day may name a scene ("Sunset", "Abend") and stays."""
    spans = [m.span() for pattern in DAYLIGHT.values() for m in pattern.finditer(text)]
    spans += [
        m.span()
        for pattern in PART_OF_DAY.values()
        for m in pattern.finditer(text)
        if m.group(0).casefold() not in _DAY_PART_NOUNS
    ]
    return spans


MORNING_WORDS = frozenset(tokens(
    "sunrise dawn morning mornings sonnenaufgang aufgang morgens morgendämmerung ochtend ochtends zonsopkomst "
    "zonsopgang matin aube manhã amanhecer mañana amanecer mattina mattino alba"
))
EVENING_WORDS = frozenset(tokens(
    "sunset dusk evening evenings night nights dark sonnenuntergang untergang abend abends nacht nachts dunkel "
    "dunkelheit avond avonds zonsondergang donker soir soirée nuit crépuscule noite anoitecer noche anochecer "
    "sera notte tramonto buio"
))
"""Words of the morning and of the evening or night, however said: the way a cover the request
moves no way goes (`verbs`), opened for the day and closed for the night."""
