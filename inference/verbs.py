"""Which of a node's actions the request's verbs ask for: English and German phrases; on and off
also in Dutch, French, Portuguese, Spanish and Italian.

The phrases come from the tagger's own training templates (`ner/generate.py`: "disarm", "sound the
alarm", "schaltet … aus", "fährt … hoch"), the action aliases the environment carries, and the
words of the action's name, so one table serves tagging and choosing. A request that names no
action by its own words still says on or off ("Alarm automatisch abschalten"): that polarity picks
among the actions that switch something on or off, open or close, arm or disarm.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from wfl.schemas.environment import Action, EnumType

from .daytime import EVENING_WORDS, MORNING_WORDS, times_of_day_said
from .kinds import kind_tokens
from .lexical import STOPWORDS, blanked, levels_said, tokens

PHRASE_MATCH = 1.0
POLARITY_MATCH = 0.5
OCCASION_MATCH = 0.3
"""A way implied by the occasion (leaving, arriving), not said: weaker than a word for on or off."""

ON_ACTIONS = frozenset(
    {"turn_on", "open_cover", "open", "open_valve", "alarm_arm_away", "alarm_arm_home", "alarm_arm_night",
     "start", "media_play", "play_media", "start_charging", "unlock", "increment"}
)
OFF_ACTIONS = frozenset(
    {"turn_off", "close_cover", "close_valve", "alarm_disarm", "stop", "media_pause", "media_stop", "stop_cover",
     "stop_charging", "return_to_base", "lock", "cancel", "pause", "decrement"}
)
_ON_WORDS = frozenset(tokens(
    "on an ein enable enabled activate activates aktiviere aktiviert aktivieren start starts starting starte startet "
    "anfängt anfangen beginnt beginnen begint "
    "resume resumes resuming angeht angehen angegangen aufgeht aufgehen plugged connected connects online "
    "starten open opens opened öffne öffnet öffnen geöffnet offen arm arms armed scharf hoch auf up anschalten einschalten "
    "anmachen angeschaltet eingeschaltet angemacht aan aanzetten inschakelen ingeschakeld openen opent geopend "
    "activeren geactiveerd activeer activeert omhoog rauf herauf hochfahren aangaat aangaan aanging aangezet aangedaan "
    # French, Portuguese, Spanish, Italian ("activé"/"active" is left out: English "active" says busy)
    "allumer allume allumez allumé allumée allumage activer activez démarrer démarre démarrage lancer lance ouvrir ouvre ouvert ouverte "
    "ligar liga ligue ligado ligada acender acende acendido ativar ativa ativado ativada abrir abre aberto aberta "
    "iniciar inicia encender enciende encendido encendida activar activa activado abierto abierta "
    "encienda enciendan encienden abra abran abren activen "  # "cuando se encienda", "cuando se abra"
    "prender prende prendé prendan prenda prendido prendida encendé abrí activá "  # Latin American, "vos"
    "armer armé armar armado arma arme inserire inserisci accendere accendi accende accendono acceso accesa attivare attiva attivato aprire apri apre aprono aperto aperta avviare avvia "
    "accendo accendiamo apro apriamo "  # "quando accendo la TV"
    "commencer commence começar começa comenzar comienza empezar empieza iniziare inizia cominciare comincia "
    # The act named as a noun ("Activation mode nuit", "Enclenchement mode douche")
    "lancez démarrez ouvrez "  # the "vous" forms
    "activation aktivierung einschaltung activering inschakeling enclenchement activación ativação attivazione "
    "accensione "
    # Norwegian (Danish alike) and Russian, whose words match entity ids as Home Assistant transliterates them
    "tenn tenne tenner tennes aktiver aktivere aktiveres åpne åpner åpnes åpen åpent starte startes "
    "включить включи включите включает включается включение включения включении включен включена включено "
    "открыть открой откройте открывает открытие открыта открыт активировать запустить запуск "
    # Swedish; Slovak and Czech; Polish (letters as Home Assistant transliterates them: "tänder" is "tander")
    "tänd tänder tända tänds aktivera aktiverar aktiveras aktiverad starta startar startas öppna öppnar öppnas "
    "zapni zapne zapnúť zapnutie zapnuté zapnutý zapnutá zapnout zapnuto zapnutí rozsviet rozsvieti rozsvietiť "
    "rozsvítí rozsvítit otvor otvorí otvoriť otevři otevřít aktivuj aktivuje aktivovať spusti spustí spustiť "
    "włącz włącza włączyć włączenie włączony zapal zapala zapalić otwórz otwiera"
))
_OFF_WORDS = frozenset(tokens(
    "off aus ab disable disabled deactivate deactivates deaktiviere deaktiviert deaktivieren stop stops stopped stopping "
    "stoppe stoppt stoppen close closes closed schließe schließt schließen schließ schliess schliesse schliesst schliessen "
    "disarm disarms disarmed unscharf "
    "cancel cancels cancelled canceled reset resets runter zu down ausschalten abschalten ausmachen beenden beendet geschlossen ausgeschaltet abgeschaltet "
    "ausgemacht uit uitzetten uitschakelen uitgeschakeld deactiveer deactiveert uitgaat uitgaan uitging uitgezet uitgedaan dicht sluiten sluit gesloten deactiveren gedeactiveerd "
    "end ends ended ende endet pause pauses paused pausiere pausieren pauze pauzeer pauzeren pauzeert gepauzeerd zurücksetzen zuruecksetzen zurückgesetzt "
    "resetten abort aborted abbrechen abgebrochen afgebroken omlaag neer herunter hinunter herab runterfahren "
    "shut shuts shutdown silence silences silenced exit exits exited ausgeht ausgehen ausgegangen zugeht zugehen "
    "cut cuts kill kills unplug unplugs unplugged disconnect disconnects disconnected offline "
    "cair cai caiu caia caer cae cayó caiga "  # "se a internet cair": goes down
    "återställ återställer återställa nollställ nollställer tilbakestill tilbakestiller nullstill "
    "réinitialiser réinitialise azzerare azzera resetuj "
    # French, Portuguese, Spanish, Italian
    "deactivation désactivation deaktivierung ausschaltung deactivering uitschakeling desactivación desativação "
    "disattivazione spegnimento "
    "éteindre éteins éteint éteinte éteignez extinction désactiver désactive désactivé désactivée arrêter arrête "
    "arrêt arrêté fermer ferme fermé fermée couper coupe coupé fermez désactivez coupez arrêtez "
    "desligar desliga desligue desligado desligada apagar apaga apague apagado apagada desativar desativa desativado "
    "desativada fechar fecha feche fechado fechada parar parado parada "
    "desactivar desactiva desactivado cerrar cierra cerrado cerrada detener detiene "
    "apaguen apagan cierre cierren cierran desactive desactiven apagá cerrá desactivá "
    "désarmer désarmé désarme desarmar desarmado desarma desarme disinserire disinserisci "
    "spegnere spegni spegne spengono spento spenta disattivare disattiva disattivato chiudere chiudi chiude chiudono "
    "spengo spegniamo chiudo chiudiamo "
    "chiuso chiusa fermare ferma "
    "terminer termine finir terminar termina finalizar finaliza terminare finire "
    "slukk slukke slukker slukkes lukk lukke lukker lukkes deaktiver deaktivere deaktiveres stopp stoppe stoppes "
    "lukket lukka stengt steng stenge "
    "выключить выключи выключите выключает выключается выключение выключения выключении выключен выключена "
    "отключить отключи отключите отключает отключение отключения отключен отключена погасить "
    "закрыть закрой закройте закрывает закрытие закрыта закрыт остановить остановка деактивировать "
    "släck släcker släcka släcks släckt stäng stänger stänga stängs stängd avaktivera avaktiverar inaktivera inaktiverar "
    "stoppa stoppar "
    "vypni vypne vypnúť vypnutie vypnuté vypnutý vypnutá vypnout vypnuto vypnutí zhasni zhasne zhasnúť zhasnout "
    "zatvor zatvorí zatvoriť zavři zavřít deaktivuj deaktivovať zastav zastaví zastaviť "
    "wyłącz wyłącza wyłączyć wyłączenie wyłączony zgaś gasi zgasić zamknij zamyka zamknąć"
))
_SETTING_PHRASES = ["zet op", "stel in", "stel op", "stelle auf", "stell auf", "einstellen auf", "keep", "halte", "houd",
                    "adjust", "adjusts", "ajustar", "ajusta", "ajuste", "régler", "règle", "regolare", "regola",
                    "mets", "mettez", "mettre", "pon", "poné", "poner", "ponga", "põe", "coloca", "metti", "imposta", "impostare"]
"""Setting a number ("zet de verwarming op 20 graden", "stelle die Heizung auf 21 Grad", "Ajustar
valor") and keeping one ("keep the temperature above 20", "halte … bei 21 Grad")."""
_NOTIFYING_VERBS = (
    "notify alert warn remind message tell inform let send text benachrichtige benachrichtigen informiere warne erinnere "
    "waarschuw notifie avise notifica avvisa"
)
"""Verbs that ask for a notification in any language (`_NOTIFYING`, and the `notify` action's phrases)."""
_EXTRA_PHRASES: dict[str, list[str]] = {
    # A light is dimmed by switching it on at a lower level.
    "turn_on": ["dim", "dimme", "dimm", "dimmen", "brighten", "fade in", "fades in",
                # Switching on in French, Portuguese, Spanish and Italian: the switch's own verb, ahead
                # of others of its way ("éteins la télé" turns it off, it does not pause it).
                "allume", "allumer", "allumez", "liga", "ligar", "ligue", "acende", "acender", "enciende", "encender",
                "encendé", "prende", "prendé", "prender",
                "accendi", "accendere"],
    "turn_off": ["fade out", "fades out", "éteins", "éteindre", "éteignez", "coupez", "coupe", "desliga", "desligar", "desligue", "apaga", "apagar", "apague", "apagá",
                 "spegni", "spegnere"],
    "start": ["arranca", "arrancá", "arrancar", "empezá", "empieza", "inicia", "iniciá", "iniciar", "démarre", "lance", "avvia",
              "clean", "cleanup", "vacuum", "saugen", "putzen", "reinigen", "nettoyer", "aspirer", "limpar", "aspirar",
              "limpiar", "pulire"],
    **dict.fromkeys(("return_to_base", "dock"), ["dock", "go home", "send home", "send back", "return home", "zurück zur basis",
                                               "sa base", "la base", "renvoie", "renvoyer",
                                               "ladestation", "laadstation", "charging station", "station de charge",
                                               "base de carga", "base di ricarica"]),
    "alarm_trigger": ["trigger", "auslösen", "afgaan", "laat afgaan", "déclencher", "déclenche", "disparar", "dispara", "scattare",
                      "fai scattare", "haz saltar", "hacer saltar", "haz sonar", "hacer sonar", "fais sonner", "faire sonner",
                      "fai suonare", "faz disparar", "faça disparar"],
    # Asking to be told, in the languages whose verbs carry whom to tell ("avísame", "mandami").
    "notify": [*(verb for verb in _NOTIFYING_VERBS.split() if verb != "let"), "notifies", "let know", "préviens", "prévenir", "prévenez", "alerte", "alertez", "envoie", "envoyer", "envoyez",
               "avisa", "avísame", "avisame", "avísanos", "mándame", "mandame", "mándanos", "envíame", "enviame", "envíanos",
               "notifícame", "notificame", "manda me", "envia me", "me avisa", "me avise", "me manda", "me envia",
               "avvisami", "avvisaci", "mandami", "mandaci", "inviami", "inviaci", "notificami",
               "stuur", "stuur me", "laat weten", "schick", "schicke", "schick mir", "sende mir", "benachrichtige mich"],
    "toggle": ["umschalten", "toggle", "basculer", "inverser", "alternar", "commutare"],
    # A cover lowered or raised ("abbassa le tapparelle", "sube las persianas"); said of a volume or
    # a brightness, the same verbs set it (`_LOWERED_OR_RAISED`).
    "close_cover": ["abbassa", "abbassare", "baixar", "baixa", "abaixar", "abaixa", "bajar", "baja", "baisser", "baisse",
                    "descendre", "descends", "descendez", "baissez",
                    # Norwegian, Danish and Swedish
                    "trekk ned", "rull ned", "senk", "senke", "dra ned", "trekk for", "fäll ned", "dra ner", "sänk", "rulla ner"],
    "open_cover": ["alza", "alzare", "subir", "sube", "levantar", "levanta", "remonter", "remonte", "remontez", "monter", "montez",
                   "rull opp", "trekk opp", "heis opp", "dra opp", "trekk fra", "dra upp", "hissa", "rulla upp"],
    "lock": ["verrouiller", "verrouille", "trancar", "tranca", "tranque", "cerrar con llave", "chiudere a chiave", "chiudi a chiave",
             "lås", "låse", "låsa", "lås igjen"],
    "unlock": ["déverrouiller", "déverrouille", "destrancar", "destranca", "destranque", "desbloquear", "desbloquea",
               "abrir con llave", "sbloccare", "sblocca", "lås opp", "låse opp", "lås upp", "låsa upp"],
    "increment": ["count", "zähle", "zählen", "tally", "calculate amount", "hochzählen", "incrémenter", "incrementar",
                  "incrementare", "compter", "contar"],
    "volume_up": ["raise volume", "increase volume", "louder", "lauter", "harder", "monte le volume", "augmente le volume",
                  "alza il volume", "aumenta il volume", "aumenta o volume", "sube el volumen", "aumenta el volumen"],
    "volume_down": ["lower volume", "decrease volume", "quieter", "leiser", "zachter", "baisse le volume", "baisser le volume",
                    "abbassa il volume", "baixa o volume", "baixar o volume", "baja el volumen", "bajar el volumen"],
    "volume_mute": ["mute", "stumm", "dempen", "coupe le son", "couper le son", "sourdine", "silenciar", "silencia",
                    "silenziare", "silenzia", "muta", "mutar", "muter"],
    # Playing music: German "spiel … ab", Dutch "speel … af", the Romance verbs of playing.
    "media_play": ["spiele ab", "spiel ab", "abspielen", "speel af", "afspelen", "joue", "jouer", "toca", "tocar", "reproduce",
                   "reproducir", "riproduci", "riprodurre",
                   # music started: "start the music", "starte die Musik", "lance la musique"
                   "start music", "starte musik", "start muziek", "lance musique", "démarre musique", "inicia música",
                   "pon música", "avvia musica"],
    **dict.fromkeys(("media_pause", "pause"), ["pauzeer", "pauzeren", "pauzeert", "mettre en pause", "mets en pause",
                                               "mettez en pause", "pon en pausa", "metti in pausa", "pausar", "pausa"]),
    "shuffle_set": ["shuffle", "zufallswiedergabe"],
    "record": ["record", "aufzeichnen", "aufnehmen", "zeichne auf", "nimm auf", "nehme auf", "video", "opnemen", "neem op",
               "enregistrer", "enregistre", "gravar", "grava", "grabar", "graba", "registrare", "registra"],
    "snapshot": ["foto", "fotos", "photo", "photos", "picture", "snap", "snaps", "screenshot", "schnappschuss", "scatta"],
    **dict.fromkeys(("set_temperature", "set_humidity", "set_cover_position", "set_percentage", "set_value"), _SETTING_PHRASES),
    # The volume named with no other verb ("Volume Nest", "Adjust Media Player Volume") is set.
    "volume_set": [*_SETTING_PHRASES, "volume", "lautstärke", "volym", "ljudnivå", "hlasitosť", "głośność", "громкость"],
}
"""Verbs the templates lack that people use for these actions."""
_LOWERED_OR_RAISED = frozenset(tokens(" ".join(_EXTRA_PHRASES["close_cover"] + _EXTRA_PHRASES["open_cover"])))
SETTING_NOUNS = frozenset(tokens(
    "volume brightness lautstärke helligkeit helderheid color colour farbe kleur temperature temperatur temperatuur "
    "volumen luminosité brilho brillo luminosità couleur cor color colore température temperatura "
    "volum volumet volymen lysstyrke lysstyrken ljusstyrka temperaturen"
))
"""What a command sets on a thing ("set its volume", "baisse le volume"): no name of a node, and
what a verb that lowers or raises a cover lowers or raises instead when said."""
_SETTING_WORDS: dict[str, frozenset[str]] = {
    "alarm_arm_away": frozenset(tokens("away nobody noone keiner niemand abwesend afwezig leave leaves left leaving weg vertrek vertrekt")),
    "alarm_arm_night": frozenset(tokens("night nacht sleep sleeping schlafen bedtime")),
}
"""Words that pick one way of doing the same thing: "arm the alarm when nobody is home" arms it
in away mode. Without such a word, arming means away mode (`DEFAULT_SETTING`)."""
SETTING_MATCH = 0.25
DEFAULT_SETTING = {"alarm_arm_away": 0.1}
_GROUP = re.compile(r"<action:([^>]*)>")
_PRESSED = re.compile(
    r"\b(?:schalter|lichtschalter|wandschalter|taster|schakelaars?|lichtschakelaars?|knop|knoppen|drukknop|buttons?|"
    r"remotes?|fernbedienung|afstandsbediening|(?:wall|light|mini|wireless)\s+switch(?:es)?|interrupteurs?|"
    r"interruptor(?:es)?|interruttor[ei]|boutons?|botão|botões|botao|botoes|botón|botones|boton|pulsador(?:es)?|"
    r"pulsant[ei]|knapp|knappen|knappar|tryckknapp|strombrytare|stromstallare|tlacidlo|tlacidla|tlacitko|tlacitka|"
    r"vypinac|przycisk|przyciski|wylacznik)\b|(?<!dimmer )\bswitch(?:es)?\s*$",
    re.IGNORECASE,
)
""""Zolder schakelaar", "TV Licht Schalter", "bathroom Aqara Wireless Mini Switch": a switch or
button the request is about, and no word for on or off, means each press switches over. A dimmer has a button for each way ("Hue dimmer switch")."""


_SWITCH_OVER_VERBS = frozenset(tokens("switch comutar commuter conmutar"))
_SWITCHED_TO = frozenset(tokens("to from into naar para pour"))


def _says_its_name_and_when(request: str, name: frozenset[str]) -> bool:
    """"Lights off at night" and the script "Lights off": the request says nothing but the name
    and when."""
    said = tokens(blanked(request, times_of_day_said(request)))
    return not [w for w in said if w not in name and w not in STOPWORDS]


def switches_over(request: str) -> bool:
    """Whether the request, saying no way, asks to switch over on each press: a switch or button
    it is about ("Zolder schakelaar"), or a verb of switching that opens it ("Switch Light 1")."""
    words = tokens(request)
    return bool(_PRESSED.search(" ".join(words))) or _switches_over(words)


def _switches_over(request_words: list[str]) -> bool:
    """"Switch Light Toilet 1", "Comutar Deshumidificador": the verb of switching that opens a
    request saying no way switches over; switching to or from something ("switch music from
    iPhone to speakers") chooses instead."""
    return bool(request_words) and request_words[0] in _SWITCH_OVER_VERBS and not _SWITCHED_TO.intersection(request_words)


TEMPERATURE_UNITS = frozenset({"°C", "°F", "°", "C", "F"})
DEGREE_UNIT = r"(?:°|degrees?\b|grad\b|graden\b|graad\b|degr[ée]s?\b|graus?\b|grados?\b|gradi\b|grader\b)"
"""A number's unit that says degrees, in English, German, Dutch, French, Portuguese, Spanish and Italian."""
DEGREES = re.compile(rf"(?<![\w.:])(-?\d+(?:[.,]\d+)?)\s*{DEGREE_UNIT}", re.IGNORECASE)
"""A number of degrees ("21 °C", "26 Grad"), the number in group 1."""
WARMER_THAN = (
    r"(?:warmer|hotter|wärmer|waermer|heißer|heisser|heter) (?:(?:wird|wordt|is|ist|gets|becomes) )?(?:than|als|dan)|plus chaud que|mais quente que|"
    r"más caliente que|più caldo di"
)
COLDER_THAN = (
    r"(?:colder|cooler|kälter|kaelter|kühler|kuehler|kouder|koeler) (?:(?:wird|wordt|is|ist|gets|becomes) )?(?:than|als|dan)|plus froid que|mais frio que|"
    r"más frío que|più freddo di"
)
"""Comparatives of temperature: which way a threshold is crossed ("colder than 10 degrees"), and
no words of a node's name."""
_SET_DEGREES = re.compile(rf"\b(?:to|at|on|auf|op|naar|à|a|em|en|para|su|na|til|till|på)\s+-?\d+(?:[.,]\d+)?\s*{DEGREE_UNIT}", re.IGNORECASE)
""""… to 21 degrees", "auf 21 Grad", "op 20 graden": a temperature to set (a threshold says "above")."""
_SET_TO_NUMBER = re.compile(
    r"\b(?:to|auf|op|naar|à|a|para|su|na|til|till)\s+(?:(?:heat|cool|heating|cooling|auto|eco|comfort|heizen|kühlen|verwarmen|koelen)\s+)?"
    r"(-?\d{1,2}(?:[.,]\d)?)(?![\d.,:]|\s*[%°])(?!\s*(?:percent|prozent|procent|pct|"
    r"uhr|uur|h|am|pm|min\w*|sec\w*|sek\w*|hours?|stunden?|uren|w|watts?|lux|ppm|k|kelvin|f)\b)",
    re.IGNORECASE,
)
"""A bare number to set something to ("set the thermostat to 21"): degrees, when what is set is a
climate (`set_degrees`); no clock time, percentage or other unit."""
COMFORT_RANGE = (5.0, 35.0)
"""Degrees Celsius a room is set to; a bare number outside it is no temperature (30 °C is hot, 68 °F
is 20 °C: a request in Fahrenheit states its unit)."""


def bare_set_degrees(act: str, sets_a_climate: bool) -> list[str]:
    """The numbers an acting clause that sets a climate sets it to without a unit ("set the
    thermostat to 21", "Heizung auf 20"): people seldom say "degrees" to a thermostat."""
    if not sets_a_climate:
        return []
    return [m.group(1).replace(",", ".") for m in _SET_TO_NUMBER.finditer(act)
            if COMFORT_RANGE[0] <= float(m.group(1).replace(",", ".")) <= COMFORT_RANGE[1]]


_TEMPERATURE_WORD = r"(?:temperatures?|temperatur\w*|température\w*|temperatura\w*|temperatuur\w*|teplot\w*|температур\w*)"
_SETTING_VERB = (
    r"(?:set|sets|setting|adjust\w*|stell\w*|setz\w*|einstell\w*|zet|zetten|stel|instellen|régl\w*|défini\w*|ajust\w*"
    r"|defin\w*|impost\w*|regol\w*|nastav\w*|ustaw\w*|установ\w*)"
)
_SET_TEMPERATURE = re.compile(
    rf"\b{_SETTING_VERB}\b[^,.;:]{{0,40}}?\b{_TEMPERATURE_WORD}\b|\b{_TEMPERATURE_WORD}\b[^,.;:]{{0,20}}?\b{_SETTING_VERB}\b",
    re.IGNORECASE,
)
""""Sets comfortable temperature", "nastavit běžné teploty pro topení", "Temperatur einstellen": a
temperature to set without its degrees."""


_HEATED_TO = re.compile(
    r"\b(?:heat|warm(?:\s+up)?|heiz\w*|erwärm\w*|verwarm\w*|chauffe\w*|riscald\w*|calient\w*|aquec\w*)\b"
    r"[^,.;:]{0,40}?\b(?:to|auf|op|naar|à|a|até)\s+(1[5-9]|2\d)(?:[.,]\d)?\b(?!\s*(?:%|uhr|uur|h\b|:))",
    re.IGNORECASE,
)
"""A place heated to a number ("heat the living room to 22", "Heize das Wohnzimmer auf 22"): a
temperature set, though no degrees are said."""


@lru_cache(maxsize=256)
def settings_said(text: str) -> tuple[tuple[str, str], ...]:
    """The levels and temperatures `text` sets, each as (unit, number as said); a temperature's unit
    is "°", with or without "degrees" ("to 30%", "to 18", "auf 20 Grad"). Cached: every command of
    every request asks it."""
    degrees = [m.group(1) for m in DEGREES.finditer(text)] + bare_set_degrees(text, True)
    return levels_said(text) + tuple(("°", d.replace(",", ".")) for d in dict.fromkeys(degrees))


@lru_cache(maxsize=256)
def sets_degrees(request: str) -> bool:
    """Whether the request sets a temperature: one it states in degrees, or one it asks to set.
    Cached: retrieval asks it of every candidate's verbs."""
    return bool(_SET_DEGREES.search(request) or _SET_TEMPERATURE.search(request) or _HEATED_TO.search(request))


def sets_temperature(action: Action) -> bool:
    """Whether one of the action's parameters is a temperature."""
    return any(getattr(value_type, "unit", None) in TEMPERATURE_UNITS for value_type in action.params.values())


@cache
def _lexicon() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Action name → its verb phrases as word tuples (a separable verb is one phrase of two words)."""
    from .ner.generate import _DE_VERBS, _EN_ACTIONS

    phrases: dict[str, set[tuple[str, ...]]] = {}
    for name, templates in _EN_ACTIONS.items():
        if name.startswith("_"):
            continue
        for template in templates:
            groups = [g.split("|") for g in _GROUP.findall(template)]
            for combination in itertools.product(*groups):
                phrases.setdefault(name, set()).add(tuple(tokens(" ".join(combination))))
    for name, verbs in _DE_VERBS.items():
        if name.startswith("_"):
            continue
        for imperative, third, particle, infinitive in verbs:
            tail = tuple(tokens(particle)) if particle else ()
            for verb in (imperative, third):
                phrases.setdefault(name, set()).add((*tokens(verb), *tail))
            phrases.setdefault(name, set()).add(tuple(tokens(infinitive)))
    for name, extra in _EXTRA_PHRASES.items():
        phrases.setdefault(name, set()).update(tuple(tokens(p)) for p in extra)
    return {name: tuple(p for p in ps if p) for name, ps in phrases.items()}


def _word_in(word: str, request_words: frozenset[str]) -> bool:
    """`word` or an inflection of it ("arm" in "arms", "turn" in "turned"), not the noun for what
    does it ("mow" is not in "mower", "heat" not in "heater")."""
    if word in request_words:
        return True
    return len(word) >= 3 and any(
        r.startswith(word) and len(r) - len(word) <= 3 and r[len(word):] not in _DOER for r in request_words
    )


_DOER = frozenset({"er", "ers"})


def polarity(request_words: list[str]) -> int:
    """+1 when the request switches something on, -1 off, 0 when it does not say or says both equally.
    A word numbered as one of several ("X-mas on1", "off2") still says its way, and so does an
    "off" run together with what it switches ("RF Remote kuecheoff")."""
    words = _without_idioms([w.rstrip("0123456789") or w for w in request_words])
    on = sum(1 for w in words if w in _ON_WORDS) + _particles(words, _SCANDINAVIAN_ON) + _french_active(words) + _switched_in(words)
    off = sum(1 for w in words if w in _OFF_WORDS or _glued_off(w)) + _particles(words, _SCANDINAVIAN_OFF)
    return (on > off) - (off > on)


def _french_active(words: list[str]) -> int:
    """The French "active le mode vacances": "active" before an article is "activate", not the
    English adjective ("when the alarm is active")."""
    return sum(1 for w, nxt in zip(words, words[1:]) if w == "active" and nxt in ("le", "la", "les", "l"))


_SCANDINAVIAN_TURN = frozenset(tokens("skru skrur skrus slå slår slås sett setter sätt sätter sätts"))
_SCANDINAVIAN_ON = frozenset(tokens("på"))
_SCANDINAVIAN_OFF = frozenset(tokens("av"))


def _switched_in(words: list[str]) -> int:
    """Dutch "schakel … in" (switch on), its particle apart from the verb: "in" alone is a place."""
    if not _DUTCH_SWITCH.intersection(words):
        return 0
    return int(any(w == "in" and (i == len(words) - 1 or words[i + 1] in _AFTER_PARTICLE) for i, w in enumerate(words) if i))


_DUTCH_SWITCH = frozenset(tokens("schakel schakelt"))
_AFTER_PARTICLE = frozenset(tokens("als wanneer zodra om bij en"))
"""Words that follow the particle ending a Dutch command ("schakel het alarm in als …")."""


def _particles(words: list[str], way: frozenset[str]) -> int:
    """Norwegian and Danish switch with a verb and a particle ("skru av", "slå på"): the particle
    alone is only "of" or "on" something, so it says a way right after such a verb."""
    return sum(1 for i, w in enumerate(words) if w in way and i and words[i - 1] in _SCANDINAVIAN_TURN)


_NOT_GLUED_OFF = frozenset(tokens("takeoff kickoff payoff cutoff standoff handoff layoff liftoff playoff spinoff"))


def _glued_off(word: str) -> bool:
    """"kuecheoff": a name of four letters or more run together with "off" (not "Sauerstoff")."""
    return word.endswith("off") and len(word) >= 7 and not word.endswith("stoff") and word not in _NOT_GLUED_OFF


_TIMEOUT_WORDS = frozenset(tokens("timer timeout nachlauf ausschaltverzögerung"))
""""[Timer: 10] Laundry room", "Timeout Activiteit boven": a timer on a device that says no
other way is the time after which it goes off."""


def _times_out(request_words: list[str]) -> int:
    """-1 when the request speaks only of a device's timer (`_TIMEOUT_WORDS`), else 0."""
    return -1 if _TIMEOUT_WORDS.intersection(request_words) else 0


_RISING = frozenset(tokens("wake wakes woke waking get gets got getting"))
_HELD = frozenset(tokens("stay stays stayed remain remains remained still left bleibt bleiben blijft blijven"))


def held_way(words: list[str] | tuple[str, ...]) -> int:
    """The way a state is said to hold still ("if it's still on", "stays open"): +1 on, -1 off,
    0 unsaid. No command (`_without_idioms`), but what a condition checks."""
    for before, word in zip(words, words[1:]):
        if before in _HELD and word in _ON_WORDS:
            return 1
        if before in _HELD and word in _OFF_WORDS:
            return -1
    return 0


_TURNING = frozenset(tokens("turn turns turned turning switch switches switched switching put puts putting flip flips"))
_AFTER_ON = frozenset(tokens(
    "when whenever if at after before during while for in and or until till by with then as from to so but else "
    "otherwise unless above below over under between around via through daily nightly every each once "
    "weekdays weekday weekends weekend workdays workday working "
    "monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays "
    "sunday sundays"
))
"""Words that may follow an "on" that says a way ("lights on at sunset", "fan on for 10 minutes")."""


PRESSES = frozenset(tokens("press pressed presses click clicks clicked double long short single hold tap push"))
"""Words for pressing a button: "on press" says which button, not a way (also `clauses`)."""


_ARTICLES_AFTER_ON = frozenset(tokens("the a an my our your their"))
_ON_WITH_NOUN = frozenset(tokens("it them him her everything all lights light"))
"""Words after which "on the …" still says a way ("turn it on the moment …", "lights on the porch")."""


def on_of_something(words: list[str], i: int) -> bool:
    """Whether the "on" at `i` is a preposition: "Close valve on water leak", "Remote Dimmer 1 on
    press". It says a way after a verb of turning, at the end, before a word that starts a time or
    clause ("lights on at sunset"), and when nothing before it commands: "Toilet On Motion" is the
    toilet switched on, on motion."""
    if not 0 < i < len(words) - 1 or words[i - 1] in _TURNING:
        return False
    following = words[i + 1]
    if following in PRESSES or (following in _ARTICLES_AFTER_ON and words[i - 1] not in _ON_WITH_NOUN):
        return True  # "no motion on the driveway": where, not a way
    if following in _AFTER_ON or following in _ON_WORDS or following in _OFF_WORDS or following[:1].isdigit():
        return False
    return any(is_verb(w) for w in words[:i])


def _without_idioms(words: list[str]) -> list[str]:
    """"Wakes up", "get up": the "up" is of the verb, no way to switch and no command. Nor is a
    way that something is left in ("else it will stay open", "Left Open Notification"), nor the
    "on" of "on water leak" (`on_of_something`), nor the "end" of "le week-end"."""
    return [
        w for i, w in enumerate(words)
        if not (i and ((w == "up" and words[i - 1] in _RISING) or (words[i - 1] in _HELD and w in _ON_WORDS | _OFF_WORDS)))
        and not (w == "on" and on_of_something(words, i))
        and not (i and w == "end" and words[i - 1] == "week")  # "le week-end"
        and not (w in _PREPOSITIONS and i + 1 < len(words) and words[i + 1] in _PLACE_ARTICLES)
    ]


_PREPOSITIONS = frozenset(tokens("an auf aan op"))
_PLACE_ARTICLES = frozenset(tokens("der dem den de het"))
"""German and Dutch "an"/"auf" before an article is "at"/"on" a place ("die Steckdose an der Haustür …
aus", "de lamp aan de muur"), not the particle that switches on."""


_SLEEP_WORDS = frozenset(tokens(
    "sleep sleeping asleep nap naps napping bedtime schlafen einschlafen schlafenszeit goodnight slapen "
    "dormir coucher sommeil"
))
_LEAVING_WORDS = _SLEEP_WORDS | frozenset(tokens(
    "leave leaves leaving left verlassen verlässt verlasse abwesend away vertrek vertrekken weggaan "
    # Nobody there, and leaving, in other languages
    "nobody noone niemand nadie ninguém ninguem nessuno ingen nikdo nikt никого "
    "sair saída saida salir salida partir départ depart uscire uscita esce escono lämnar lämna forlater forlate "
    "odejdou odchod odjezd wyjście wyjscie wyjazd уходим уход"
))
_WAKING_WORDS = frozenset(tokens(
    "wake wakes waking wakeup wakup woke awake aufstehen aufwachen opstaan réveil acordar despertar"
))
_AWAY_WORDS = frozenset(tokens("away abwesend afwezig absent absence ausente vacation holiday urlaub vakantie"))
_COMING_WORDS = _WAKING_WORDS | frozenset(tokens(
    "arrive arrives arriving arrival ankommen ankunft anwesend thuiskomen thuiskomst "
    "chegar chegada llegar llegada arriver arrivée arrivee arrivare arrivo rientro rientra rientrano ankomst příchod prichod przyjazd "
    "приход"
))


def _occasion(request_words: list[str]) -> int:
    """"Präsenz - Verlassen - Licht", "Bedtime: lights": what leaving or going to sleep does to a
    device that the request switches no way is switch it off; arriving or waking, on. Waking is
    from sleep, so a word for sleep beside it ("Schlafen - Aufstehen - Rolläden") is its topic."""
    words = set(request_words)
    if words & _WAKING_WORDS:
        words -= _SLEEP_WORDS
    if words & _SIDE_OF:
        words -= _SIDES  # "ButtonLeft", "left and right": a side, not someone who left
    return bool(words & _COMING_WORDS) - bool(words & _LEAVING_WORDS)


def _time_of_day_way(request_words: list[str]) -> int:
    """"Sonne - Untergang - Rolläden", "Rollos morgens": a cover the request moves no way opens
    in the morning and closes in the evening (the daylight it lets in is its topic)."""
    words = set(request_words)
    return bool(words & MORNING_WORDS) - bool(words & EVENING_WORDS)


_SIDES = frozenset(tokens("left right"))
_SIDE_OF = frozenset(tokens(
    "right button buttons side knob key taste taster knop bouton"
))


_BUSY_WORDS = frozenset(tokens(
    "active aktiv running runs läuft laufen busy bezig washing wäscht spült drying trocknet charging lädt "
    "cleaning saugt playing spielt brewing draait actief"
))
_DONE_WORDS = frozenset(tokens(
    "done finished finishes fertig klaar ready complete completed beendet idle inactive inaktiv inactief gereed"
))


def _activity(words: frozenset[str]) -> int:
    """+1 for words of something at work ("läuft", "washing"), -1 for done ("fertig"), else 0."""
    busy, done = bool(words & _BUSY_WORDS), bool(words & _DONE_WORDS)
    return busy - done


def is_activity(text: str) -> bool:
    """Whether the words say something is at work or done ("läuft", "fertig")."""
    return bool(frozenset(tokens(text)) & (_BUSY_WORDS | _DONE_WORDS))


def states_activity(request: str) -> bool:
    """Whether the request says something is at work or done and asks for no switching ("Airfryer
    bezig", "Wasmachine klaar"): a status to record, not a command."""
    words = tokens(request)
    return not polarity(words) and bool(_activity(frozenset(words)))


def activity_way(words: str, name: str) -> int:
    """Which way a yes/no state named `name` goes when `words` say something is done or at work:
    "the washing machine is done" is the end of "Washing machine state" (off), of "Dishwasher
    ready" the start (on); a name that says neither is on while the device works. 0 when the words
    say neither."""
    named = frozenset(tokens(name))
    said = _activity(frozenset(tokens(words)) - named)
    return said * (_activity(named) or 1)


def flag_polarity(request: str, flag_name: str) -> int:
    """Which way a flag named for an activity follows the activity the request states: "wenn der
    Trockner fertig ist" turns "Dryer active" off, "wenn die Waschmaschine läuft" turns it on."""
    name = frozenset(tokens(flag_name))
    said = frozenset(tokens(request)) - name
    # A state and its opposite: "Low Pollen Today" turns "High pollen" off, "Clean Kitty Litter"
    # turns "Kitty litter dirty" off.
    if any(name & ws and said & opposite for ws, opposite in _OPPOSITE_STATES):
        return -1
    return _activity(name) * _activity(said)


_OPPOSITE_STATES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(tokens(a)), frozenset(tokens(b)))
    for one, other in (
        ("high hoch hoog", "low niedrig laag"),
        ("dirty schmutzig dreckig vuil", "clean cleaned sauber schoon"),
        ("full voll vol", "empty leer"),
    )
    for a, b in ((one, other), (other, one))
)
"""States a flag may be named for, each with its opposite."""


