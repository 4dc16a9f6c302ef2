"""Split a request into what it does and what it waits for.

"Turn on the hallway light when motion is detected in the hallway" acts on the words before
"when" and watches the words after it; matching the two parts separately keeps the hallway light
from being chosen as its own trigger and the motion sensor from being switched on. The markers are
the conjunctions that open a trigger or condition clause in English, German and Dutch; the clause runs to
the next comma or sentence end. A title before a colon ("Vacuum: cleanup if nobody is home") belongs
to the acting part.
"""

from __future__ import annotations

import itertools
import re
from typing import Literal

from msgspec import Struct

from .kinds import RECORD_KINDS, kinds_in_order
from .lexical import STOPWORDS, levels_said, tokens
from .verbs import PRESSES, SETTING_NOUNS, is_verb, on_of_something, polarity, settings_said

_DENYING_MARKERS = (
    r"unless|except (?:when|if)|es sei denn|tenzij|behalve als|sauf (?:si|quand|lorsque)|a menos que|a meno che|med mindre|om inte|medmindre|"
    r"unntatt (?:når|hvis)|bortsett fra (?:når|hvis)|förutom (?:när|om)|utom (?:när|om)|"
    r"salvo (?:que|si|se|quando|cuando)|excepto (?:si|cuando)|exceto (?:se|quando)|a não ser que|tranne (?:se|quando)|eccetto (?:se|quando)"
)
"""What opens a clause whose state must not hold ("unless", "tenzij"; German "außer" apart, `_DENYING`)."""
_MARKER = re.compile(
    rf"\b(?:when(?:ever)?|if|once|as soon as|after|while|{_DENYING_MARKERS}|until|based on|according to|in case(?: of)?|"
    r"as long as|so long as|provided(?: that)?|providing(?: that)?|solange|zolang|tant que|purché|siempre que|så länge|så lenge|"
    r"au(?:ß|ss)er (?:wenn|falls)|au(?:ß|ss)er(?= (?:der|die|das|es|jemand)\b[^,.;]*\b(?:ist|sind|läuft|laufen)\b)|"
    r"wenn|falls|sobald|nachdem|während|bis|bei|anhand|als|wanneer|indien|zodra|nadat|tijdens|totdat|bij|"
    r"nach(?= (?:der|dem|den) letzt)|na(?= (?:de|het) laatste)|"
    # French, Portuguese, Spanish, Italian
    r"quand|lorsque?|lorsqu['’]|dès que|dès qu['’]|alors que|tandis que|si|s['’](?=ils?\b)|se|en cas d[eu]|lors d[eu]|pendant|après|quando|cuando|enquanto|mientras|mentre|"
    r"depois d[eoa]s?|após|apos|después de|dopo|"
    # Norwegian (Danish alike) and Russian; Swedish; Slovak and Czech; Polish
    r"når|hvis|dersom|ved|etter at|когда|если|при|после|när|medan|efter att|vid|om(?=\s+(?:[\w-]+\s+){0,4}?(?:är|inte|har|finns)\b)|"
    r"keď|ked|ak|pri|pokiaľ|když|pokud|jakmile|při|gdy|kiedy|jeśli|jeżeli)\b",
    re.IGNORECASE,
)
SYNC_VERBS = (
    r"sync\w*|synchron\w*|synkron\w*|mirror(?:s|ed|ing)|mirror(?=\s+(?:the|its|their|what|whatever|that|this|my|our)\b)"
    r"|sincroni\w*|espelh(?:ar|a|am|ando|ado|ada)|синхрони\w*"
)
"""Verbs that keep one state in step with another (also `constrain.request_values`); "mirror" and
"espelho" as nouns are no such verb ("the bathroom mirror light")."""
_FOLLOWS = re.compile(rf"\b(?:{SYNC_VERBS})\b[^,.;]*?\b(with|to|mit|avec|com|con)\b", re.IGNORECASE)
""""Sync A with B", "Light sync to webcam": what follows B waits for B."""
_FOLLOWS_WHAT = re.compile(
    r"\b(follows?|following|mirrors?|mirroring|volgt|suit|segue|sigue)\s+(?=(?:the|its|their|what|whatever|my|our|de|het|le|la|les|o|a|el)\b)",
    re.IGNORECASE,
)
""""The desk lamp follows the ceiling light", "make the floor lamp mirror the TV": the follower
waits for what comes after the verb."""
_WITH_TAIL = re.compile(
    r"(?<!\bscene)(?<!\bszene)(?<!\bscène)(?<!\bescena)(?<!\bscena)\s(with|mit|met|avec|com|con)\s+[^\d,.;:!?]+$",
    re.IGNORECASE,
)
""""Lights Turn On Exterior With Kitchen Door", "Licht mit Bewegung", "Controlo da Luz com a Porta":
a title that ends on "with" and a thing, and has no other clause, waits for that thing. A level
or a time after it ("with 50% brightness") says how instead, and what follows a scene is in it
("the office scene with the desk lamp")."""
_ASKS_WHETHER = re.compile(r"\b(?:check|checks|checking|see|find out|detect|detects|prüf\w*|schau\w*)\s+$", re.IGNORECASE)
""""Check if the machine is washing": that "if" asks whether, it opens no condition. ("Let me know
when …" is a notification when it happens.)"""
_ON_CHANGE = re.compile(r"\b(on)\s+(?:the\s+)?(?:(?!on\b|the\b)[^\W\d_]+\s+){1,3}?(?:state\s+)?changes?\b", re.IGNORECASE)
""""… on TV state change", "on door change": "on" opens what the request waits for."""
_CONTROLLER = re.compile(
    r"(?:\b(?:philips|hue|aqara|ikea|tradfri|xiaomi|opple|sonoff|shelly|tuya|zigbee|wireless|mini|smart|"
    r"dimmer|funk|kabellos)\s+)+(?:dimmer\s+)?(?:switch|switches|remote|button|schalter|taster|fernbedienung)\b",
    re.IGNORECASE,
)
""""the living room Philips Hue dimmer switch": a remote or wireless button is what the request
waits on (its presses), not what it acts on."""
_COMPARES = re.compile(r"\b(?:\w+er|mehr|meer|weniger|minder|so|zo|ebenso|even|anders)\s+$", re.IGNORECASE)
""""Kälter als 20 Grad": the Dutch "als" (if, when) is also the German and Dutch "as" and
"than", after a comparative, where it opens no clause."""


def _compares(request: str, start: int, end: int) -> bool:
    """Whether the "als" at `start` is "than" after a comparative: a word in -er ("kälter als 20")
    only when a number follows, since nouns end so too ("in de woonkamer als de deurbel gaat")."""
    if not (found := _COMPARES.search(request, 0, start)):
        return False
    return not found.group(0).strip().lower().endswith("er") or bool(re.match(r"\s*-?\d", request[end:]))


