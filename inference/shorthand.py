"""What people type on a phone, written out: "nobodys home" and "nobody's home" are "nobody is
home", "lights on at 7 & off at 11" joins with "and", "dont" is "don't".

Only forms that are no other word are rewritten: a pronoun run onto "is", with or without its
apostrophe ("someones", "no one's"; these pronouns own nothing a home automates), a negation missing its apostrophe
("doesnt", "isnt"; "its" and "wont" are left, they are words), and "&" or a lone "n" between two
words. The rest of the pipeline then reads them as it reads the written-out forms.
"""

from __future__ import annotations

import re

_IS_RUN_ON = re.compile(
    r"\b(nobody|no ?one|someone|somebody|everyone|everybody|anyone|anybody)['’]?s\b", re.IGNORECASE
)
"""A pronoun with "is" run onto it ("nobodys home", "someone's home")."""

_NEGATIONS = re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|should|could|would)nt\b", re.IGNORECASE)
"""A negation with no apostrophe ("doesnt", "isnt")."""

_AND_SIGN = re.compile(r"(?<=\w)\s+&\s*(?=\w)|(?<=\w)&\s+(?=\w)|(?<=[a-z\d])\s+n\s+(?=[a-z])")
"""An "and" typed as "&" beside a space or a lone lower-case "n" between words ("at sunset n off
at 11pm"); "R&B" is a word."""


def written_out(text: str) -> str:
    """The request with phone shorthand written out; everything else as it was."""
    text = _IS_RUN_ON.sub(lambda m: f"{m.group(1)} is", text)
    text = _NEGATIONS.sub(lambda m: f"{m.group(1)}n't", text)
    return _AND_SIGN.sub(" and ", text)