RUN_KINDS = frozenset({"script"})
"""Kinds that are run, not switched: their names' own verbs ("Éteindre temporairement un assistant
vocal", "Lights off downstairs") say what running them does, not which way to switch them."""


_NOT_RUN = frozenset({"alarm_control_panel", "lock", "cover"})
"""Kinds nothing runs: "run the alarm lights script" neither arms the alarm nor opens a door."""
_RUN_WORDS = frozenset(tokens("run runs execute executes launch launches trigger triggers fire fires ausführen führe lance exécute executa ejecuta esegui"))
"""Verbs that run a script."""


_GENERIC_ACTION_WORDS = frozenset(tokens("media set turn select alarm cover"))


def _own_name_words(name: str) -> frozenset[str]:
    """The words of an action's own name other than generic ones ("media_stop": "stop")."""
    return frozenset(tokens(name.replace("_", " "))) - _GENERIC_ACTION_WORDS


WHITE_KELVIN = {"warm": "2700", "soft": "3000", "neutral": "4000", "natural": "4000", "cool": "6500", "cold": "6500",
                 "warmweiß": "2700", "warmweiss": "2700", "kaltweiß": "6500", "kaltweiss": "6500",
                 "warmwit": "2700", "koudwit": "6500", "blanc chaud": "2700", "blanc froid": "6500"}