_DUTCH = re.compile(
    r"\b(?:het|een|de|aan|uit|zet|gaat|gaan|wordt|niet|naar|deur|lichten|laat|weten)\b.*\bals\b"
    r"|\bals\b.*\b(?:het|een|de|is|er|aan|uit|gaat|wordt|afspeelt|speelt|dicht|klaar|geen|niemand)\b",
    re.IGNORECASE,
)
""""Als" opens a clause in Dutch ("Zet de lamp aan als de deur open gaat"); in German it is "as"
("Licht als Wecker"). A Dutch word beside it says which."""
_CLAUSE_END = re.compile(r"[,.;!?](?:\s|$)")
_AT_MARKERS = frozenset({"bei", "bij", "ved", "vid"})
_IF_MARKERS = frozenset({"if", "falls", "si", "se", "indien", "hvis", "om"})
_WHEN_MARKERS = frozenset({"when", "whenever", "as soon as", "once", "wenn", "sobald", "wanneer", "zodra", "quand", "lorsque", "dès que", "quando", "cuando", "når", "när"})
_AT_A_TIME_OF_DAY = re.compile(
    r"\s*(?:(?:dem|der|de|den)\s+)?(?:sonnenuntergang|sonnenaufgang|dämmerung|dunkelheit|einbruch der dunkelheit|tagesanbruch|"
    r"zonsondergang|zonsopkomst|zonsopgang|schemering|solnedgang(?:en)?|soloppgang(?:en)?|solnedgången|soluppgången)\b",
    re.IGNORECASE,
)
"""A time of day after "bei" ("bei Sonnenuntergang"): all that marker waits for."""
_SEPARATED_PARTICLE = re.compile(
    r"\s+((?:(?:halb|ganz|komplett|half|helemaal)\s+)?(?:ein|aus|an|ab|zu|auf|aan|uit|\w*(?:schalten|machen|zetten|fahren|"
    r"schakelen)|schlie(?:ß|ss)en|öffnen|oeffnen|sluiten|openen|aktivieren|deaktivieren|activeren|deactiveren|starten|"
    r"stoppen|beenden))(?:\s+\d+)?\W*$",
    re.IGNORECASE,
)
""""Schalte die Gartenbeleuchtung bei Sonnenuntergang ein", "Brunnen: bei feuchter Luft
ausschalten", "bei Sonne halb schliessen 2": a German or Dutch verb, or its particle, stands at the
end of the sentence, past the clause that says when (a title's number may follow). It belongs to the
command, with the word that says how far."""
_BEI_THEN_OBJECT = re.compile(
    r"\s*((?:[a-zäöüß]\w*\s+)?[A-ZÄÖÜ]\w*(?:\s+(?:im|am|beim|vom|in|an|auf|von)(?:\s+(?:der|dem|den|die|das))?\s+[A-ZÄÖÜ]\w*)?)"
    r"\s+((?:(?:der|die|das|den|dem)\s+)?[A-ZÄÖÜ]\w*(?:\s+\S+)*)\s*$"
)
"""After "bei", a German noun (with its adjective and place) and then another noun: the event
("Bewegung im Schlafzimmer") and what the command acts on ("Bettlicht"). Case-sensitive: German
capitalises nouns, so "bei feuchter Luft" is one noun."""
_PARTICLE_AND_MORE = re.compile(
    r"\s+((?:(?:halb|ganz|komplett|half|helemaal)\s+)?(?:ein|aus|an|ab|zu|auf|aan|uit))"
    r"\s+((?:und|en)\s+(?:um|om|gegen|rond)\s+.*\b(?:ein|aus|an|ab|zu|auf|aan|uit|wieder))\W*$",
    re.IGNORECASE,
)
"""The same particle in the middle, before "und um 23 Uhr aus": the command's second part, at a
time of its own ("Schalte die Weihnachtslichter bei Sonnenuntergang ein und um 23 Uhr aus")."""
_ENGLISH_MARKER = re.compile(r"^(?:when(?:ever)?|if|once|as soon as|after|while|unless|until)$", re.IGNORECASE)
_IMPERATIVES = frozenset(
    "activate arm close deactivate decrease dim disable disarm dock enable flip go increase lock mute notify open pause "
    "play press raise remind resume select send set start stop switch tell toggle turn unlock unmute warn "
    "put lower let text shut".split()
)
"""English verbs that open a command in their base form ("… for an hour go to total sleeping mode")."""
_NOT_A_COMMAND_AFTER = frozenset(
    "the a an my our your their his her its this that these those any no every all some "
    "is are was were be been being get gets got become becomes stay stays remain remains "
    "has have had will would can could should may might do does did not than to left kept still wide "
    "i we you he she they someone somebody anyone anybody double long short triple".split()
)
"""A verb after these is a noun ("the switch"), a state ("is open", "is left open", "still on"),
part of another verb, or what its subject does ("when I turn on the TV", "when I double press …")."""
_WORD = re.compile(r"[^\W\d_]+")
_PRONOUN_SUBJECT = {
    "en": re.compile(r"^(?:it|they|this|that|these|those)\b", re.IGNORECASE),
    "de": re.compile(r"^(?:sie|es|er|dieser|diese|dieses)\b", re.IGNORECASE),
    "nl": re.compile(r"^(?:het|hij|ze|deze|dit)\b", re.IGNORECASE),
    "fr": re.compile(r"^(?:il|elle|ils|elles)\b", re.IGNORECASE),
    "no": re.compile(r"^(?:den|det|de|han|hun)\b", re.IGNORECASE),
    # Portuguese and Spanish say no subject: the clause opens with its verb ("quando estiver ligada").
    "pt": re.compile(r"^(?:estiver|estiverem|esteja|está|esté|estén|lleve|leve|ficar|fique)\b", re.IGNORECASE),
}
_STATE_WORDS = {
    "en": frozenset("on off open opened closed left running playing paused idle locked unlocked docked charging".split()),
    "de": frozenset(
        "an aus ein offen auf zu angeschaltet eingeschaltet ausgeschaltet abgeschaltet angemacht ausgemacht "
        "geöffnet geschlossen läuft".split()
    ),
    "nl": frozenset("aan uit open dicht ingeschakeld uitgeschakeld geopend gesloten spelen speelt aangaat uitgaat".split()),
    "fr": frozenset(
        "allumé allumée allumés éteint éteinte ouvert ouverte fermé fermée pause lecture allume allument éteignent ouvre "
        "ouvrent ferme ferment".split()
    ),
    "no": frozenset("på av åpen åpent åpne lukket lukka stengt låst ulåst öppen öppet stängd pausad pausats pauset spelar spiller".split()),
    "pt": frozenset(
        "ligado ligada ligados ligadas desligado desligada aberto aberta abertos abertas fechado fechada "
        "encendido encendida apagado apagada abierto abierta cerrado cerrada".split()
    ),
}
""""… if it has been on for 10 minutes", "…, falls sie angeschaltet wird": a clause whose subject
is a pronoun and which says a state, in the pronoun's language, waits on what the request acts on
("… when it rains" and "when it is night mode for an hour" do not)."""


class Clauses(Struct, frozen=True):
    act: str
    """The request without its trigger/condition clauses."""
    watch: str
    """The trigger/condition clauses, empty when the request has none."""
    refers_back: bool = False
    """A clause's subject is a pronoun for what is acted on ("turn off the heater if it has been
    on for an hour"): the workflow watches its own target."""
    undo: Undo = ""
    """The request switches its target back itself (`undoes`): after a delay (`later`: "…, then
    turn it off after 2 minutes") or when what it waits for ends (`when`: "… and turn it off when
    motion stops")."""
    delay: str = ""
    """The words of that delay ("2 minutes"), for `later`."""
    event: bool = False
    """The request only says what happened ("Front door opened", "Alarm: Armed"): it names what
    the workflow waits for, and nothing to act on."""


Undo = Literal["", "later", "when"]

