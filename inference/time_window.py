"""The hours and days a request limits itself to ("after 22:00", "between 10 pm and 6 am", "vor 8 Uhr",
"on weekends").

"Turn on the hall light when motion is detected after 22:00" does not start at 22:00: motion starts
it, and the time is a condition on the built-in clock (`if clock.time >= 22:00`). This module finds
such bounds next to the clock times the request states; `constrain.request_values` decides whether
they limit something else that starts the workflow or are its start ("turn off the lights after
23:00" is `at 23:00`).

Written for the languages the pipeline reads (English, German, Dutch, French, Portuguese, Spanish,
Italian); a bound is only what a word right before a time says, never a guess.
"""

from __future__ import annotations

import re

from msgspec import Struct

from wfl.grammar.builtins import CLOCK_ID
from wfl.grammar.days import expand_days

_UNTIL = r"to|until|till|and|bis|und|tot|en|à|a|et|e|y|às|as|las|alle|fino alle|och|og|til|till"
_PAIR_START = r"between|from|zwischen|von|tussen|van|entre|de|das|desde las?|dalle|tra le|fra le|tra|fra|mellan|mellom|fra kl\.?|från"
_ALONE_FROM = re.compile(
    r"\b(?:after|ab|nach|na|vanaf|après|à partir de|dès|depois das?|após as?|a partir das?|después de las?|"
    r"a partir de las?|dopo le|efter|etter)\s*$",
    re.I,
)
_ALONE_BEFORE = re.compile(r"\b(?:before|vor|voor|avant|antes das?|antes de las?|prima delle|prima|före|innan|før)\s*$", re.I)
_ARTICLE = r"(?:\s+(?:las?|les?|the|os|as|den|l['’]))?"
"""An article some languages put before an hour ("entre las 0:00 y las 6:00", "tra le 22 e le 6")."""
_PAIR_OPEN = re.compile(rf"\b(?:{_PAIR_START}){_ARTICLE}\s*$", re.I)
_PAIR_CLOSE = re.compile(rf"^\s*(?:uhr\s+|uur\s+|h\s+)?(?:{_UNTIL}){_ARTICLE}\s*$", re.I)
DENIED_RIGHT_BEFORE = r"unless|except|but not|not|außer|ausser|nicht|tenzij|behalve|niet|sauf|pas|salvo|excepto|exceto|menos|tranne|eccetto|non"
"""Words that deny the hours or the part of the day said right after them (`daytime.daylight_said` too)."""
_DENIED_WINDOW = re.compile(
    rf"\b(?:{DENIED_RIGHT_BEFORE})"
    r"(?:\s+(?:(?:it|it's|it is|es ist|als het|si c'est|se for|si es|se è)\b))?\s*(?:only\s+|nur\s+|alleen\s+|seulement\s+|solo\s+)?$",
    re.I,
)
"""Words that deny the window right before it ("unless it's between 8 am and 6 pm", "außer
zwischen 8 und 18 Uhr"): the hours outside it."""
_RANGE = re.compile(r"^\s*(?:uhr\s+|uur\s+|h\s+)?(?:-|–|to|until|till|bis|tot|à|às|a las|al|alle|fino alle)\s*$", re.I)
"""Joins two times into a range without a word before the first ("23:30 às 6:10", "22:00 - 06:00");
"and" does not: "at 7:00 and 19:00" stays two times."""


class ClockMention(Struct, frozen=True):
    """A clock time the request states: where, and as the language writes it (`22:00`)."""

    start: int
    end: int
    time: str


class TimeWindow(Struct, frozen=True):
    after: str | None
    """From this time on (`>=`), or None."""
    before: str | None
    """Until this time (`<`), or None."""
    spans: tuple[tuple[int, int], ...]
    """Where the request says it (preposition and times), to leave out when asking what else it waits on."""
    stated: tuple[str, ...] = ()
    """The times the request says for it, a midnight that bounds nothing included."""

    def times(self) -> tuple[str, ...]:
        return self.stated or tuple(t for t in (self.after, self.before) if t is not None)

    def condition(self) -> str:
        """The condition on the built-in clock: a window past midnight is an `or`; none when it
        bounds nothing ("before midnight")."""
        ref = f"{CLOCK_ID}.time"
        if not self.after and not self.before:
            return ""
        if self.after and self.before:
            word = "and" if self.after < self.before else "or"
            return f"{ref} >= {self.after} {word} {ref} < {self.before}"
        if self.after:
            return f"{ref} >= {self.after}"
        return f"{ref} < {self.before}"