WHITE = re.compile(
    r"\b(warm|soft|neutral|natural|cool|cold)\s+white\b|\b(warmwei(?:ß|ss)|kaltwei(?:ß|ss)|warmwit|koudwit|"
    r"blanc chaud|blanc froid)\b",
    re.IGNORECASE,
)
"""A white said by its warmth ("warm white", "kaltweiß"): a colour temperature in kelvin."""


_COLOURS = {
    "red": "red rot rood rouge rojo rosso vermelho röd rød", "green": "green grün groen vert verde grön grønn",
    "blue": "blue blau blauw bleu azul blu blå", "yellow": "yellow gelb geel jaune amarillo giallo amarelo gul",
    "orange": "orange oranje naranja arancione laranja", "purple": "purple lila paars violet violeta viola roxo lilla",
    "pink": "pink rosa roze rose", "white": "white weiß weiss wit blanc blanco bianco branco vit hvit",
    "cyan": "cyan turquoise türkis turquesa turchese",
}
_COLOUR_OF = {word: colour for colour, words in _COLOURS.items() for word in words.split()}
_COLOUR_SAID = re.compile(
    rf"\b(?:(?:in|to|auf|op|en|a|al|em|på|til)\s+)?({'|'.join(sorted(_COLOUR_OF, key=len, reverse=True))})\b(?!\s+(?:light|lamp|lampe|lamp|licht|button|mode|scene))",
    re.IGNORECASE,
)