_AND_WORDS = ("and", "und", "en", "et", "e", "y", "og", "och")
AND = "|".join(_AND_WORDS)
"""The words for "and" in the languages requests are read in, as a pattern's alternatives."""
_THEN = r"then|dann|daarna|puis|ensuite|depois|luego|poi|quindi"
_COORDINATOR = re.compile(
    rf",\s*(?:(?:{AND})\s+)?(?:(?:{_THEN})\s+)?|\s+(?:{AND})\s+(?:(?:{_THEN})\s+)?|\s+(?:{_THEN})\s+",
    re.IGNORECASE,
)
ROMANCE_SWITCHING_VERBS = (
    "éteindre éteins éteint allumer allume fermer ferme ouvrir ouvre desligar desliga ligar liga apagar apaga acender "
    "acende fechar fecha abrir abre encender enciende cierra cerrar spegnere spegni spegne accendere accendi accende "
    "chiudere chiudi chiude apri apre prende prendé encendé apagá cerrá"
).split()
"""French, Portuguese, Spanish and Italian verbs that switch (back) on their own, as written: they
open a second command ("… e desliga às 23h"; also `constrain._SWITCHED_BACK_AT`)."""
_SECOND_COMMAND = _IMPERATIVES | frozenset(
    "turns switches restore restores revert reverts off aus uit wieder weer schalte schalt mach zet "
    "coupe couper rallume desligue ligue apague".split()
) | frozenset(tokens(" ".join(ROMANCE_SWITCHING_VERBS)))
"""Words that open a second command inside a clause ("when motion is detected and turn it off when
it stops", "…, off when there is none", "… und nach 2 Minuten wieder aus")."""
_RESTORE = frozenset("restore restores revert reverts".split())
_PRONOUNS = frozenset("it them es sie ihn het ze hem l la le les lo li".split())
ROMANCE_DURATION_UNITS = r"secondes?|segundos?|secondi|minutos?|minuti|minuto|heures?|horas?|ore|ora"
"""Units of time in French, Portuguese, Spanish and Italian (also `constrain`'s durations)."""
NORDIC_DURATION_UNITS = r"sekunder|minutter|minutt|minuter|minut|timer|timmar|timme|time"
"""Units of time in Norwegian, Danish and Swedish."""
SPAN_UNITS = (
    r"seconds?|secs?|s|minutes?|mins?|m|hours?|h|sekunden?|minuten?|stunden?|uur|seconden|minuut|"
    rf"{ROMANCE_DURATION_UNITS}|{NORDIC_DURATION_UNITS}"
)
"""Units of time after a number ("10 min", "3 Minuten", "5 minutos")."""
_SPAN = rf"\d{{1,3}}\s*(?:{SPAN_UNITS})\b"
_DELAY = re.compile(rf"^\W*(?:about\s+|etwa\s+|ca\.?\s+)?({_SPAN})\W*$", re.IGNORECASE)
""""after 2 minutes": a clause that is only a time to wait."""
_AFTER_WORDS = r"(?:after|nach|na|après|apres|depois de|após|apos|después de|tras|dopo)"
_DELAY_PREFIX = re.compile(rf"\W*{_AFTER_WORDS}\s+({_SPAN})\s*", re.IGNORECASE)
""""… und nach 2 Minuten wieder aus": a command that opens with its delay."""
_WAIT_VERBS = r"(?:wait|warte|wacht|attends?|attendre|espera|esperar|aspetta|aspettare|aguarde|aguardar|vent|vänta)"
_WAIT = re.compile(
    rf"^\W*(?:then\s+|dann\s+|daarna\s+|puis\s+)?{_WAIT_VERBS}\s+(?:for\s+|)({_SPAN})\W*$",
    re.IGNORECASE,
)
""""wait 5 minutes", a command of its own: the time before the next one."""
_FOR_MARKERS = frozenset({"pendant"})
"""A word that opens a clause ("pendant qu'il pleut") and also says for how long ("pendant 5 minutes")."""
_SPAN_BEFORE_PARTICLE = re.compile(
    rf"(?<!\bom )(?<!\bum )(?<!\bat )(?<!\bab )(?<!\bvanaf )(?<!\btegen )(?<!\bgegen )\b({_SPAN})\s+(?:lang\s+)?(?:an|ein|auf|aan|open)\W*$",
    re.IGNORECASE,
)
""""Schalte das Licht 10 Minuten an": on for a while, the German and Dutch way. Not a time of day:
"Zet de kerstboom om 7 uur aan" is on at 7 o'clock."""
_FOR_SPAN = re.compile(rf"\b(?:for|für|voor|pendant|durante|por|per)\s+({_SPAN})", re.IGNORECASE)
""""Turn on the porch light for 5 minutes": on, and back off when the time is up."""


_ON = re.compile(r"\bon\s+(?=[^\W\d_])", re.IGNORECASE)
_ARTICLES = frozenset(tokens("the a an"))


_SETTINGS_PUT_ON = frozenset(tokens("eco comfort boost away sleep auto heat cool frost holiday vacation standby"))


def _on_what_happens(request: str) -> list[tuple[int, int]]:
    """Where an "on" opens what the request waits for ("Close valve on water leak", "Turn on
    lights on human presence"): an "on" that says no way to switch (`verbs.on_of_something`).
    Not "on the …" ("the one on the side"), nor a button's "on press Piantana Sala", which says
    how the target is switched."""
    out = []
    for m in _ON.finditer(request):
        before, after = tokens(request[: m.start()]), tokens(request[m.end() :])
        if not before or not after or after[0] in _ARTICLES or after[0] in PRESSES or after[0] in _SETTINGS_PUT_ON:
            continue  # "put the heating on eco": the setting, not what it waits for
        if on_of_something([*before, "on", *after], len(before)):
            out.append((m.start(), m.start() + 2))
    return out


_COMMA_AFTER_MARKER = re.compile(r"\s*,")
_BUT_NOT = re.compile(
    r"[,;]?\s*\b(?:but|aber|maar|mais|mas|pero|ma|men)\s+(?:not|nicht|niet|pas|não|nao|no|non|inte|ikke)\s*$", re.IGNORECASE
)
"""A clause denied before its marker ("…, but not if the TV is on", "aber nicht wenn …"): "unless"."""

_SPAN_LATER = re.compile(rf"\b({_SPAN})\s+(later|afterwards|plus tard|später|danach|daarna|depois|después|dopo)\b", re.IGNORECASE)
_SAID_BEFORE = {"später": "nach", "danach": "nach", "daarna": "na", "depois": "depois de", "después": "después de", "dopo": "dopo"}
"""How each language says a wait before its span ("20 Minuten später" is "nach 20 Minuten")."""
_AFTER_A_SPAN = re.compile(
    rf"\b(?:au bout d[e']\s*|passé(?:e?s)?\s+|passad[oa]s\s+|ao fim de\s+|pasad[oa]s\s+|al cabo de\s+|a los\s+|trascors[io]\s+)({_SPAN})", re.IGNORECASE
)


def _delays_said_after(request: str) -> str:
    """The request with a wait said after its span ("… turn it off 20 minutes later", "au bout
    de 20 minutes") said before it, as "after" says it ("after 20 minutes")."""
    return _AFTER_A_SPAN.sub(r"après \1", _SPAN_LATER.sub(lambda m: f"{_SAID_BEFORE.get(m.group(2).lower(), 'after')} {m.group(1)}", request))


_AFTER_MARKERS = frozenset({"after", "après", "apres", "depois de", "após", "apos", "después de", "dopo", "nachdem", "etter at"})
"""Markers that open a wait when a span follows ("after 20 minutes")."""
_SPAN_THEN = re.compile(rf"^\W*{_SPAN}\W*", re.IGNORECASE)


def _verb_after_span(clause: str) -> bool:
    """Whether a span opens a command ("10 minutes turn off the fan" of "… and after 10 minutes
    turn off the fan"), not a clause of its own."""
    span = _SPAN_THEN.match(clause)
    rest = tokens(clause[span.end():]) if span else []
    return bool(rest) and is_verb(rest[0])


_SUN_NEXT = re.compile(r"\s+(?:the\s+)?(?:sunset|sunrise|dusk|dawn)\b", re.IGNORECASE)
"""A sun event after "after" or "before" ("half an hour after sunset close …"): a time, no clause."""