def calendar_condition(window: TimeWindow | None, days: tuple[str, ...]) -> str | None:
    """The clock condition for the hours and the days (`weekdays`, `sat`) a request states, or None."""
    parts = []
    if window is not None and (hours := window.condition()):
        parts.append(f"({hours})" if days and " or " in hours else hours)
    chosen = expand_days(list(days)) if days else None
    if chosen and len(chosen) < 7:
        parts.append(f"{CLOCK_ID}.weekday in [{', '.join(chosen)}]" if len(chosen) > 1 else f"{CLOCK_ID}.weekday == {chosen[0]}")
    return " and ".join(parts) or None


_PARTS_OF_THE_DAY = (
    ("06:00", "12:00", re.compile(
        r"\b(?:in the morning|during the morning|morgens|am morgen|vormittags|'s ochtends|in de ochtend|le matin|dans la matinée|"
        r"de manhã|pela manhã|por la mañana|en la mañana|di mattina|la mattina|om morgenen|på morgonen)\b", re.I)),
    ("12:00", "18:00", re.compile(
        r"\b(?:in the afternoon|during the afternoon|nachmittags|am nachmittag|'s middags|in de middag|l'après-midi|dans l'après-midi|"
        r"à tarde|de tarde|por la tarde|en la tarde|di pomeriggio|il pomeriggio|om ettermiddagen|på eftermiddagen)\b", re.I)),
    ("18:00", "23:00", re.compile(
        r"\b(?:in the evening|during the evening|abends|am abend|'s avonds|in de avond|le soir|en soirée|"
        r"di sera|la sera|om kvelden|på kvällen)\b", re.I)),
)
"""The hours a part of the day stands for when it limits what something else starts ("when there
is motion in the kitchen in the morning"): a window, as people mean them."""


def part_of_the_day(watch: str, request: str) -> TimeWindow | None:
    """The window a part of the day said in the waiting clause limits it to, or None."""
    for after, before, pattern in _PARTS_OF_THE_DAY:
        said = pattern.search(request)
        if pattern.search(watch) and said and not _HOUR_BEFORE.search(request, 0, said.start()):
            return TimeWindow(after, before, (said.span(),), (after, before))
    return None


_HOUR_BEFORE = re.compile(r"\d\s*(?:uhr|uur|h|o'clock)?\s*$", re.I)
"""An hour right before the part of the day ("le 8 di mattina"): a clock time, not the part's hours."""


def time_window(request: str, clocks: list[ClockMention]) -> TimeWindow | None:
    """The window the words before the request's clock times state, or None when they state none."""
    for first, second in zip(clocks, clocks[1:]):
        if first.time == second.time:
            continue
        between = request[first.end : second.start]
        opener = _PAIR_OPEN.search(request, 0, first.start)
        if opener and _PAIR_CLOSE.match(between):
            return _window(request, first.time, second.time, opener.start(), second.end)
        if _RANGE.match(between):
            return _window(request, first.time, second.time, first.start, second.end)
    after = before = None
    spans: list[tuple[int, int]] = []
    for clock in clocks:
        word = _ALONE_FROM.search(request, 0, clock.start) or _ALONE_BEFORE.search(request, 0, clock.start)
        if word is None:
            continue
        if word.re is _ALONE_FROM and after is None:
            after = clock.time
        elif word.re is _ALONE_BEFORE and before is None:
            before = clock.time
        else:
            continue
        spans.append((word.start(), clock.end))
    stated = tuple(t for t in (after, before) if t is not None)
    if before == _MIDNIGHT:
        before = None  # "before midnight" is the rest of the day: no bound, but no time it starts at either
    if not stated:
        return None
    return TimeWindow(after, before, tuple(spans), stated)


def _window(request: str, after: str, before: str, start: int, end: int) -> TimeWindow:
    """The window from `after` to `before`, or the hours outside it when the words before deny it.
    A window that ends at midnight ends with the day: `>= 22:00`, not `< 00:00`."""
    if denied := _DENIED_WINDOW.search(request, max(0, start - 24), start):
        after, before, start = before, after, denied.start()
    bounds = (after if after != _MIDNIGHT else None, before if before != _MIDNIGHT else None)
    return TimeWindow(*bounds, ((start, end),), (after, before))


_MIDNIGHT = "00:00"