def colour_said(act: str) -> str | None:
    """The colour a command turns a light to ("turn the lamp red", "mach das Licht blau"), as Home
    Assistant's `color_name` takes it; not a colour that is part of a name ("the red lamp")."""
    for m in _COLOUR_SAID.finditer(act):
        after = act[m.end():].lstrip()
        # said after what it colours ("the lamp red", "to blue"), not before a noun it names
        if not after or not after[0].isalpha() or after.split()[0].lower() in _COLOUR_FOLLOWERS:
            return _COLOUR_OF[m.group(1).lower()]
    return None


_COLOUR_FOLLOWERS = frozenset("and und en et y e at um om à when wenn als quand cuando quando if for with".split())

def verb_scores(
    request: str, actions: dict[str, Action], context: str | None = None, node_name: str = "", node_kind: str = ""
) -> dict[str, float]:
    """How strongly the request asks for each action (0-1, a little more when a setting word picks
    one of several equal ones): named by one of its phrases, or of the on/off kind the request asks
    for. `context` is the whole request when `request` is only its acting clause: setting words
    ("when nobody is home") may stand in the clause it waits on. A node named (`node_name`) for an activity
    ("Dryer active") switches the way the activity the request states goes (`flag_polarity`)."""
    request_words = all_words = _locking_joined(request)
    name_words = tokens(node_name)
    own_name = frozenset(name_words)
    if node_kind in RUN_KINDS and own_name:
        request_words = [w for w in request_words if w not in own_name] or request_words
        if (way := polarity(name_words)) and (
            polarity(request_words) == way or (polarity(all_words) == way and _says_its_name_and_when(request, own_name))
        ):
            # "Telegram stoppe alarme" and the script "Alarm off": running it is the stopping.
            request_words = [w for w in request_words if not polarity([w])] + ["start"]
    if node_kind in RUN_KINDS and _RUN_WORDS.intersection(request_words) and not polarity(request_words):
        request_words = [*request_words, "start"]  # "Run Power off all": a script is run by starting it
    elif "run" in request_words and not polarity(request_words) and node_kind not in _NOT_RUN:
        request_words = [*request_words, "start"]  # "run the sprinkler", "run the dishwasher": started
    present = frozenset(_without_idioms(request_words))
    # "Raises the volume of any currently-playing speaker": a word for something at work says how
    # it is, so a phrase needs some other word of the request to ask for its action.
    commanding = present - _BUSY_WORDS - _DONE_WORDS
    direction = (
        polarity(request_words)
        or (flag_polarity(context or request, node_name) if node_name else 0)
        or _times_out(request_words)
        or (1 if colour_said(request) or WHITE.search(request) else 0)  # "turn the floor lamp blue": switched on, tinted
    )
    stated_activity = states_activity(context or request)
    setting_degrees = sets_degrees(request)
    lexicon = _lexicon()
    scores: dict[str, float] = {}
    # An alarm is armed on leaving, not switched off: the occasion says nothing of it.
    # The occasion must not be words of the node's own name ("Adaptive lighting sleep mode").
    # Only a title that commands nothing ("Präsenz - Verlassen - Licht") leaves the way to it.
    occasion = 0
    if not direction and not any(name.startswith("alarm_") for name in actions) and not any(map(is_verb, present)):
        occasion = _occasion([w for w in request_words if w not in own_name])
        if own_name & (_SLEEP_WORDS | _AWAY_WORDS):
            # A flag named for the occasion ("Justin sleeping", "Away mode") is set by it:
            # bedtime turns it on, waking up off.
            occasion = -occasion
        if not occasion and node_kind == "cover":
            occasion = _time_of_day_way(request_words)
    said_phrases: dict[str, list[frozenset[str]]] = {}
    by_own_words: set[str] = set()  # actions said by their own aliases or name words
    # The node's own name says no way to act on it: "Arm the home alarm" is no "arm home".
    unnamed = frozenset(_without_name(request_words, name_words))
    # A word for its kind after an article is the node's noun ("send the vacuum home").
    nouns = (own_name | kind_tokens(node_kind)) & _after_an_article(all_words)
    service = {name: service_name(name, action) for name, action in actions.items()}
    for name, action in actions.items():
        known = service[name]
        phrases = [*lexicon.get(known, ()), *(tuple(tokens(a)) for a in action.aliases)]
        if name not in lexicon:
            phrases.append(tuple(tokens(name.replace("_", " "))))
        said = [
            frozenset(p) for p in phrases
            if p and all(_word_in(w, present) for w in p) and any(_word_in(w, commanding) for w in p)
            and (all(_word_in(w, unnamed) for w in p) or set(p) <= own_name)
            # "Baisse le volume": the volume is lowered, no cover.
            and not (set(p) <= _LOWERED_OR_RAISED and SETTING_NOUNS & present)
        ]
        if said:
            scores[name] = PHRASE_MATCH
            said_phrases[name] = said
            own_phrases = {frozenset(tokens(a)) for a in action.aliases} | {frozenset(tokens(name.replace("_", " ")))}
            if any((p in own_phrases or p <= _own_name_words(name)) and p <= unnamed - nouns for p in said):
                by_own_words.add(name)
        elif setting_degrees and sets_temperature(action):
            scores[name] = PHRASE_MATCH
        elif direction and (known in ON_ACTIONS if direction > 0 else known in OFF_ACTIONS):
            scores[name] = POLARITY_MATCH
        elif occasion and (known in ON_ACTIONS if occasion > 0 else known in OFF_ACTIONS):
            scores[name] = OCCASION_MATCH
        elif (direction or stated_activity) and known == "select_option" and not (ON_ACTIONS | OFF_ACTIONS) & set(service.values()):
            # A mode switched on or off ("turn off night mode") is one of its options chosen; so is
            # a status that an activity the request states sets ("Airfryer bezig").
            scores[name] = POLARITY_MATCH
        else:
            scores[name] = 0.0
    for name, said in said_phrases.items():
        # A phrase another action's phrase holds whole asks for that one: "raise the volume" is
        # no "volume" to set.
        longer = [theirs for other, others in said_phrases.items() if other != name for theirs in others]
        if all(any(mine < theirs for theirs in longer) for mine in said):
            scores[name] = POLARITY_MATCH
    still = {name for name in said_phrases if scores[name] == PHRASE_MATCH}
    if len(still) > 1 and still & by_own_words and still - by_own_words:
        # "Stop the music on the speaker": "stop" is a way to switch off, and the speaker's own
        # word for `media_stop`; the device's own word picks its action.
        for name in still - by_own_words:
            scores[name] = POLARITY_MATCH
    # A phrase that is only the node's own name, or a word for its kind after an article, is its
    # noun, not a verb, when another action's phrase is said too: "send the robot vacuum home" and
    # "send the vacuum home" dock it, for all their "vacuum".
    by_name_alone = {
        name for name, said in said_phrases.items() if all(phrase <= own_name or phrase <= nouns for phrase in said)
    }
    if by_name_alone and len(by_name_alone) < len(said_phrases):
        for name in by_name_alone:
            scores[name] = POLARITY_MATCH
    # So is a word for its kind after an article, when the request says a way: "turn off the
    # vacuum" stops it ("vacuum the kitchen" still starts it).
    for name, said in said_phrases.items() if direction else ():
        if all(phrase <= nouns for phrase in said) and service[name] not in (ON_ACTIONS if direction > 0 else OFF_ACTIONS):
            scores[name] = 0.0
    # A cover answers a remote by opening and closing, one way per button: none of the 717
    # automations measured toggles one.
    if "toggle" in scores and node_kind != "cover" and node_kind not in RUN_KINDS and not direction and not any(scores.values()) and (
        _PRESSED.search(" ".join(tokens(context) if context else all_words)) or _switches_over(request_words)
    ):
        scores["toggle"] = POLARITY_MATCH
    for name, action in actions.items():
        if service[name] in MODE_SETTERS and _names_a_mode(action, all_words):
            # "auf Automatik", "in den Heizmodus": the mode the request names is set by its setter.
            scores[name] = max(scores[name], PHRASE_MATCH) + SETTING_MATCH
    for name, known in service.items():
        if known in _ARMED_MODES and _said_as_mode(_ARMED_MODES[known], all_words):
            # "Set the alarm to night mode", "zet het alarm op nacht": arming, in the mode named.
            scores[name] = max(scores[name], PHRASE_MATCH) + SETTING_MATCH
    settings = {name: known for name, known in service.items() if known in _SETTING_WORDS and scores[name]}
    if settings:
        around = frozenset(_without_name(tokens(context), name_words)) if context else unnamed
        said = {name for name, known in settings.items() if _SETTING_WORDS[known] & around}
        for name in said or {name for name, known in settings.items() if known in DEFAULT_SETTING}:
            scores[name] += SETTING_MATCH if said else DEFAULT_SETTING[settings[name]]
    return scores