def split_clauses(request: str) -> Clauses:
    request = _delays_said_after(request)
    act: list[str] = []
    watch: list[str] = []
    delays: list[str] = []
    refers_back = False
    position = 0
    markers = sorted(
        [
            m.span()
            for m in _MARKER.finditer(request)
            if not _ASKS_WHETHER.search(request, 0, m.start())
            and not (m.group(0).lower() == "als" and (_compares(request, m.start(), m.end()) or not _DUTCH.search(request)))
            and not (m.group(0).lower() in ("after", "before") and _SUN_NEXT.match(request, m.end()))
        ]
        + [m.span(1) for m in _FOLLOWS.finditer(request)]
        + [m.span(1) for m in _FOLLOWS_WHAT.finditer(request)]
        + [m.span(1) for m in _ON_CHANGE.finditer(request)]
        + _on_what_happens(request)
    )
    if not markers and (tail := _WITH_TAIL.search(request)):
        markers = [tail.span(1)]
    if not markers and (told := TOLD_THAT.search(request)):
        markers = [told.span(1)]  # "notify me that the laundry is done": what it waits for
    for start, end in markers:
        if start < position:
            continue
        act.append(request[position:start])
        marker = request[start:end]
        if but_not := _BUT_NOT.search(act[-1]):
            act[-1] = act[-1][: but_not.start()]  # "…, but not if the TV is on": unless it is
        if _DENYING.fullmatch(marker) and (comma := _COMMA_AFTER_MARKER.match(request, end)):
            end = comma.end()  # "…, es sei denn, jemand ist zu Hause": the comma opens the clause
        clause_end = _CLAUSE_END.search(request, end)
        stop = clause_end.start() if clause_end else len(request)
        if not request[position:start].strip(" :") or request[position:start].rstrip().endswith(":"):
            # A clause that opens the request and runs on without a comma ends where a command
            # starts ("When it is half sleeping mode … for an hour go to total sleeping mode").
            stop = _command_start(request, start, end, stop)
        stop = _second_command(request, end, stop)
        if (sun := _AT_A_TIME_OF_DAY.match(request, end)) and marker.lower() in _AT_MARKERS:
            stop = sun.end()  # "Mach bei Sonnenuntergang die Rollos runter": the time, then the command goes on
        # "… when the front door opens unless vacation mode is on": the denial is a clause of its own;
        # so is the event in "if the TV is on when the doorbell rings".
        stop = next(
            (
                s for s, e in markers
                if end < s < stop
                and (_DENYING.fullmatch(request[s:e]) or (marker.lower() in _IF_MARKERS and request[s:e].lower() in _WHEN_MARKERS))
            ),
            stop,
        )
        clause = request[end:stop]
        if (particle := _PARTICLE_AND_MORE.search(clause)) and not polarity(tokens(" ".join(act))):
            # "… bei Sonnenuntergang ein und um 23 Uhr aus": the particle ends the command's first
            # part; what follows "und" is the command's second part, not something waited for.
            act += [particle.group(1), particle.group(2)]
            clause = clause[: particle.start()]
        elif (particle := _SEPARATED_PARTICLE.search(clause)) and not polarity(tokens(" ".join(act))):
            act.append(particle.group(1))
            clause = clause[: particle.start()]
            if marker.lower() == "bei" and (named := _BEI_THEN_OBJECT.match(clause)):
                # "Bei Bewegung im Schlafzimmer Bettlicht an": what "bei" waits for is its noun and
                # place; the noun after them is what the command switches.
                act.insert(len(act) - 1, named.group(2))
                clause = named.group(1)
        refers_back = refers_back or _refers_back(clause)
        if _DELAY.match(clause) and marker.lower() in _FOR_MARKERS and watch and not request[position:start].strip(" ,"):
            watch[-1] += f" {request[start:stop]}"  # "s'il n'y a plus de mouvement pendant 5 minutes": held that long
        elif _DELAY.match(clause) and marker.lower() in _FOR_MARKERS:
            act.append(request[start:stop])  # "Allume la lumière pendant 5 minutes": on for a while
        elif (
            _DELAY.match(clause) and marker.lower() in _AFTER_MARKERS
            and len(split_commands(" ".join(act))) > 1 and not undoes(" ".join(act))[0]
        ):
            act.append(request[start:stop])  # "… and open the blinds after 20 minutes": the last command waits
        elif marker.lower() in _AFTER_MARKERS and act[-1].strip(" ,") and _verb_after_span(clause) and not undoes(f"{' '.join(act)} {clause}")[0]:
            act.append(request[start:stop])  # "… and after 10 minutes turn off the fan": a command that waits
        elif delay := _DELAY.match(clause):
            delays.append(delay.group(1))
        elif _DENYING.fullmatch(marker):
            watch.append(f"{marker} {clause}")  # "unless guest mode is on": its state denied
        elif but_not:
            watch.append(f"unless {clause}")
        else:
            watch.append(clause)
        position = stop
    act.append(request[position:])
    acting = " ".join(act)
    watch += [m.group(0) for m in _CONTROLLER.finditer(acting)]
    acting = " ".join(_CONTROLLER.sub(" ", acting).split()).lstrip(",; ")
    if not watch and (stated := _stated_then_commanded(acting)):
        watch.append(stated[0])
        acting = stated[1]
    event = not watch and not _ENSURE.match(acting) and _says_what_happened(acting)
    if event:
        watch, acting = [acting], ""
    undo, delay = undoes(acting, delays[0] if delays else "")
    if undo == "when" and not watch:
        undo = ""  # "on at sunset and off at 23:00": times, not the end of something waited for
    return Clauses(
        act=acting, watch=" ".join(" and ".join(w for w in watch if w.strip()).split()), refers_back=refers_back, undo=undo, delay=delay, event=event
    )


_ENSURE = re.compile(
    r"\W*(?:make sure|ensure|check that|stelle? sicher|sicherstellen|sorge dafür|zorg (?:er ?voor )?dat|assure-toi|"
    r"assurez-vous|garantir|certifique-se)\b",
    re.IGNORECASE,
)
""""Make sure the garage door is closed at 23:00": a command to bring about the state it names,
not a report that it happened."""
_HAPPENED = frozenset(tokens(
    "opened closed locked unlocked armed disarmed triggered cancelled canceled stopped started arrived departed "
    "restored detected pressed changed failed returned connected disconnected plugged unplugged rang "
    "geöffnet geschlossen ausgelöst beendet angekommen gestartet gestoppt verbunden getrennt "
    "geopend gesloten gestart gestopt aangekomen vertrokken"
))
"""Past participles that report what happened to a thing ("Front door opened"). Not "done" or
"finished": a device's activity, which its flags follow (`verbs.flag_polarity`); nor "dimmed", a
state to reach ("PC Dimmed")."""
_REMARK = re.compile(r"\([^)]*\)")
_AUXILIARIES = frozenset(tokens("has have had been was were is are got hat ist wurde heeft werd"))
_AFTER_THEN = frozenset(tokens("then dann daarna und and"))


def _says_what_happened(acting: str) -> bool:
    """Whether the words only report an event: a thing and a participle for what happened to it
    ("Alarm: Armed", "proycon arrived", "Security: bathroom door has opened", "Vacuum: stopped
    cleaning"), and no command ("Home then disarmed" disarms; "Reset IPCam Finished" resets). A
    remark in brackets is no report ("Blink Attic lights (doorbell rang)"); the topic before a
    colon and the activity after the participle are no commands."""
    text = _REMARK.sub(" ", acting)
    words = tokens(text)
    happened = [i for i, w in enumerate(words) if w in _HAPPENED]
    if len(happened) != 1 or len(words) < 2:
        return False
    i = happened[0]
    if i and words[i - 1] in _AFTER_THEN:
        return False
    activity = i + 1 if i + 1 < len(words) and _GERUND.search(words[i + 1]) else None
    others = [(j, w) for j, w in enumerate(words) if j not in (i, activity) and w not in _AUXILIARIES]
    labelled = len(tokens(label.group(1))) if (label := TOPIC_LABEL.match(text)) else 0
    return bool(others) and not any(is_verb(w) for j, w in others if j >= labelled)


_GERUND = re.compile(r"..ing$")
"""The activity a thing started or stopped ("Vacuum: stopped cleaning"): what happened, not a command."""
TOPIC_LABEL = re.compile(r"^\s*([^\W\d_][\w -]{0,30}):\s")
"""The topic a request is filed under ("Vacuum: …"): what it is about, not a verb ("vacuum the hall")."""


_STATEMENT_WORDS = frozenset(tokens(
    "we i it they nobody everyone everybody someone somebody is are was were has have had didn't did does doesn't "
    "wir ich es ist sind war waren hat haben niemand jemand wij ik het zijn heeft hebben iemand"
))


def _stated_then_commanded(acting: str) -> tuple[str, str] | None:
    """(what is waited for, the command) of "We didn't enable the guest mode and we both left, arm
    the house": a statement of how things are, then after a comma a command. A list of commands
    ("Turn on the lights, close the blinds") opens with a verb and is no statement."""
    before, comma, after = acting.rpartition(",")
    first = tokens(after)[:1]
    said = tokens(before)
    if not comma or not first or not is_verb(first[0]) or not said or is_verb(said[0]):
        return None
    return (before.strip(), after.strip()) if _STATEMENT_WORDS.intersection(said) or _says_what_happened(before) else None




