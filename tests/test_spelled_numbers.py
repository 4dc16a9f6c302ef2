"""Amounts and clock times said in words are read as digits; other number words are left alone."""

from __future__ import annotations

import pytest

from wfl.inference.spelled_numbers import numbers_in_digits


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("dim the floor lamp to twenty percent", "dim the floor lamp to 20 percent"),
        ("set the thermostat to twenty-one degrees", "set the thermostat to 21 degrees"),
        ("when the CO2 goes above one thousand ppm", "when the CO2 goes above 1000 ppm"),
        ("Dimme das Licht auf zwanzig Prozent", "Dimme das Licht auf 20 Prozent"),
        ("Turn off the TV at eleven pm", "Turn off the TV at 11 pm"),
        ("at seven thirty open the blinds", "at 7:30 open the blinds"),
        ("at seven in the morning", "at 7 in the morning"),
    ],
)
def test_amounts_and_clock_times_in_words_are_digits(said: str, read: str) -> None:
    assert numbers_in_digits(said) == read


@pytest.mark.parametrize(
    "said",
    ["turn on the other one", "the Three Rivers lamp", "turn off one of the lights", "at seven"],
)
def test_number_words_that_are_no_amount_stay(said: str) -> None:
    assert numbers_in_digits(said) == said
