"""Words for kinds of node ("light", "Heizung", "volets", "flag"): the tagger's lexicon of device
words and more, in the languages the request may be written in; which kinds a text names, in the
order it names them, and where.

Its own module because both the reading of the request (`clauses.py`: "turn off all lights and
the ceiling fan" is two commands, each kind its own) and retrieval use it.
"""

from __future__ import annotations

import re
from functools import cache

from .lexical import tokens

# Words for a kind, beyond the tagger's lexicon of device words (which is keyed by the same kinds).
_EXTRA_KIND_WORDS: dict[str, list[str]] = {
    "camera": ["cameras", "cams", "kameras", "camera's", "caméra", "caméras", "câmera", "câmeras", "cámara", "cámaras",
               "telecamera", "telecamere", "kameraer", "kameror", "kameraene"],
    "light": ["hue", "philips hue", "lifx", "nanoleaf", "lamp", "lampen", "verlichting", "lichten",
              # French, Portuguese, Spanish, Italian
              "lumière", "lumières", "lumiere", "lumieres", "éclairage", "eclairage", "luz", "luzes", "luces",
              "lâmpada", "lâmpadas", "lampada", "lampadas", "lampade", "lámpara", "lámparas", "lampara", "lamparas",
              "iluminação", "iluminacao", "iluminación", "iluminacion", "luce", "luci",
              # Norwegian (taklys, viftelys), Russian
              "lys", "lyset", "lysene", "lysa", "lampe", "lampen", "lamper", "lampene", "belysning", "belysningen", "свет", "света", "лампа", "лампу", "лампы",
              "люстра", "люстру", "торшер", "торшера", "освещение", "освещения",
              # Swedish, Slovak, Czech, Polish
              "lampa", "lampan", "lampor", "lamporna", "ljus", "ljuset", "belysningen", "svetlo", "svetla", "svetlá",
              "svetiel", "osvetlenie", "světlo", "světla", "osvětlení", "lampy", "światło", "światła", "oświetlenie"],
    "media_player": ["media players", "players", "tvs", "music", "musik", "muziek", "spotify", "sonos", "playlist", "song", "podcast", "volume", "lautstärke",
                     "musique", "música", "musica", "enceinte", "enceintes", "musikk", "høyttaler", "høyttalere",
                     "музыка", "музыку", "колонка", "колонку", "högtalare", "högtalaren", "musiken", "reproduktor",
                     "hudba", "hudbu", "głośnik", "muzyka", "muzykę"],
    "climate": ["climate", "hvac", "heating", "heater", "heaters", "thermostat", "thermostats", "radiators", "thermostaten", "thermostate", "termostati", "termostatos", "heizung", "klima", "klimaanlage",
                "air conditioning", "aircon", "verwarming", "thermostaat", "airco",
                "chauffage", "climatisation", "climatiseur", "clim", "ar condicionado", "aquecimento", "aquecedor",
                "calefacción", "calefaccion", "aire acondicionado", "riscaldamento", "condizionatore", "termostato",
                "varmepumpe", "varmepumpen", "varmepumpene", "oppvarming", "termostat", "отопление", "кондиционер",
                "термостат", "värme", "värmen", "golvvärme", "värmepump", "luftvärmepump", "kúrenie", "kurenie",
                "klimatizácia", "topení", "ogrzewanie", "klimatyzacja"],
    "alarm_control_panel": ["alarm", "alarm system", "alarmanlage", "security system", "alarme", "alarma", "allarme",
                            "сигнализация", "сигнализацию", "larm", "larmet"],
    "cover": ["cover", "covers", "blinds", "shutters", "rollladen", "rolladen", "rolläden", "rollläden", "rollo", "rollos", "jalousie",
              "jalousien", "markise", "markisen", "storen", "garage door", "curtain", "curtains", "shutter",
              "awnings", "vorhänge",
              "rolluik", "rolluiken", "gordijn", "gordijnen", "zonnescherm", "screens", "sun screens", "zonneschermen",
              "volet", "volets", "store", "stores", "rideau", "rideaux", "persiana", "persianas", "cortina", "cortinas", "estore",
              "estores", "tapparella", "tapparelle", "gardin", "gardiner", "persienne", "persienner",
              "штора", "шторы", "штору", "шторой", "шторе", "шторка", "шторку", "жалюзи", "persienn", "persiennerna", "rullgardin", "rullgardiner", "markis",
              "žalúzie", "roleta", "rolety", "žaluzie", "żaluzje", "zasłony"],
    "notify": ["notify", "notifies", "notification", "notifications", "message", "remind", "reminder", "let me know",
               "let us know", "tell me", "tell us", "warn me", "warn us", "inform me", "inform us", "text me", "alert",
               "warning", "send me", "send us", "waarschuwing", "warnung", "bescheid", "beskjed", "varsle", "varsle meg", "si ifra",
               "meddela", "meddelande",
               "alerts", "sag mir", "sag uns", "schick mir", "schick uns", "schicke mir", "laat me weten", "laat het me weten",
               "benachrichtigung", "benachrichtigt", "benachrichtige", "benachrichtigen", "nachricht", "erinnerung",
               "erinnere", "melding", "notificatie", "bericht", "herinnering", "herinner",
               "notifier", "notifie", "rappel", "notificar", "notificação", "notificacao", "notificación",
               "notificacion", "notifica", "avisar", "aviso", "alerta", "lembrete", "recordatorio", "promemoria",
               "avvisami", "avvisaci", "avvisa", "avvisare", "avísame", "avisame", "avise-me", "me avise", "préviens-moi",
               "préviens moi", "préviens", "prévenir", "notifique-me", "notificame", "notifícame", "notificami",
               "varsling", "varsel", "varsle", "уведомление", "уведомления", "оповещение", "notis", "notifiering",
               "avisering", "påminnelse", "notifikácia", "upozornenie", "oznámení", "powiadomienie",
               "mensaje", "mensajes", "mensagem", "mensagens", "messaggio", "messaggi", "notif", "alerte", "alerte-moi",
               "mándame", "mandame", "envíame", "enviame", "mandami", "inviami", "envoie-moi", "manda-me", "envia-me"],
    "script": ["script", "scripts", "skript", "skripte", "scripte"],
    "scene": ["scene", "scenes", "szene", "szenen", "scène", "scènes", "escena", "escenas", "scena", "сцена", "сцену",
              "scen", "scenen", "scéna", "scénu"],
    "switch": ["plugs", "sockets", "outlets", "steckdosen", "stopcontacten", "prise", "prises", "tomada", "tomadas", "enchufe", "enchufes", "stikkontakt", "розетка", "розетку",
               "uttag", "eluttag", "zásuvka", "zásuvku", "gniazdko"],
    "fan": ["fans", "ceiling fans", "lüfter", "ventilatoren", "ventilators", "ventilateurs", "ventilateur", "ventilador", "ventiladores", "ventilatore", "vifte", "viften", "вентилятор", "fläkt",
            "fläkten", "fläktar", "ventilátor", "wentylator"],
    "lock": ["locks", "door locks", "schlösser", "sloten", "serrures", "serrure", "fechadura", "cerradura", "serratura", "lås", "låsen", "låsene", "замок", "låset", "zámok",
             "zámek", "zamek"],
    "timer": ["timer", "minuteur", "temporizador"],
    "humidifier": ["humidifier", "dehumidifier", "luftbefeuchter", "luftentfeuchter", "entfeuchter", "bevochtiger",
                   "luchtbevochtiger", "ontvochtiger", "humidificateur", "déshumidificateur", "umidificador",
                   "desumidificador", "humidificador", "deshumidificador", "umidificatore", "deumidificatore",
                   "luftfukter", "avfukter", "luftfuktare", "avfuktare"],
    "valve": ["valve", "valves", "ventil", "ventile", "ventiel", "kraan", "vanne", "válvula", "valvula", "valvola"],
    "vacuum": ["vacuum", "staubsauger", "saugroboter", "robot", "stofzuiger", "aspirateur", "aspirador",
               "aspirapolvere", "støvsuger", "robotstøvsuger", "пылесос", "dammsugare", "dammsugaren",
               "robotdammsugare", "vysávač", "vysavač", "odkurzacz"],
    "input_boolean": ["input boolean", "boolean", "helper", "helfer", "toggle helper", "flag"],
    "automation": ["automation", "automations", "automationen", "automatisierung", "automatisierungen", "automatisering",
                   "automatiseringen", "automatisation", "automatisations", "automação", "automações", "automatización",
                   "automatizaciones", "automazione", "automazioni", "automasjon", "automasjonen"],
    "input_number": ["input number", "number helper", "slider", "schieberegler"],
    "input_select": ["input select", "dropdown", "select helper"],
    "input_datetime": ["input datetime", "date helper", "time helper"],
    "input_text": ["input text", "text helper"],
}
_KIND_ALIASES = {"speaker_group": "media_player"}
_AMBIGUOUS_KIND_WORDS = {"switch", "switches", "schalter", "button", "box", "anlage", "led", "mode", "robot"}
"""Words that name a kind too rarely to count: "switch the music", "dimmer switch", "LED"."""