def _second_command(request: str, start: int, stop: int) -> int:
    """Where a command coordinated into a waiting clause starts ("when motion is detected and
    turn it off when it stops"), or `stop`."""
    for m in _COORDINATOR.finditer(request, start, stop):
        word = _WORD.match(request, m.end())
        if m.group().strip().lower() == "en" and word and word.group(0).lower() in _FRENCH_EN_STATES:
            continue  # "si elle est en pause": the French "en" of a state, no Dutch "and"
        if word and _without_enclitic(tokens(word.group(0))[0]) in _SECOND_COMMAND or _DELAY_PREFIX.match(request, m.end()):
            return m.start()
    return stop


def _undoing(act: str, delay: str = "") -> tuple[Undo, str, list[str], int]:
    """Whether a later command of the acting clause switches the first one's target back: the
    other way ("turn it off", "off", "wieder aus") or restoring it ("then restores the previous
    state"), on the same target (a pronoun, no new name, or the first command's own words); and
    whether it waits a time first (`delay`, "after 2 minutes", "nach 2 Minuten …"). A first
    command held "for 5 minutes" is switched back then too. Also the commands, and the index of
    the one that switches back."""
    commands: list[str] = []
    for part in _COMMAND_BREAK.split(act):
        if waited := _WAIT.match(part):
            delay = delay or waited.group(1)  # "…, wait 5 minutes, then turn it off"
            continue
        if prefix := _DELAY_PREFIX.match(part):
            delay = delay or prefix.group(1)
            part = part[prefix.end() :]
        words = tokens(part)
        if not words or all(w.isdigit() or w in _TIME_OPENERS for w in words):
            continue  # "At 22:00, if …, turn on …": a time alone is no command
        opening = _without_enclitic(words[0])
        if commands and not (is_verb(opening) or opening in _SECOND_COMMAND):
            commands[-1] += " " + part
        else:
            commands.append(part)
    if not commands:
        return "", "", commands, 0
    first_words = tokens(commands[0])
    opening_verb = next((w for w in first_words if w in _RUNNING_VERBS or is_verb(w)), "")
    # "Run the fan at 40%", "set the fan to 40%": a level it runs at switches it on.
    first = polarity(first_words) or (1 if opening_verb in _RUNNING_VERBS or levels_said(commands[0]) else 0)
    if first and len(commands) == 1 and (held := _FOR_SPAN.search(commands[0]) or _SPAN_BEFORE_PARTICLE.search(commands[0])):
        return "later", held.group(1), commands, 1
    for at, later in enumerate(commands[1:], start=1):
        words = [_without_enclitic(w) for w in tokens(later)]
        turned_back = words[0] in _RESTORE or (first and polarity(words) == -first)
        said = tokens(re.sub(_SPAN, " ", later, flags=re.IGNORECASE))  # "… e desliga 10 s": a wait, no name
        named = {w for w in said if not is_verb(_without_enclitic(w)) and w not in _PRONOUNS and w not in _FILLER}
        if turned_back and (_PRONOUNS.intersection(words) or words[0] in _RESTORE or named <= set(first_words)):
            return ("later", delay, commands, at) if delay else ("when", "", commands, at)
    return "", "", commands, len(commands)


_WAIT_AFTER = re.compile(
    rf"\b{_WAIT_VERBS}\s+(?:for\s+)?({_SPAN})\W*$",
    re.IGNORECASE,
)
""""… turn on the hall light and wait 5 minutes": a command that ends waiting before the next."""
_DELAY_AFTER = re.compile(rf"\b{_AFTER_WORDS}\s+({_SPAN})\W*$", re.IGNORECASE)
""""… and dim it to 30% after 20 minutes": a command that waits before it runs."""


def waits_between(act: str) -> tuple[str, ...]:
    """The time each command of the acting clause (`split_commands`) waits after the one before it,
    "" for none: "turn on the hall light, wait 5 minutes and turn off the kitchen light", "… and
    turn off the kitchen light 10 minutes later", "… and after 10 minutes close the blinds". The
    first command's wait is `waits_first`'s; a later command that switches the first one back waits
    as `undoes` says. Empty when no later command waits."""
    commands = split_commands(act)
    if len(commands) < 2 or _undoing(act)[0]:
        return ()
    waits = [""]
    for before, command in itertools.pairwise(commands):
        waited = _WAIT_AFTER.search(before) or _DELAY_PREFIX.match(command) or _DELAY_AFTER.search(command) or _SPAN_LATER.search(command)
        waits.append(waited.group(1) if waited else "")
    return tuple(waits) if any(waits) else ()


def held_last(act: str) -> tuple[int, str] | None:
    """The place of the last of several commands and the span it holds what it switches for
    ("start the coffee maker and turn on the kitchen light for 10 minutes": switched back then),
    or None."""
    commands = split_commands(act)
    if len(commands) < 2 or _undoing(act)[0]:
        return None
    last = [_without_enclitic(w) for w in tokens(commands[-1])]
    held = _FOR_SPAN.search(commands[-1])
    if held and not tokens(commands[-1][held.end() :]) and (polarity(last) or _RUNNING_VERBS.intersection(last)):
        return len(commands) - 1, held.group(1)
    return None


def later_step(act: str) -> str:
    """The last command, without its wait, when it waits and then acts again on what the first
    command acted on, named by a pronoun ("turn on the light at 70% and dim it to 30% after 20
    minutes": "dim it to 30%"); "" otherwise."""
    commands = split_commands(act)
    waits = waits_between(act)
    if len(commands) != 2 or not waits or not waits[-1]:
        return ""
    later = commands[-1]
    for pattern in (_DELAY_AFTER, _SPAN_LATER):
        if found := pattern.search(later):
            later = later[: found.start()]
    if found := _DELAY_PREFIX.match(later):
        later = later[found.end() :]
    words = [_without_enclitic(w) for w in tokens(later)]
    return later.strip(" ,;") if words and _PRONOUNS.intersection(words) and (is_verb(words[0]) or words[0] in _SECOND_COMMAND) else ""


def waits_first(request: str, act: str) -> str:
    """The time the acting clause waits before its commands run, when it switches nothing back:
    "wait 10 minutes, then turn off the fan", "turn off the fan 10 minutes later" (at the end of
    the request, or before its particle: "… 10 Minuten später aus"). "After 10 minutes" is left to say how long what is waited for holds."""
    parts = [part for part in _COMMAND_BREAK.split(act) if tokens(part)]
    if not parts or _undoing(act)[0]:
        return ""
    if (waited := _WAIT.match(parts[0])) and len(parts) > 1:
        return waited.group(1)
    later = _SPAN_LATER.search(request)
    rest = tokens(request[later.end() :]) if later else []
    return later.group(1) if later and _CLOSING_PARTICLES.issuperset(rest) and len(parts) == 1 else ""


_CLOSING_PARTICLES = frozenset(tokens("aus ab zu an ein auf uit aan dicht open"))
"""The particle a German or Dutch command ends with ("… 10 Minuten später aus")."""


def undoes(act: str, delay: str = "") -> tuple[Undo, str]:
    """Whether a later command of the acting clause switches the first one's target back, and
    the time it waits first (`_undoing`)."""
    undo, delay, _, _ = _undoing(act, delay)
    return undo, delay


def before_switching_back(act: str) -> str:
    """The commands of the acting clause before the one that switches back ("run the coffee maker"
    of "… and switch it off 30 minutes later"): what the verbs of the first call are."""
    undo, _, commands, at = _undoing(act)
    return " ".join(commands[:at]) if undo and at else act


_TIME_OPENERS = frozenset(tokens(
    "at um om every each daily am pm h uhr uur sunrise sunset à às a las alle day days night morning evening "
    "weekday weekdays weekend weekends jeden tag täglich elke dag dagelijks tous les jours todos dias días ogni giorno "
    "sonnenuntergang sonnenaufgang zonsondergang zonsopkomst"
))
"""Words of a time a command may open with ("at 6:00 water the lawn …")."""
_RUNNING_VERBS = frozenset(tokens(
    "water run irrigate sprinkle ventilate bewässere bewässern gieße gießen giessen lüfte lüften sproei sproeien "
    "ventileer arrose arroser ventile rega regar ventila ventilar innaffia innaffiare irriga irrigare"
))
"""Verbs that start something without saying on ("water the lawn for 20 minutes", "lüfte das Bad
10 Minuten"): held for a time, it is stopped then, as "turn on … for" is."""
_FILLER = frozenset(tokens(
    "the a an back again wieder weer previous former state à nouveau de novo novamente de nuevo di nuovo nuovamente"
))
_ENCLITIC = re.compile(r"(?<=\w\w\w)(?:la|lo|le|li|las|los|les|lhe|gli)$")