MODE_WORDS = {
    "heat": frozenset(tokens(
        "heat heizen heizmodus heizbetrieb verwarmen verwarmingsmodus chauffage chaud "
        "aquecimento aquecer calor calefacción calefaccion calentar riscaldamento caldo"
    )),
    "cool": frozenset(tokens(
        "cool kühlen kühlmodus kühlbetrieb koelen koelmodus froid refroidissement climatisation "
        "frio resfriamento refrigeração refrigeración refrigeracion enfriar raffreddamento raffrescamento freddo"
    )),
    "auto": frozenset(tokens(
        "auto automatic automatik automatikmodus automatisch automatische automatique automático automatico automatica automática"
    )),
}
"""A climate's modes as requests name them ("in den Heizmodus", "auf Automatik", "en modo calor")."""
MODE_SETTERS = frozenset({"set_hvac_mode", "set_preset_mode"})


_ARMED_MODES = {
    action: frozenset(tokens(words))
    for action, words in {
        "alarm_arm_night": "night nacht nachtmodus nachtstand nachtmode nuit noche notte noite",
        "alarm_arm_away": "away afwezig abwesend abwesenheit afwezigheid abwesenheitsmodus afwezigheidsmodus absent absence "
        "ausente ausência ausencia assente assenza fuori",
        "alarm_arm_home": "home thuis zuhause anwesend anwesenheit aanwezig stay casa presente",
        "alarm_arm_vacation": "vacation holiday urlaub vakantie férias ferias vacaciones vacanza vacances",
    }.items()
}
"""The words that name each mode an alarm is armed in, said as a mode (`_said_as_mode`)."""