@cache
def kind_words() -> dict[str, frozenset[str]]:
    """Kind → the words people use for it, lower case (phrases kept whole: "garage door")."""
    from .ner.lexicon import DEVICE_WORDS

    words: dict[str, set[str]] = {}
    for kind, (english, german) in DEVICE_WORDS.items():
        words.setdefault(_KIND_ALIASES.get(kind, kind), set()).update(w.lower() for w in english + german)
    for kind, extra in _EXTRA_KIND_WORDS.items():
        words.setdefault(kind, set()).update(extra)
    return {kind: frozenset(ws - _AMBIGUOUS_KIND_WORDS) for kind, ws in words.items()}


@cache
def _kind_patterns() -> dict[str, re.Pattern]:
    # German compounds end with the kind word ("Schlafzimmerlicht"): allow letters before it, and
    # keep the kind word apart (group 1) from the place or sort before it ("Garten|beleuchtung").
    return {
        kind: re.compile(r"(?<![\w])\w*?(" + "|".join(sorted(map(re.escape, ws), key=len, reverse=True)) + r")\b", re.I)
        for kind, ws in kind_words().items()
    }


@cache
def _every_kind_word() -> frozenset[str]:
    """Every word for a kind ("light", "lampen"), as one set."""
    return frozenset(word for words in kind_words().values() for word in words)


