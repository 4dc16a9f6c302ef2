"""Clock times said in words, written in digits before a request is read: "half elf" and "halb elf"
are 10:30, "kwart over zeven" and "viertel nach sieben" 7:15, "half past seven" 7:30, "quarter to
eight" 7:45; "11:30 pm" and "9:45 p.m." 23:30 and 21:45; "between 6 and 9" 06:00 and 09:00; and an hour with the part of the day it falls in, "om 11 uur 's avonds", "um 8 Uhr
abends", "at 11 at night", "às 6 da manhã", is 23:00, 20:00 and 06:00: there the part of the day
says which hour, it is no condition on the sun. English, German and Dutch; the part of the day also
in French, Portuguese, Spanish and Italian.

The rest of the reading then knows one way to write a time (`constrain._CLOCK`)."""

from __future__ import annotations

import re

_ENGLISH_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_GERMAN_HOURS = ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf")
_DUTCH_HOURS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf")
_HOUR_OF = {word: hour for words in (_ENGLISH_HOURS, _GERMAN_HOURS, _DUTCH_HOURS) for hour, word in enumerate(words, 1)}
_HOUR_OF |= {"ein": 1, "één": 1, "fuenf": 5, "zwoelf": 12}


def _one_of(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_HOUR = rf"(?P<h>1[0-2]|0?[1-9]|{_one_of(list(_HOUR_OF))})"
_DUTCH_HOUR = rf"(?P<h>{_one_of([*_DUTCH_HOURS, 'één'])})"

_SPOKEN = [
    # (pattern with the hour said as `h`, hours to add to it, minutes)
    (rf"half past {_HOUR}", 0, 30),
    (rf"(?:a )?quarter past {_HOUR}", 0, 15),
    (rf"(?:a )?quarter to {_HOUR}", -1, 45),
    (rf"viertel nach {_HOUR}", 0, 15),
    (rf"(?:viertel vor|dreiviertel) {_HOUR}", -1, 45),
    (rf"kwart over {_HOUR}", 0, 15),
    (rf"kwart voor {_HOUR}", -1, 45),
    (rf"halb {_HOUR}", -1, 30),
    # Dutch "half acht" is 7:30; "half 8" only after a Dutch "at" (British "half 8" is 8:30).
    (rf"half {_DUTCH_HOUR}", -1, 30),
    (r"(?<=\bom )half (?P<h>1[0-2]|0?[1-9])", -1, 30),
]
_SPOKEN_RE = [(re.compile(rf"\b{pattern}\b", re.IGNORECASE), shift, minutes) for pattern, shift, minutes in _SPOKEN]

_AFTERNOON = (
    r"'?s\s*avonds|'?s\s*middags|in de (?:avond|middag)|abends|am abend|nachmittags|am nachmittag"
    r"|in the (?:evening|afternoon)|tonight"
    r"|du soir|de l'après-midi|da tarde|de la tarde|di sera|della sera|del pomeriggio|di pomeriggio"
    r"|om kvelden|på kvelden|om kvällen|på kvällen|om aftenen|om ettermiddagen|på ettermiddagen|om eftermiddagen"
)
_NIGHT = r"'?s\s*nachts|in de nacht|nachts|in der nacht|at night|da noite|de la noche|di notte|della notte|om natta|om natten|på natten"
_MORNING = (
    r"'?s\s*ochtends|'?s\s*morgens|in de ochtend|morgens|früh|am morgen|in the morning"
    r"|du matin|da manhã|da manha|de la mañana|di mattina|del mattino|della mattina"
    r"|om morgenen|på morgenen|om morgonen|på morgonen"
)
_AT = "|".join(
    rf"(?<=\b{word} )"
    for word in "at um om to tot bis until till gegen tegen ab vanaf from von van after before nach vor voor na à às ás alle las".split()
)
_TIMED_HOUR = re.compile(
    rf"(?:(?:{_AT})(?P<bare>[01]?\d|2[0-3])(?![\d:.])"
    r"|(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d)(?:\s*(?:uur|uhr|o'clock|h))?|\s*(?:uur|uhr|o'clock|h|heures?|horas?|ore)))"
    rf"\s*,?\s*(?:(?P<afternoon>{_AFTERNOON})|(?P<night>{_NIGHT})|(?P<morning>{_MORNING}))(?!\w)",
    re.IGNORECASE,
)
"""An hour and the part of the day it falls in ("11 uur 's avonds", "8 Uhr abends", "7:30 in the
evening", "at 11 at night"). Only right after the hour, and only an hour a time is: with its
minutes or "uur", "Uhr", "o'clock", or after "at", "um", "om" ("scene 2 at night" is no 2:00)."""


_NORDIC_CLOCK = re.compile(r"\b(?:klokka|klokken|klockan|kl\.?)\s*([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\b(?![:.,]\d)", re.IGNORECASE)
"""An hour after the Norwegian, Danish or Swedish word for o'clock ("klokka 22", "kl. 7", "klockan 6.30")."""


_HOUR_H = re.compile(
    r"\b(après|apres|avant|entre|et|à|dès|vers|jusqu['’]à|depuis|às|as|e|after|before|between|and|from|until|till|at|desde|hasta|"
    r"dopo|prima|tra|fino alle|alle)\s+([01]?\d|2[0-3])h(?![\w:.])",
    re.IGNORECASE,
)
"""An hour written with "h" and no minutes after a word of time ("après 22h", "entre 22h et 6h"): a
clock time, not 22 hours."""


_MERIDIEM = re.compile(r"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\.?(?!\w)", re.IGNORECASE)
"""A time with "am" or "pm" ("11:30 pm", "9:45 p.m.", "7am"), written in 24 hours."""


NAMED_CLOCKS = {
    "midnight": "00:00", "mitternacht": "00:00", "middernacht": "00:00",
    "noon": "12:00", "midday": "12:00", "mittag": "12:00", "mittags": "12:00", "middag": "12:00",
    "minuit": "00:00", "meia-noite": "00:00", "meia noite": "00:00", "medianoche": "00:00", "mezzanotte": "00:00",
    "midi": "12:00", "meio-dia": "12:00", "meio dia": "12:00", "mediodía": "12:00", "mezzogiorno": "12:00",
}
"""Times of day said by name."""
_NAMED = "|".join(NAMED_CLOCKS)


_ROMANCE_PART = {"demi": 30, "demie": 30, "quart": 15, "media": 30, "cuarto": 15, "mezza": 30, "mezzo": 30, "meia": 30,
                 "un quarto": 15, "trente": 30, "quinze": 15}
_ROMANCE_HALF = re.compile(
    rf"\b([01]?\d|2[0-3]|{_NAMED})\s*(?:h|heures?|horas?|ore)?\s+(?:et|y|e)\s+(demie?|quart|media|cuarto|mezza|mezzo|meia|un quarto)\b"
    rf"|\b({_NAMED})\s+(trente|quinze)\b|\bhalf past (midnight|noon)\b",
    re.IGNORECASE,
)
"""Half and quarter hours in French, Spanish, Italian and Portuguese ("8h et demie", "las 8 y media",
"le 8 e mezza", "minuit et quart", "minuit trente"), and "half past midnight"."""


_DUTCH_U = re.compile(r"(?<![\w.:,])([01]?\d|2[0-3])u([0-5]\d)?(?![\w:])", re.IGNORECASE)
"""An hour written with "u" for "uur" ("om 7u", "20u", "6u30"): a clock time."""


def _romance_half(m: re.Match[str]) -> str:
    hour, part = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4)) if m.group(3) else (m.group(5), "demi")
    hour = NAMED_CLOCKS.get(hour.lower(), hour).split(":")[0]
    return f"{int(hour):02d}:{_ROMANCE_PART[part.lower()]:02d}"


