"""Phone shorthand is written out before anything reads the request."""

import pytest

from wfl.inference.shorthand import written_out


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("if nobodys home", "if nobody is home"),
        ("when no one's home", "when no one is home"),
        ("only if someones home", "only if someone is home"),
        ("if it doesnt rain", "if it doesn't rain"),
        ("at sunset n off at 11pm", "at sunset and off at 11pm"),
        ("the tv & the speaker", "the tv and the speaker"),
    ],
)
def test_shorthand_is_written_out(typed, meant):
    assert written_out(typed) == meant


@pytest.mark.parametrize("kept", ["Anna's phone", "its battery", "Building N lights", "R&B playlist at 8", "the N lamp"])
def test_words_that_are_no_shorthand_are_kept(kept):
    assert written_out(kept) == kept