def _said_as_mode(names: frozenset[str], words: list[str]) -> bool:
    """Whether one of `names` is said as a mode: "to night mode", "op nacht", "in den Nachtmodus",
    "nachtstand"; not "when nobody is home"."""
    for i, word in enumerate(words):
        if word in names and (
            word.endswith(("modus", "mode", "betrieb", "stand"))
            or (i + 1 < len(words) and words[i + 1] in _MODE_NOUNS)
            or (i and words[i - 1] in _SET_TO | _MODE_NOUNS)  # "en mode nuit", "mode chauffage"
        ):
            return True
    return False


_MODE_NOUNS = frozenset(tokens("mode modes modus betrieb stand stellung modo modalità"))
_SET_TO = frozenset(tokens("to into auf in den naar op en sur au"))


def mode_said(value: str, words: list[str] | tuple[str, ...]) -> bool:
    """Whether the words name the mode `value` as a mode: "to heat mode", "in den Heizmodus", "auf
    Automatik", not the verb "heat the bathroom" nor the adverb "automatisch ausschalten"."""
    return _said_as_mode(frozenset(MODE_WORDS.get(value, frozenset()) | set(tokens(value))), words)


def _names_a_mode(action: Action, words: list[str]) -> bool:
    """Whether the words name a member of one of the action's modes other than on or off."""
    return any(
        isinstance(value_type, EnumType) and any(v not in ("on", "off") and mode_said(v, words) for v in value_type.values)
        for value_type in action.params.values()
    )


