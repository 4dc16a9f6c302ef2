"""The "on" of "on mondays", "on weekends", and the German "an" of "an Wochenenden", are
prepositions of days, not the way a device is switched: "Turn the coffee maker off at 7:30 on
mondays" switches it off. They are left out before a request is read (the header keeps its words);
the days themselves are still read (`constrain._DAYS`)."""

from __future__ import annotations

import re

_DAY_NAMES = (
    r"(?:every\s+|each\s+)?(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|"
    r"weekdays?|week\s+days|workdays?|working\s+days?|business\s+days?|holidays?|(?:the\s+)?weekend)\b"
)
_GERMAN_DAY_NAMES = r"(?:wochenenden|wochentagen|werktagen|arbeitstagen|feiertagen|sonn-?\s*und\s+feiertagen)\b"
_ON_DAYS = re.compile(rf"\bon\s+(?={_DAY_NAMES})|\ban\s+(?={_GERMAN_DAY_NAMES})", re.IGNORECASE)


def without_day_prepositions(text: str) -> str:
    """`text` without the "on" or "an" that stands before days ("on mondays" → "mondays")."""
    return _ON_DAYS.sub("", text)
