"""Days of the week as workflows write them (`on weekdays`, `on mon, wed`) and as schedulers want them."""

from __future__ import annotations

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_GROUPS = {
    "weekdays": WEEK[:5],
    "weekday": WEEK[:5],
    "weekends": WEEK[5:],
    "weekend": WEEK[5:],
    "daily": WEEK,
    "everyday": WEEK,
}
DAY_WORDS: dict[str, tuple[str, ...]] = {
    **{d: (d,) for d in WEEK},
    **{full: (short,) for full, short in zip(_FULL, WEEK)},
    **_GROUPS,
}


def expand_days(words: list[str]) -> list[str] | None:
    """The three-letter days meant by `words`, in week order; None if a word is not a day."""
    chosen: set[str] = set()
    for word in words:
        days = DAY_WORDS.get(word.lower())
        if days is None:
            return None
        chosen.update(days)
    return [d for d in WEEK if d in chosen]