def _without_enclitic(word: str) -> str:
    """A Romance verb without the pronoun written onto it ("spegnila", "apágala" → "spegni",
    "apaga"), when what is left is a verb; else the word."""
    bare = _ENCLITIC.sub("", word)
    return bare if bare != word and (bare in _SECOND_COMMAND or is_verb(bare)) else word


def _command_start(request: str, marker_start: int, clause_start: int, stop: int) -> int:
    """Where an English command starts inside a clause opened at `marker_start`, or `stop`; an
    Italian, Spanish, Portuguese, Dutch or German one at its imperative ("Quando non c'è più
    nessuno in casa spegni la luce")."""
    words = list(_WORD.finditer(request, clause_start, stop))
    marker = request[marker_start:clause_start].strip()
    if _ITALIAN_MARKER.match(marker) and (
        italian := next((w.start() for w in words[1:] if w.group(0).lower() in _ITALIAN_IMPERATIVES), None)
    ) is not None:
        return italian
    if _IBERIAN_MARKER.match(marker):
        # "Cuando llegue a casa enciende la luz": the first imperative that no clitic or subject
        # makes a verb of what happens ("cuando alguien abre la puerta apaga la luz").
        return next(
            (
                w.start() for before, w in zip(words, words[1:])
                if _folded(w) in _IBERIAN_IMPERATIVES and _folded(before) not in _IBERIAN_NOT_AN_IMPERATIVE_AFTER
            ),
            stop,
        )
    if _VERB_LAST_MARKER.match(marker):
        # "als de voordeur open staat stuur me een bericht": the clause ends with its verb, the
        # command opens with its imperative.
        return next((w.start() for w in words[2:] if _folded(w) in _VERB_LAST_IMPERATIVES), stop)
    if not _ENGLISH_MARKER.match(marker):
        return stop
    for k, (before, word, after) in enumerate(zip(words[1:], words[2:], [*words[3:], None])):
        if after is not None and after.group(0).lower() in _NOUN_BEFORE:
            continue  # "when the hallway wall switch is double pressed": a noun, the subject
        if all(w.group(0).lower() in _PARTICLES for w in words[k + 3 :]):
            continue  # "when the garden lights turn off, …": what they do, with nothing to do it to
        if word.group(0).lower() in _IMPERATIVES and (
            before.group(0).lower() not in _NOT_A_COMMAND_AFTER
            or _NUMBER_BETWEEN.search(request, before.end(), word.start())
            or (before.group(0).lower() == "left" and word.group(0).lower() not in _LEFT_IN)
        ):
            return word.start()  # "… is more than 40% turn off the fan": the number ends what it waits on
    return stop


_NUMBER_BETWEEN = re.compile(r"\d")
_LEFT_IN = frozenset(tokens("open on off unlocked running"))
"""What something is left in ("is left open"); after "left", other verbs command ("when everyone has
left turn off the TV")."""
_ITALIAN_MARKER = re.compile(r"^(?:quando|se|appena)$", re.IGNORECASE)
_ITALIAN_IMPERATIVES = frozenset(tokens(
    "spegni accendi chiudi apri attiva disattiva imposta alza abbassa avvisami avvisa manda invia metti"
))
"""Italian imperatives: unlike the third person of what happens ("si spegne", "si apre"), they command."""


def _folded(word: re.Match[str]) -> str:
    """A word as `tokens` writes it (lower case, no accents: "alguém" is "alguem")."""
    return "".join(tokens(word.group(0)))


_IBERIAN_MARKER = re.compile(r"^(?:cuando|en cuanto|apenas|quando|se|assim que|logo que)$", re.IGNORECASE)
_IBERIAN_IMPERATIVES = frozenset(tokens(
    "enciende apaga abre cierra activa desactiva pon sube baja manda envía avísame mándame envíame "
    "liga desliga acende abra fecha ativa desativa coloca põe envia avisa"
))
"""Spanish and Portuguese imperatives that open a command after a clause with no comma."""
_IBERIAN_NOT_AN_IMPERATIVE_AFTER = frozenset(tokens(
    "se me te nos le lo la les los que alguien nadie alguém ninguém él ella ele ela ellos eles tú você"
))
"""Words after which such a verb says what happens ("se abre", "alguien abre"), not a command."""
_VERB_LAST_MARKER = re.compile(r"^(?:als|wanneer|indien|zodra|wenn|falls|sobald)$", re.IGNORECASE)
_VERB_LAST_IMPERATIVES = frozenset(tokens(
    "zet doe stuur schakel sluit draai speel dim schalte schalt mach mache schick schicke sende schließe schliesse öffne "
    "starte stoppe stelle dimme"
))
"""Dutch and German imperatives that open a command after a clause that ends with its verb."""
_PARTICLES = frozenset(tokens("on off up down again back out in"))
_NOUN_BEFORE = frozenset(tokens(
    "is isn't are aren't was were has gets stays remains turns goes comes opens closes changes starts stops becomes"
))
"""Words after which a word that could be a command is the subject ("the switch is pressed")."""


_ARTICLE_AFTER = frozenset("der die das dem den des einer einem einen eine ein de het".split())


def _refers_back(clause: str) -> bool:
    found = re.findall(r"\w+", clause.lower())
    # "wenn es an der Haustür klingelt": "an" before an article is a place, not a state.
    # "wenn es anfängt zu regnen": "zu" before an infinitive is no "closed".
    said = [w for w, after in zip(found, [*found[1:], ""]) if after not in _ARTICLE_AFTER and not (w == "zu" and after.endswith("en"))]
    return bool(_REFLEXIVE_ALONE.match(clause.strip())) or any(
        pronoun.match(clause.strip()) and _STATE_WORDS[language].intersection(said)
        for language, pronoun in _PRONOUN_SUBJECT.items()
    )


_REFLEXIVE_ALONE = re.compile(
    r"^(?:se|si|s['’])\s*(?:enciend[ae]|apagu?[ae]|abr[ae]|cierr[ae]|accende|spegne|apre|chiude|allume|éteint|ouvre|ferme|liga|desliga)\W*$",
    re.IGNORECASE,
)
"""A Romance reflexive verb with no subject ("cuando se encienda", "quando si accende"): the
subject is what the request acts on."""


def clause_ends_at(text: str) -> int:
    """Where the words that open `text` end: at the first clause marker ("when", "wenn", …) or
    punctuation, or at its end ("close the kitchen window | when it is cold")."""
    ends = [m.start() for m in (_MARKER.search(text), _CLAUSE_END.search(text)) if m is not None]
    return min(ends, default=len(text))


TOLD_WORDS = r"me|us|mich|mir|uns|ons|mij|moi|nous|nos|mi|ci"
"""Who a request asks to be told ("tell *me*", "sag *mir* Bescheid", "laat *ons* weten")."""
TOLD_THAT = re.compile(
    rf"\b(?:(?:notify|tell|warn|inform|text|message|let|alert|remind)\s+(?:{TOLD_WORDS})(?:\s+know)?|"
    rf"send\s+(?:{TOLD_WORDS})\s+(?:a\s+|an\s+)?(?:push\s+)?(?:message|notification|text|alert|note|push))\s+(that|dass|dat|que|che)\b", re.IGNORECASE
)
""""Notify me *that* …": what follows is what the notification says, or, when the request waits
on nothing else, what it waits for (`split_clauses`, `constrain.reminded`)."""


_FRENCH_EN_STATES = frozenset(tokens("pause lecture mode veille marche cours charge"))
"""What the French "en" puts a thing in ("en pause", "en mode nuit", "en veille"): no Dutch "and"."""
_SPANISH_EN_OBJECTS = frozenset(tokens("casa la el los las un una mi mis su sus"))
"""What the Spanish "en" puts a thing in ("en casa", "en la cocina"): no Dutch "and"."""
_DUTCH_EN = rf"en(?!\s+(?:{'|'.join(sorted(_FRENCH_EN_STATES | _SPANISH_EN_OBJECTS))})\b)"
"""The Dutch "en" (and), not the French "en" of a state nor the Spanish "en" of a place."""
_COMMAND_BREAK = re.compile(
    rf"\s*(?:[,;]|\band then\b|\b(?:{_THEN})\b|\b(?:{'|'.join(_DUTCH_EN if w == 'en' else w for w in _AND_WORDS)})\b)\s*",
    re.IGNORECASE,
)
"""Where one command ends and the next starts; not at the French "en" of a state ("mettez … en pause")."""