def _twenty_four(m: re.Match[str]) -> str:
    hour = int(m.group("h")) % 12 + (12 if m.group("half").lower() == "p" else 0)
    return f"{hour:02d}:{m.group('m') or '00'}"


def _spoken(m: re.Match[str], shift: int, minutes: int) -> str:
    said = m.group("h").lower()
    hour = int(said) if said.isdigit() else _HOUR_OF[said]
    return f"{(hour + shift - 1) % 12 + 1}:{minutes:02d}"


def _of_the_day(m: re.Match[str]) -> str:
    hour, minutes = int(m.group("h") or m.group("bare")), m.group("m") or "00"
    if m.group("afternoon") and 1 <= hour < 12:
        hour += 12
    elif m.group("night") and hour == 12:
        hour = 0
    elif m.group("night") and 6 <= hour < 12:
        hour += 12
    elif m.group("morning") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minutes}"


_BETWEEN = r"\b(between|zwischen|tussen|entre|tra|fra|mellan|mellom)\s+(?:(?:las|le|as|les)\s+)?"
_AND = r"\s+(and|und|en|et|e|y|och|og)\s+(?:(?:las|le|as|les)\s+)?"
"""The words around two ends of a range; "entre las 6 y las 9", "tra le 6 e le 9" say hours with their article."""
_BETWEEN_HOURS = re.compile(
    rf"{_BETWEEN}([01]?\d|2[0-4]){_AND}([01]?\d|2[0-4])\b(?![:.,]\d)"
    r"(?!\s*(?:%|°|percent|procent|prozent|degrees?|grad|graden|graus|grados|gradi|lux|lx|w\b|watts?|kw|ppm|min|minutes?|"
    r"minuten|hours?|stunden|uur\s+lang|h\b|people|personen|cm|mm))",
    re.IGNORECASE,
)
"""Two hours alone that bound a window ("between 6 and 9", "zwischen 23 und 6 Uhr"): clock times."""


