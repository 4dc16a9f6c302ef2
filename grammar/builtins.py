"""Nodes every environment has without declaring them: the `clock`.

A workflow often runs only at some times ("turn on the hall light on motion, but only after 22:00").
The time of day is no device of the home, so no environment file lists it; `clock` is always there
instead, typed like any node, so that checking, completion and hover need nothing special:

    if clock.time >= 22:00 or clock.time < 06:00
    if clock.weekday in [sat, sun]

It is read in `if` conditions only. A trigger on it would fire at an instant, which `at 22:00` says
plainly; the checker points there. An environment that declares its own `clock` node keeps it, and
the built-in one is then not available (`EnvIndex.builtins`).
"""

from __future__ import annotations

from wfl.schemas.environment import EnumType, Node, TimeType

from .days import WEEK

CLOCK_ID = "clock"

CLOCK = Node(
    id=CLOCK_ID,
    name="Clock",
    kind="clock",
    description=(
        "The time of day and the day of the week where the workflow runs. Read it in `if` conditions "
        "(`if clock.time >= 22:00 or clock.time < 06:00`); to run at a time, write `at 22:00`."
    ),
    properties={
        "time": TimeType(
            description="The time of day now: compare it with `>=` (from) and `<` (until), e.g. `clock.time >= 22:00`.",
            aliases=["time of day", "now"],
        ),
        "weekday": EnumType(
            values=list(WEEK),
            description="Today's day of the week, e.g. `clock.weekday in [sat, sun]`.",
            aliases=["day of the week", "today"],
        ),
    },
)

BUILTIN_NODES: tuple[Node, ...] = (CLOCK,)