POSSESSIVES = frozenset(tokens("its their ihre ihren ihrem seine seinen seinem zijn haar hun"))
"""Words that say whose a thing is ("its volume", "ihre Steckdose"): what the request named before."""
_REFERRING = POSSESSIVES | frozenset(tokens("it them ihn es het"))

_OWN_SETTING = re.compile(
    rf"(?:\b(?:the|die|den|de|het|le|la|o|a|el|il|lo)\s+|l'|\b(?:set|sets|change|adjust|raise|lower|increase|decrease)\s+)"
    rf"(?:{'|'.join(sorted(SETTING_NOUNS))})\b"
    r"(?!\s+(?:of|von|der|des|van|de|du|da|do|del|della|dello|dell)\b)",
    re.IGNORECASE,
)
"""A setting named with an article and no owner ("… and set the volume to 25%"): the earlier command's node's."""


def sets_what_it_waits_on(act: str, watch: str) -> bool:
    """Whether a single command sets something of what the request waits on, naming it by a
    possessive or not at all ("when the speaker starts playing, set its volume to 25%", "…, set the
    volume to 20%"), or by a pronoun when what it waits on happens ("when the hallway light turns
    on, dim it", "if it stays on for 2 hours, turn it off"; "if the garage door is open after 22:00,
    close it" checks a state at a time)."""
    return len(split_commands(act)) == 1 and bool(
        POSSESSIVES.intersection(tokens(act))
        or _OWN_SETTING.search(act)
        or (_OBJECT_PRONOUN.search(act) and (not _states(watch) or _HELD_FOR.search(watch)))
        or _sets_the_named_again(act, watch)
    )


def _sets_the_named_again(act: str, watch: str) -> bool:
    """Whether the command sets a setting of what the waiting clause names, naming it by the same
    words ("when the TV turns on after 23:00, set the TV volume to 20%")."""
    words = tokens(act)
    if not SETTING_NOUNS.intersection(words):
        return False
    named = {
        w for w in words
        if w not in SETTING_NOUNS and w not in STOPWORDS and not w.isdigit() and not is_verb(w) and w not in _AMOUNT_WORDS
        and not polarity([w])
    }
    return bool(named) and named <= set(tokens(watch))


_OBJECT_PRONOUN = re.compile(
    r"\b(?:it|them)\b|\w-(?:la|le|les|lo|los|las)\b|\b\w+(?:ala|ela|ila|alo|elo|ilo|ali|eli|ili)\b"
    r"|\b(?:het|hem|ze|ihn|es|sie)\b(?=\s+(?:op|uit|aan|naar|weer|dan|auf|aus|an|ein|wieder|dann|zu|ab)\b|\s*[.!]?$)",
    re.I,
)
"""A pronoun a single command names its node by ("…, dim it to 20%", "baisse-la", "apágala",
"spegnila", "zet het op 10%", "schalte ihn aus"): what the request waits on."""


def refers_to_earlier(command: str) -> bool:
    """Whether a later command acts on what an earlier one named ("… and set its volume to 20%",
    "… and dim it to 30%", "… and set the volume to 25%"): its node is named by a pronoun, or not
    at all, or only by the setting it opens with ("… und Lautstärke auf 15%")."""
    words = tokens(command)
    return bool(
        _REFERRING.intersection(words) or _OWN_SETTING.search(command) or (words and words[0] in SETTING_NOUNS)
        or (len(words) > 1 and is_verb(words[0]) and _names_nothing(words[1:]))
    )


_AMOUNT_WORDS = frozenset(tokens(
    "degrees degree grad graden graus grau grados grado gradi degrés degré percent prozent procent pourcent cento por per pour"
))


def _names_nothing(words: list[str]) -> bool:
    """Whether a command's words after its verb are only an amount ("… e coloca em 20 graus",
    "… and set to 20 degrees"): what it sets is what an earlier command named."""
    return any(w.isdigit() for w in words) and all(w.isdigit() or w in STOPWORDS or w in _AMOUNT_WORDS for w in words)


_ASKS_TO_BE_TOLD = re.compile(
    r"\s*(?:(?:mir|uns)\s+(?:bescheid|eine\s+nachricht)|(?:me|ons)\s+(?:een\s+)?(?:bericht|melding|laten\s+weten)|"
    r"gi\s+(?:meg|oss)\s+beskjed|si\s+ifra|varsle\s+(?:meg|oss))\b",
    re.IGNORECASE,
)
"""A command that asks to be told, opened by whom to tell ("und mir Bescheid geben", "en me een
bericht sturen") or by a verb no device answers to ("og gi meg beskjed")."""


def split_commands(act: str) -> list[str]:
    """The commands of an acting clause: "close the blinds, turn off the lights and start the
    vacuum" is three, each opening with a verb; "turn off the TV and the speaker" is one (the
    part after "and" has no verb of its own). A part without a verb that names another kind than
    its command shares the command's verb: "turn off all lights and the ceiling fan" is two
    commands, "turn off all lights" and "turn off the ceiling fan" (`_shared_verb`), as is one
    stating its own level ("set the floor lamp to 30% and the bedside lamp to 10%")."""
    commands: list[str] = []
    sharing: set[int] = set()  # the commands that share one verb
    opening_time = ""
    for part in _COMMAND_BREAK.split(act):
        words = tokens(part)
        if not words:
            continue
        if not commands and words[0] in _TIME_OPENERS and not any(is_verb(w) or polarity([w]) for w in words):
            opening_time += f"{part}, "  # "At wakeup time, turn on …": when, not a command
            continue
        if opening_time:
            part, opening_time = opening_time + part, ""
        if commands and (delay := _DELAY_PREFIX.match(part)) and (after := tokens(part[delay.end():])) and is_verb(after[0]):
            commands.append(part)  # "… and after 10 minutes turn off the fan": a command of its own, later
        elif commands and not is_verb(words[0]):
            if _ASKS_TO_BE_TOLD.match(part):
                commands.append(part)  # "… aus und mir Bescheid geben": a notification of its own
            elif _subject_first(commands[-1]) and _subject_first(part):
                commands.append(part)  # "the bedroom blinds open and the living room blinds go to 70%"
            elif len(words) > 1 and _trailing_way(commands[-1]) and _trailing_way(part):
                commands.append(part)  # "Bettlicht aus und Schlafzimmerrollladen runter": each its own way
            elif (lead := _shared_verb(commands[-1], part)) is not None:
                sharing |= {len(commands) - 1, len(commands)}
                commands.append(f"{lead} {part}")
            else:
                commands[-1] += " and " + part
        else:
            commands.append(part)
    if opening_time:
        commands.append(opening_time.rstrip(", "))
    if sharing and (tail := _trailing_way(commands[-1])):
        # "Schalte die Lichter und den Fernseher aus": the particle at the end is the shared verb's way.
        commands = [f"{c} {tail}" if i in sharing and not polarity(tokens(c)) else c for i, c in enumerate(commands)]
    return commands


_PARTICLES_OF_A_WAY = frozenset(tokens("on off up down aus an ein auf zu aan uit op af"))


def _subject_first(command: str) -> bool:
    """Whether a command names its device before its verb ("the living room blinds go to 70%", "at
    6:45 the bedroom blinds open"): a verb after the first word that names something, not a
    particle that only says a way ("den Fernseher aus")."""
    words = [w for w in tokens(command) if w not in _TIME_OPENERS and not w.isdigit() and w not in STOPWORDS]
    return bool(words) and not is_verb(words[0]) and any(
        is_verb(w) and w not in _PARTICLES_OF_A_WAY for w in words[1:]
    )


