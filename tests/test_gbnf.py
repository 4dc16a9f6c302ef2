"""The GBNF builder: what it renders, and that it refuses grammars llama.cpp would crash on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfl.inference.gbnf import Chars, Grammar, GrammarError, Lit, Rule, alt, many1, one_of, opt, seq


def test_renders_rules_with_escaped_literals():
    g = Grammar()
    g.add("root", seq(Rule("node"), ".", one_of(["turn_on", 'say "hi"']), opt(seq(" ", many1(Chars("0-9"))))))
    g.add("node", alt("kitchen_light", "fan"))
    assert g.render() == (
        'root ::= node "." ("turn_on" | "say \\"hi\\"") (" " [0-9]+)?\n'
        'node ::= "kitchen_light" | "fan"\n'
    )


@pytest.mark.parametrize("name", ["kitchen_light", "Root", "1x", "", "a b"])
def test_rejects_rule_names_llama_cpp_cannot_parse(name):
    with pytest.raises(GrammarError):
        Grammar().add(name, Lit("x"))


def test_rejects_undefined_references_and_missing_root():
    g = Grammar()
    g.add("root", Rule("missing"))
    with pytest.raises(GrammarError):
        g.render()
    with pytest.raises(GrammarError):
        Grammar(rules={"other": Lit("x")}).render()


def test_fresh_rule_names_are_valid_and_unique():
    g = Grammar()
    names = [g.rule_name(hint) for hint in ("kitchen_light", "Küche Licht", "2nd floor", "!!!")]
    for name in names:
        g.add(name, Lit("x"))
    assert len(set(names)) == len(names)
    assert g.rule_name("kitchen_light") == "kitchen-light-2"


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
def test_any_literal_text_renders_to_a_well_formed_string(words):
    g = Grammar()
    g.add("root", one_of(words))
    text = g.render()
    body = text.split("::=", 1)[1]
    # every literal is closed: quotes outside escapes come in pairs
    unescaped = body.replace("\\\\", "").replace('\\"', "")
    assert unescaped.count('"') % 2 == 0
    assert "\n" not in body.strip()
