"""Amounts and clock times said in words, written in digits: "dim it to twenty percent" is
"dim it to 20 percent", "at eleven pm" is "at 11 pm", "at seven thirty" is "at 7:30".

Only a number word next to what makes it an amount (a unit, "am"/"pm", "o'clock", a part of the
day) is rewritten: "one" alone is as often a pronoun ("the other one") as a number, and names
hold number words ("Three Rivers lamp"). Durations in words are `constrain.spelled_out`'s.
"""

from __future__ import annotations

import re

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
    # German, Dutch, French, Spanish, Portuguese, Italian: the amounts people set
    "zwei": 2, "drei": 3, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12,
    "fünfzehn": 15, "achtzehn": 18, "neunzehn": 19,
    "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10, "twaalf": 12, "vijftien": 15,
    "achttien": 18, "negentien": 19,
    "deux": 2, "trois": 3, "cinq": 5, "dix": 10, "douze": 12, "quinze": 15, "dix-huit": 18, "dix-neuf": 19,
    "dos": 2, "tres": 3, "cinco": 5, "diez": 10, "doce": 12, "quince": 15, "dieciocho": 18, "diecinueve": 19,
    "dez": 10, "doze": 12, "dezoito": 18, "dezanove": 19, "dieci": 10, "dodici": 12, "quindici": 15, "diciotto": 18,
    "diciannove": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingts": 80,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "oitenta": 80,
    "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70, "ottanta": 80, "novanta": 90,
}
_HUNDRED = {"hundred": 100, "a hundred": 100, "one hundred": 100, "hundert": 100, "honderd": 100, "cent": 100, "cien": 100,
            "cem": 100, "cento": 100, "a thousand": 1000, "one thousand": 1000, "thousand": 1000, "tausend": 1000,
            "duizend": 1000, "mille": 1000, "mil": 1000, "twelve hundred": 1200, "fifteen hundred": 1500,
            "two thousand": 2000, "zweitausend": 2000, "tweeduizend": 2000, "deux mille": 2000}


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = (
    rf"(?:{_alternatives(_HUNDRED)}|(?:{_alternatives(_TENS)})(?:[- ](?:and[- ])?(?:{_alternatives(_ONES)}))?"
    rf"|{_alternatives(_ONES)})"
)
_UNIT_AFTER = (
    r"\s*(?:%|percent\b|per cent\b|prozent\b|procent\b|pour ?cent\b|por ?ciento\b|por ?cento\b|per ?cento\b|"
    r"degrees?\b|°|grad\b|graden\b|degrés?\b|grados?\b|graus?\b|gradi\b|ppm\b|lux\b|lx\b|watts?\b|kilowatts?\b|kw\b|w\b|"
    r"cents?\b|euros?\b|volts?\b|amps?\b)"
)
_AMOUNT = re.compile(rf"\b({_NUMBER})(?={_UNIT_AFTER})", re.IGNORECASE)
_CLOCK = re.compile(
    rf"\b(at|by|until|till|before|after|from|to|between|and)\s+({_NUMBER})(?:[ :](fifteen|thirty|forty-five|o\s?(?:one|two|three|four|five|six|seven|eight|nine)|"
    rf"(?:ten|twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?))?"
    r"(?=\s*(?:am\b|pm\b|a\.m\.|p\.m\.|o'?\s?clock\b|in the (?:morning|afternoon|evening)\b|at night\b|tonight\b))",
    re.IGNORECASE,
)
_CLOCK_MINUTES = re.compile(
    rf"\b(at)\s+({_NUMBER})[ ](fifteen|thirty|forty-five|(?:ten|twenty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\b",
    re.IGNORECASE,
)
""""At seven thirty": a clock time with its minutes in words, no "am" or "pm" needed."""


def _value(words: str) -> int | None:
    """The number a number phrase says ("twenty-five", "one hundred"), or None."""
    said = words.lower().replace(" and ", " ").replace("-and-", "-")
    if said in _HUNDRED:
        return _HUNDRED[said]
    if said in _ONES:
        return _ONES[said]
    if said in _TENS:
        return _TENS[said]
    tens, _, ones = said.replace("-", " ").partition(" ")
    if tens in _TENS and ones in _ONES and _ONES[ones] < 10:
        return _TENS[tens] + _ONES[ones]
    return None


def _minutes(words: str | None) -> int | None:
    if not words:
        return 0
    words = words.lower()
    if oh := re.fullmatch(r"o\s?(\w+)", words):  # "seven o five"
        return _value(oh.group(1))
    return _value(words)


def _clock(m: re.Match[str]) -> str:
    hour, minutes = _value(m.group(2)), _minutes(m.group(3))
    if hour is None or minutes is None or not 0 < hour <= 24 or minutes >= 60:
        return m.group(0)
    return f"{m.group(1)} {hour}:{minutes:02d}" if minutes else f"{m.group(1)} {hour}"


def _amount(m: re.Match[str]) -> str:
    value = _value(m.group(1))
    return str(value) if value is not None else m.group(0)


def numbers_in_digits(text: str) -> str:
    """`text` with the amounts and clock times it says in words written in digits."""
    text = _CLOCK.sub(_clock, text)
    text = _CLOCK_MINUTES.sub(_clock, text)
    return _AMOUNT.sub(_amount, text)