def _shared_verb(command: str, part: str) -> str | None:
    """The verb `command` opens with, when `part` (no verb of its own) names a kind of node the
    command does not: what the command does, done to something else."""
    named = set(kinds_in_order(part)) - RECORD_KINDS
    if not _NOUN_PHRASE.match(part):
        return None
    own_levels = bool(settings_said(command) and settings_said(part))
    if not own_levels and (not named or named & set(kinds_in_order(command))):
        # "Turn the floor lamp to 30% and the bedside lamp to 10%": two levels, two commands.
        return None
    lead: list[str] = []
    for word in re.findall(r"[\w'’-]+", command):  # "At midnight turn off …": the verb, where it is
        if is_verb(word.lower()) or polarity([word.lower()]):
            lead.append(word)
        elif lead:
            break
    return " ".join(lead) or None


_NOUN_PHRASE = re.compile(
    r"\s*(?:the|a|an|all|both|every|my|our|den|die|das|der|dem|alle|beide|meine|unsere|de|het|een|"
    r"le|la|les|l'|tous|toutes|o|os|as|todos|todas|el|los|las|il|lo|gli|tutti|tutte)\b",
    re.IGNORECASE,
)
"""How a part that only names things opens ("and *the* ceiling fan", "und *den* Fernseher"): a part
opening with another word may be a verb this reading does not know ("e ripristina la luce")."""


def _trailing_way(command: str) -> str | None:
    """A word for on or off that ends the command ("… den Fernseher aus")."""
    words = tokens(command)
    return words[-1] if len(words) > 1 and polarity(words[-1:]) else None


_WATCH_AND = re.compile(
    rf"\s+(?:(?:and|und|{_DUTCH_EN}|et|e|y)(?:\s+only\s+if)?|(?:but\s+)?only\s+if|if|while|whilst|während|solange|falls|terwijl|"
    r"indien|mientras|enquanto|mentre|tant\s+que|alors\s+que|tandis\s+que|pendant\s+que)\s+(?=\S)",
    re.IGNORECASE,
)
"""What joins the event a request waits for to the state that must hold then: "and", "while", "if"."""
_STATE_IS = frozenset(tokens(
    "is isn't stays remains ist bleibt steht blijft staat est reste é está fica es sigue è resta rimane "
    "estiver esteja esté sea sia soit bin estoy estamos estou sono siamo"
))
"""The verbs of a state ("the light level is below 50"): a part of the waiting clause that has one
states how things must be, which an event before it waits for. Only the singular: in "the
temperature and humidity are high" the plural verb takes both as its subject."""


_CONTRACTED_IS = re.compile(
    r"\b(?:it|there|that|he|she|everyone|everybody|someone|somebody|nobody|noone)['’]s\b|\b(?:we|they|you)(?:['’]re| are)\b"
    r"|\bI(?:['’]m| am)\b|\bik ben\b|\bwij zijn\b|\bje suis\b|\bnous sommes\b",
    re.IGNORECASE,
)
"""A state said with "is" run onto its subject ("and it's dark", "there's nobody home"), or of the
people with "are" ("and we're away")."""
_EVENT_PARTICIPLES = frozenset(tokens(
    "detected pressed triggered clicked tapped rung rang sensed spotted registered "
    "erkannt gedrückt ausgelöst gedetecteerd gedrukt détecté détectée detectado detectada rilevato rilevata"
))
"""What happens, said in the passive ("motion is detected", "die Taste gedrückt wird"): an event
for all its "is", not a state that must hold."""


_STATE_ARE = frozenset(tokens("are aren't stay remain sind bleiben stehen zijn blijven staan sont restent são ficam son siguen sono restano"))
"""The plural verbs of a state: a part of its own only when it opens with an article ("and *the*
living room lights are off"); "the temperature and humidity are high" is one subject."""


def _states(part: str, plural: bool = False) -> bool:
    """Whether a part of the waiting clause says how things must be (`_STATE_IS`, and with `plural`
    `_STATE_ARE` after an article)."""
    words = tokens(part)
    verbs = _STATE_IS | _STATE_ARE if plural and _NOUN_PHRASE.match(part) else _STATE_IS
    return bool(verbs.intersection(words) or _CONTRACTED_IS.search(part)) and not _EVENT_PARTICIPLES.intersection(words)


_DENYING = re.compile(rf"{_DENYING_MARKERS}|au(?:ß|ss)er(?: (?:wenn|falls))?", re.IGNORECASE)
"""Markers of a clause whose state must not hold: its words are kept with it (`denies_its_state`)."""
_NOT = frozenset(tokens("not isn't isnt aren't nicht niet pas não nao non kein keine geen ikke inte"))
_DENYING_WORDS = frozenset(tokens(
    "unless except außer ausser tenzij behalve sauf menos meno sei salvo excepto exceto tranne eccetto unntatt bortsett förutom utom mindre"
))


def opens_with_denial(words: tuple[str, ...] | list[str]) -> bool:
    """Whether a waiting clause is opened by a word that denies all it says ("unless somebody is
    home", "tenzij er iemand thuis is", "a não ser que …"): whoever must be home, must not be."""
    return bool(_DENYING_WORDS.intersection(words)) or _not_to_be(words)


def _not_to_be(words: tuple[str, ...] | list[str]) -> bool:
    """Portuguese "a não ser que" ("unless"), said by no word of its own."""
    return any(w in ("não", "nao") and nxt == "ser" for w, nxt in zip(words, words[1:]))


def denies_its_state(words: tuple[str, ...] | list[str]) -> bool:
    """Whether the words of a waiting clause deny the way its state is said: "unless guest mode is
    on", "tenzij de gastmodus aan staat", "if the light is not on", "als de gastmodus niet aan staat"."""
    if _DENYING_WORDS.intersection(words) or _not_to_be(words):
        return True
    return any(w in _NOT and polarity([nxt]) for w, nxt in zip(words, words[1:]))


def watch_parts(watch: str) -> tuple[str, str]:
    """What the request waits for, and what must hold then: "motion is detected | and the light
    level is below 50 lux", "the door opens | and nobody is home". People mostly name the event
    first and the state after, sometimes the state first ("the window is open and the temperature
    drops below 18"); a part after "and" without a verb of state ("motion in the kitchen and
    hallway") is more of the same, and one held for a time is an event too: the clause stays whole."""
    # Not inside an aside: "when we enable guest mode (e.g. remotely while away)".
    m = next(
        (
            m for m in _WATCH_AND.finditer(watch)
            if watch.count("(", 0, m.start()) <= watch.count(")", 0, m.start()) and not _RANGE_OPENED.search(watch, 0, m.start())
        ),
        None,
    )
    if m is None:
        return watch, ""
    first, later = watch[: m.start()], watch[m.end() :]
    if set(tokens(first)) <= _DENYING_WORDS:
        return watch, ""  # "except if vacation mode is on" is one state, denied
    if tokens(first) and opens_with_denial(tokens(later)[:2]):
        return first, later  # "solnedgang | and med mindre vacation mode er på": a denied state is checked
    worded = [w for w in tokens(later) if not w.isdigit() and w not in STOPWORDS]  # not "… tussen 23:00 en 6:00"
    if worded and _states(first) and not _states(later):
        # "the window is open and the temperature drops below 18": the state first, the event after.
        return (watch, "") if _HELD_FOR.search(first) else (later, first)
    if not (tokens(first) and _states(later, plural=True)) or _HELD_FOR.search(later):
        return watch, ""
    return first, later


RANGE_OPENER = r"\b(?:between|zwischen|tussen|entre|tra|fra)\s+(?:(?:the|le|les|los|las|os|as|i|die|de)\s+)?"
"""What opens a range of two numbers or hours ("between 6", "entre las 0:00"), before its first end."""
_RANGE_OPENED = re.compile(rf"{RANGE_OPENER}-?\d+(?:[.,:]\d+)?\s*(?:%|°\s*c?|uhr|uur|h)?\s*$", re.IGNORECASE)
"""The "and" of "between 6 and 8 degrees" joins the two ends of a range, not two things waited for."""
_HELD_FOR = re.compile(r"\b(?:for|für|voor|pendant|durante|per|longer than|länger als|langer dan)\b", re.IGNORECASE)
"""A state held for a time ("… and there is no activity for more than an hour") is itself an
event: it happens when the time is up."""