_BETWEEN_HOUR_AND_TIME = re.compile(
    rf"{_BETWEEN}([01]?\d|2[0-3]){_AND}(\d{{2}}):(\d{{2}})\b", re.IGNORECASE
)
"""An hour alone before a time with its half of the day ("between 7 and 9 pm" once "9 pm" is 21:00)."""


_AFTER_OR_BEFORE_HOUR = re.compile(
    r"\b(after|before|nach|vor|na|voor|après|avant|depois das|antes das|después de las|antes de las|dopo le|prima delle)"
    r"\s+(1[3-9]|2[0-3])\b(?![:.,]\d|\s*(?:%|°|degrees?|grad|graden|graus|grados|gradi|lux|lx|w\b|watts?|kw|ppm|min|"
    r"minutes?|minuten|hours?|stunden|uur|h\b|people|personen))",
    re.IGNORECASE,
)
"""An hour of the afternoon or evening alone after "after" or "before" ("after 23", "dopo le 23"):
no other reading than the clock's."""


_ONE_OCLOCK = re.compile(r"\b(?:a la (?:una|1)|all['’](?:una|1)|alla una)\b(?![:.,]\d)", re.IGNORECASE)
"""One o'clock in Spanish and Italian, said in the singular ("a la una", "all'una", "a la 1")."""


_HOUR_AFTER_A_TIME = re.compile(
    rf"{_BETWEEN}((?:las?|le|les|the)\s+)?({_NAMED}|\d{{1,2}}:\d{{2}}){_AND}((?:las?|le|les|the)\s+)?([01]?\d|2[0-4])\b(?![:.,]\d)"
    r"(?!\s*(?:%|°|percent|degrees?|grad|graden|graus|grados|gradi|min|minutes?|minuten|minuti|minutos|hours?|stunden|ore|horas|h\b))",
    re.IGNORECASE,
)
"""An hour alone after a time or a named one ("between midnight and 6", "tra mezzanotte e le 7",
"entre las 0:00 y las 6"): a clock time too."""


_HOUR_BEFORE_A_TIME = re.compile(
    r"\b(um|om|at|à|às|alle|a las|kl\.?|klokka|klockan)\s+([01]?\d|2[0-3])"
    r"(\s+(?:und|en|and|et|e|y|og|och)\s+(?:(?:um|om|at|à|às|alle|a las|kl\.?|klokka|klockan)\s+)?)([01]?\d|2[0-3])(?::(\d\d)|\s*(?:uhr|uur|h\b|heures))",
    re.IGNORECASE,
)
"""An hour alone before a second time said in full ("um 7 und um 18 Uhr", "om 7 en 19 uur"): a clock time too."""


def _hour_after_a_time(m: re.Match[str]) -> str:
    first = NAMED_CLOCKS.get(m.group(3).lower(), m.group(3))
    return f"{m.group(1)} {first} {m.group(4)} {int(m.group(6)) % 24:02d}:00"


def _hour_before(m: re.Match[str]) -> str:
    return f"{m.group(1)} {int(m.group(2)):02d}:00 {m.group(3)} {m.group(4)}:{m.group(5)}"


_BETWEEN_HOUR_AND_HALF = re.compile(
    rf"{_BETWEEN}(1[0-2]|0?[1-9]){_AND}(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s?m\.?(?!\w)", re.IGNORECASE
)
"""An hour alone before one with its half of the day ("between 7 and 9 pm"): the same half."""


def _hour_in_the_same_half(m: re.Match[str]) -> str:
    shift = 12 if m.group(6).lower() == "p" else 0
    first, second = int(m.group(2)) % 12 + shift, int(m.group(4)) % 12 + shift
    if shift and first > second:
        first -= 12  # "between 11 and 1 pm" is 11:00 to 13:00
    return f"{m.group(1)} {first:02d}:00 {m.group(3)} {second:02d}:{m.group(5) or '00'}"


def _hours(m: re.Match[str]) -> str:
    return f"{m.group(1)} {int(m.group(2)) % 24:02d}:00 {m.group(3)} {int(m.group(4)) % 24:02d}:00"