@cache
def kind_tokens(kind: str) -> frozenset[str]:
    """The words of the kind's words, one by one ("ceiling light" → "ceiling", "light")."""
    return frozenset(t for phrase in kind_words().get(kind, ()) for t in tokens(phrase))


def request_kinds(request: str) -> set[str]:
    """The node kinds the request names by a word for them."""
    return set(kinds_in_order(request))


def kinds_in_order(request: str) -> list[str]:
    """The node kinds the request names, the first named first: in "activate the office scene with
    the desk lamp" the scene is what is activated, the lamp only says which scene."""
    found = {kind: match.start() for kind, pattern in _kind_patterns().items() if (match := pattern.search(request))}
    return sorted(found, key=lambda kind: (found[kind], kind))


def kind_word_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """Where `text` names `kind` by a word for it: the word alone, without the start of a compound
    it ends ("Gartenbeleuchtung" names the light kind by "beleuchtung"; "Garten" still names a place)."""
    pattern = _kind_patterns().get(kind)
    return [m.span(1) for m in pattern.finditer(text)] if pattern else []


RECORD_KINDS = frozenset({"automation", "notify", "input_boolean", "input_number", "input_select", "input_datetime", "input_text", "timer"})
"""Kinds that keep a record or tell someone, not devices: "set the helper when the washing machine
runs" is the washing machine's helper, named where the request waits; "turn off the lights and the
flag" is one command."""