_ARTICLES = frozenset(tokens(
    "the a an my our your den die das der dem des einen eine meinen de het een le la les un une el los las il lo gli"
))


def _after_an_article(words: list[str]) -> frozenset[str]:
    """The words that follow an article ("the vacuum", "den Staubsauger"): nouns, not verbs."""
    return frozenset(word for before, word in zip(words, words[1:]) if before in _ARTICLES)


def _without_name(words: list[str], name: list[str]) -> list[str]:
    """The words without the first place they say the node's name in full ("the home alarm"
    loses "home alarm"; "in home mode" keeps its "home")."""
    size = len(name)
    for start in range(len(words) - size + 1) if size else ():
        if words[start : start + size] == name:
            return words[:start] + words[start + size :]
    return words


_ARM = "arm arms armed scharf armer arme armé armar arma armado inserire"
_OWN_VERBS: dict[str, frozenset[str]] = {
    action: frozenset(tokens(words))
    for action, words in {
        "alarm_disarm": "disarm disarms disarmed unscharf désarmer désarme désarmé desarmar desarma desarme desarmado disinserire disinserisci",
        **dict.fromkeys(("alarm_arm_away", "alarm_arm_home", "alarm_arm_night"), _ARM),
        "lock": "lock locks locked abschließen abschliessen zusperren verriegeln vergrendel vergrendelen "
        "verrouiller verrouille trancar tranca tranque bloquear bloquea",
        "unlock": "unlock unlocks unlocked aufschließen aufschliessen aufsperren entriegeln ontgrendel ontgrendelen "
        "déverrouiller déverrouille destrancar destranca destranque desbloquear desbloquea sbloccare sblocca",
        "record": "record records recording aufzeichnen aufnehmen opnemen",
        "snapshot": "snapshot schnappschuss foto fotos photo photos",
        **dict.fromkeys(("return_to_base", "dock"), "dock docken"),
    }.items()
}
"""Verbs only one kind of device answers to, by the action they ask for: "… then disarmed" names
the alarm panel as a word for its kind would; "start", "set" or "deaktivieren" name no kind."""


