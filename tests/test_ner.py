"""Stage 1, the NER tagger: tokenizer offsets, features, generation, and the packaged model itself.

The model tests assert on a few robust mentions per request, not on every tag: the model is
statistical, and what the retrieval stage needs is that device, property, value and time words are
found at all.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from importlib import resources

import numpy as np
import pytest
from wfl.inference.ner.eval_set import examples, parse
from wfl.inference.ner.features import MAX_FEATURES, VOCAB_SIZE, featurize, tokenize
from wfl.inference.ner.generate import generate
from wfl.inference.ner.spans import TAGS, tags_to_spans, viterbi
from wfl.inference.ner.synth import synthetic_environment
from wfl.inference.ner.tagger import Mention, Tagger

from .conftest import DATA

# --------------------------------------------------------------------------------- tokenizer


@pytest.mark.parametrize(
    "text",
    [
        "lower the living room blinds to 30% if it's above 25°C",
        "Wenn die Waschmaschine fertig ist, Benachrichtigung senden",
        "um 22 Uhr Rollläden schließen; Gäste-WC Licht aus, Straße: 0,4 EUR/kWh",
        "turn on kitchen_light at 07:30 and 7AM for 5min — ok?",
        "  spaces\tand\nnewlines  ",
        "",
    ],
)
def test_token_offsets_are_exact(text):
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text


def test_tokenizer_splits_units_and_keeps_times_and_compounds():
    words = [
        t.text
        for t in tokenize(
            "set to 30% at 07:30 if 25°C; Kinderzimmer-Licht über 0,4 €, kitchen_light"
        )
    ]
    assert words == [
        "set",
        "to",
        "30",
        "%",
        "at",
        "07:30",
        "if",
        "25",
        "°C",
        ";",
        "Kinderzimmer-Licht",
        "über",
        "0,4",
        "€",
        ",",
        "kitchen_light",
    ]


def test_features_are_bounded_padded_and_stable():
    tokens = ["Schlafzimmerdeckenleuchtenschalter", "25", "°C", "a"]
    feats = featurize(tokens)
    assert feats.shape == (4, MAX_FEATURES) and feats.dtype == np.int64
    assert feats.min() >= 0 and feats.max() < VOCAB_SIZE
    assert (feats[3] > 0).sum() < MAX_FEATURES  # short tokens are padded with 0
    assert np.array_equal(feats, featurize(tokens))
    # CRC-32, not Python's salted hash: the same ids in a fresh process.
    code = "from wfl.inference.ner.features import featurize; print(featurize(['Küchenlicht']).tolist())"
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(other) == featurize(["Küchenlicht"]).tolist()


# ------------------------------------------------------------------------------------ decoding


def test_viterbi_never_starts_a_span_with_inside():
    rng = np.random.default_rng(0)
    for _ in range(50):
        log_probs = np.log(rng.dirichlet(np.ones(len(TAGS)), size=8)).astype(np.float32)
        path = [TAGS[i] for i in viterbi(log_probs)]
        for prev, tag in zip(["O"] + path, path):
            if tag.startswith("I-"):
                assert prev in (f"B-{tag[2:]}", tag)


def test_tags_to_spans():
    assert tags_to_spans(["B-action", "I-action", "O", "B-node", "B-node", "I-value"]) == [
        (0, 2, "action"),
        (3, 4, "node"),
        (4, 5, "node"),
        (5, 6, "value"),
    ]


def test_eval_markup():
    text, spans = parse("[turn on|action] the [hall light|node] [in the|O] [kitchen|area]")
    assert text == "turn on the hall light in the kitchen"
    assert [text[s:e] for s, e, _ in spans] == ["turn on", "hall light", "kitchen"]
    assert all(text[s:e].strip() for text, spans in examples() for s, e, _ in spans)


# ---------------------------------------------------------------------------------- generation


def test_generation_is_deterministic_and_spans_are_clean():
    env = synthetic_environment(5, "mixed")
    assert env == synthetic_environment(5, "mixed")
    first = generate(env, 200, seed=3, lang_de=0.5)
    assert first == generate(env, 200, seed=3, lang_de=0.5)
    assert first != generate(env, 200, seed=4, lang_de=0.5)
    assert {s.lang for s in first} == {"en", "de"}
    labels = set()
    for s in first:
        for start, end, label in s.spans:
            piece = s.text[start:end]
            assert piece and piece == piece.strip(), (s.text, piece)
            labels.add(label)
    assert labels == {
        "node",
        "area",
        "property",
        "value",
        "unit",
        "comparator",
        "action",
        "time",
        "duration",
    }


def test_generation_from_a_real_home():
    from wfl.ha.importer import import_files

    home = DATA / "ha" / "miggi92"
    env = import_files(home / "states.json", home / "services.json")
    sents = generate(env, 50, seed=1, lang_de=0.7)
    assert sents == generate(env, 50, seed=1, lang_de=0.7)
    names = {(n.name or "").lower() for n in env.nodes} | {
        n.id.replace("_", " ") for n in env.nodes
    }
    nodes = [s.text[a:b].lower() for s in sents for a, b, label in s.spans if label == "node"]
    assert sum(n in names for n in nodes) >= len(nodes) // 3  # many are names as written


# ------------------------------------------------------------------------------- packaged model


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.load()


def test_packaged_model_loads_with_onnxruntime_only():
    code = (
        "import sys; from wfl.inference.ner import Tagger; t = Tagger.load(); t.tag('turn on the light'); "
        "assert 'torch' not in sys.modules, 'torch imported'; print('ok')"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-2000:]


def test_packaged_model_is_small():
    model = resources.files("wfl.inference.ner").joinpath("model.onnx").read_bytes()
    assert len(model) < 3_000_000


def _found(mentions: list[Mention], label: str, word: str) -> bool:
    """Some mention with this label covers `word` (overlap, not exact boundaries)."""
    return any(m.label == label and word.lower() in m.text.lower() for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "turn on the hallway light when motion is detected after sunset",
            [
                ("action", "turn on"),
                ("node", "hallway light"),
                ("property", "motion"),
                ("time", "sunset"),
            ],
        ),
        (
            "lower the living room blinds to 30% if it's above 25 degrees",
            [
                ("node", "blinds"),
                ("value", "30"),
                ("unit", "%"),
                ("comparator", "above"),
                ("value", "25"),
            ],
        ),
        (
            "switch off the kitchen lights at 23:00",
            [("action", "switch off"), ("node", "kitchen lights"), ("time", "23:00")],
        ),
        (
            "notify me when the washing machine is finished",
            [("action", "notify"), ("node", "washing machine"), ("value", "finished")],
        ),
        (
            "if the front door stays open for 10 minutes, send me a notification",
            [("node", "front door"), ("value", "open"), ("duration", "10 minutes")],
        ),
        (
            "set the thermostat to 21 °C",
            [("action", "set"), ("node", "thermostat"), ("value", "21"), ("unit", "°C")],
        ),
    ],
)
def test_english_requests(tagger, text, expected):
    mentions = tagger.tag(text)
    for label, word in expected:
        assert _found(mentions, label, word), (label, word, mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wenn die Waschmaschine fertig ist, Benachrichtigung senden",
            [("node", "Waschmaschine"), ("value", "fertig"), ("action", "Benachrichtigung")],
        ),
        (
            "Schalte das Licht im Flur um 22 Uhr aus",
            [("action", "Schalte"), ("node", "Licht"), ("area", "Flur"), ("time", "22 Uhr")],
        ),
        (
            "Rollladen im Schlafzimmer bei Sonnenuntergang schließen",
            [("node", "Rollladen"), ("time", "Sonnenuntergang"), ("action", "schließen")],
        ),
        (
            "Sobald die Temperatur über 25 Grad steigt, Ventilator einschalten",
            [
                ("property", "Temperatur"),
                ("comparator", "über"),
                ("value", "25"),
                ("node", "Ventilator"),
                ("action", "einschalten"),
            ],
        ),
    ],
)
def test_german_requests(tagger, text, expected):
    mentions = tagger.tag(text)
    for label, word in expected:
        assert _found(mentions, label, word), (label, word, mentions)


def test_mentions_point_into_the_text(tagger):
    text = "Kinderzimmerlicht aus, wenn keine Bewegung mehr ist"
    for m in tagger.tag(text):
        assert text[m.start : m.end] == m.text and 0 < m.score <= 1


def test_tagging_is_fast(tagger):
    text = "turn on the hallway light when motion is detected after sunset"
    tagger.tag(text)
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        tagger.tag(text)
        times.append(time.perf_counter() - t0)
    assert statistics.median(times) < 0.005


def test_recorded_heldout_scores_are_above_the_floor(tagger):
    metrics = tagger.meta["metrics"]
    # Generated held-out sentences share the templates, so they score high; the floors sit well
    # below what training reaches (about 0.99 overlap) but catch a broken generator or model.
    heldout = metrics["heldout"]["micro"]
    assert heldout["overlap"]["f1"] >= 0.95 and heldout["exact"]["f1"] >= 0.9
    assert metrics["heldout_home"]["micro"]["overlap"]["f1"] >= 0.95
    for label in ("node", "action", "value", "time", "duration"):
        assert metrics["heldout"][label]["overlap"]["r"] >= 0.75, label
    # Wording the templates never produced, about 100 spans: the honest number.
    assert metrics["handwritten_test"]["micro"]["overlap"]["f1"] >= 0.85