def clock_in_digits(text: str) -> str:
    """`text` with each clock time said in words ("halb elf", "quarter past seven") and each hour
    said with its part of the day ("11 uur 's avonds") written as a clock time in digits."""
    for pattern, shift, minutes in _SPOKEN_RE:
        text = pattern.sub(lambda m: _spoken(m, shift, minutes), text)
    text = _ROMANCE_HALF.sub(_romance_half, text)
    text = _DUTCH_U.sub(lambda m: f"{int(m.group(1)):02d}:{m.group(2) or '00'}", text)
    text = _NORDIC_CLOCK.sub(lambda m: f"{int(m.group(1)):02d}:{m.group(2) or '00'}", text)
    text = _BETWEEN_HOUR_AND_HALF.sub(_hour_in_the_same_half, text)
    text = _MERIDIEM.sub(_twenty_four, text)
    for _ in range(2):  # "entre 22h et 6h": the second hour follows the first one's rewrite
        text = _HOUR_H.sub(lambda m: f"{m.group(1)} {int(m.group(2)):02d}:00", text)
    text = _ONE_OCLOCK.sub("01:00", text)
    text = _BETWEEN_HOURS.sub(_hours, _BETWEEN_HOUR_AND_TIME.sub(_hour_before, text))
    text = _HOUR_AFTER_A_TIME.sub(_hour_after_a_time, text)
    text = _HOUR_BEFORE_A_TIME.sub(
        lambda m: f"{m.group(1)} {int(m.group(2)):02d}:00{m.group(3)}{int(m.group(4)):02d}:{m.group(5) or '00'}", text
    )
    text = _AFTER_OR_BEFORE_HOUR.sub(lambda m: f"{m.group(1)} {m.group(2)}:00", text)
    text = _TIMED_HOUR.sub(_of_the_day, text)
    if _CLOCK_TIME.search(text):
        # "on at 7 and off at 22:00", "to 19 at 22:30 and back to 21 at 7": beside a clock time,
        # a bare hour after "at" is one too.
        text = _BARE_HOUR.sub(lambda m: f"{m.group(1)} {int(m.group(2)):02d}:00", text)
    return _in_the_evening(text)


def _in_the_evening(text: str) -> str:
    """`text` with the clock times it says in twelve hours written after noon, when it says they
    fall in the evening and says no morning ("every evening at 10:30", "jeden Abend um halb elf",
    "elke avond om 8 uur"), or at night from 6 to 11 ("every night at 10:30"; "at night at 2:30"
    stays). A time written with its leading zero ("09:30", as "9:30 am" is written) is as said."""
    from .daytime import PART_OF_DAY  # daytime.py reads words with lexical.py, which reads no clock

    if PART_OF_DAY["sunrise"].search(text) or re.search(_MORNING, text, re.IGNORECASE):
        return text
    evening = bool(PART_OF_DAY["sunset"].search(text))
    if not evening and not _EVERY_NIGHT.search(text):
        return text
    return _TWELVE_HOUR_CLOCK.sub(lambda m: _after_noon(m, evening), text)


def _after_noon(m: re.Match[str], evening: bool) -> str:
    """A `_TWELVE_HOUR_CLOCK` match after noon (`HH:MM`); at night only from 6 on ("at 2:30" stays)."""
    hour = int(m.group(1))
    if not evening and hour < 6:
        return m.group(0)
    return f"{hour + 12:02d}:{m.group(2) or '00'}"


_EVERY_NIGHT = re.compile(
    r"\b(?:every night|each night|nightly|jede nacht|nachts|elke nacht|chaque nuit|toutes les nuits|cada noche|todas las noches"
    r"|ogni notte|toda noite|todas as noites)\b",
    re.IGNORECASE,
)
_TWELVE_HOUR_CLOCK = re.compile(
    r"(?<![\d:.])([1-9]|1[01])(?::([0-5]\d)|\s*(?:uhr|uur|o'clock)\b)(?![\d:])(?!\s*(?:am|pm|a\.m|p\.m)\b)", re.IGNORECASE
)


_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_BARE_HOUR = re.compile(
    r"\b(at|by|until|till)\s+(\d|1\d|2[0-3])\b(?!\s*(?:[:.,]\d|%|percent\b|degrees?\b|°|am\b|pm\b|a\.m|p\.m|h\b|"
    r"o'?clock|minutes?\b|mins?\b|hours?\b|seconds?\b|secs?\b|lux\b|w\b|watts?\b|ppm\b))",
    re.IGNORECASE,
)
"""An hour said after "at" with nothing after it that makes it an amount."""