def actions_named(request: str, names: list[str], services: dict[str, str] | None = None) -> set[str]:
    """Which of the action names the request says by a verb of their own (`_OWN_VERBS`), each
    known by its own name or by the service it calls (`services`, from `service_name`)."""
    said = frozenset(tokens(request))
    if _LOCKED_APART.search(request):
        said |= frozenset(tokens("abschließen"))
    elif _UNLOCKED_APART.search(request):
        said |= frozenset(tokens("aufschließen"))
    services = services or {}
    return {name for name in names if _OWN_VERBS.get(services.get(name, name), frozenset()) & said}


def _locking_joined(request: str) -> list[str]:
    """The request's words, a verb of locking said apart joined ("schließ … auf" is "aufschließen",
    not the closing "schließ")."""
    words = tokens(request)
    for pattern, joined, particle in (
        (_LOCKED_APART, "abschließen", ("ab", "af")), (_UNLOCKED_APART, "aufschließen", ("auf",)), (_RUN_APART, "ausführen", ("aus",))
    ):
        if apart := pattern.search(request):
            verb = set(tokens(apart.group(0))[:1])
            return [w for w in words if w not in verb and w not in particle] + tokens(joined)
    return words


_RUN_APART = re.compile(r"\bführ(?:e|t)?\b[^,.;]*?\baus\b", re.IGNORECASE)
"""A German verb of running said apart ("führ um 8 Uhr Welcome home aus"): a script is run."""
_LOCKED_APART = re.compile(r"\b(?:schlie(?:ß|ss)(?:e|t)?|sperr(?:e|t)?|sluit)\b[^,.;]*?\b(?:ab|af)\b", re.IGNORECASE)
_UNLOCKED_APART = re.compile(r"\b(?:schlie(?:ß|ss)(?:e|t)?|sperr(?:e|t)?)\b[^,.;]*?\bauf\b(?!\s*\d)", re.IGNORECASE)
"""German or Dutch verbs of locking said apart ("schließ die Haustür ab", "sluit de voordeur af")."""


def service_name(name: str, action: Action) -> str:
    """The name the verbs know an action by: its own, or, when they know no such name, the Home
    Assistant service it calls. An environment may call `arm_away` what calls
    `alarm_control_panel.alarm_arm_away`; "arm" asks for it all the same."""
    if name in _known_action_names() or not action.source or "." not in action.source:
        return name
    return action.source.split(".", 1)[1]


@cache
def _known_action_names() -> frozenset[str]:
    return frozenset(_lexicon()) | ON_ACTIONS | OFF_ACTIONS | _OWN_VERBS.keys() | _SETTING_WORDS.keys()


_NOTIFYING = frozenset(tokens(_NOTIFYING_VERBS))
"""Verbs that ask for a notification ("…, close the valve and notify me"): they open a command,
though no action of a device is called by them (which notifier is retrieval's question)."""


_DESCRIBING = frozenset(tokens(
    "turns sets dims brightens enables disables unlocks sends notifies alerts warns reminds toggles presses raises lowers "
    "selects plays mutes unmutes runs restarts reloads boosts adjusts increases decreases"
))
"""The third person a description is written in ("Turns off all lights and sets heating to Eco when
you leave"): each opens a command as its imperative does. Only verbs whose "-s" form is rarely a
noun ("switches", "locks" and "lights" are things more often than deeds) and which do not
mostly say what happens by itself ("when the mode changes")."""


_PLAIN_VERBS = frozenset(tokens("put puts make makes"))
"""Verbs that ask for no action of their own ("put the heating on eco"): they open a command,
whose other words say what it does."""


@cache
def _first_words() -> frozenset[str]:
    return (
        frozenset(phrase[0] for phrases in _lexicon().values() for phrase in phrases)
        | _ON_WORDS
        | _OFF_WORDS
        | _NOTIFYING
        | _DESCRIBING
        | _PLAIN_VERBS
    )


def is_verb(word: str) -> bool:
    """Whether a word (a token) opens a command: a verb of some action, or a word for on or off."""
    return word in _first_words()


_VERB_ENDING = re.compile(r"(?:ing|s)$")
"""An English verb's ending: "playing" is the verb "play"."""


def is_verb_form(word: str) -> bool:
    """Whether a word is a verb (`is_verb`) or an English form of one ("playing", "starts")."""
    return is_verb(word) or is_verb(_VERB_ENDING.sub("", word))
