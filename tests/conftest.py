"""Shared fixtures: the example environment and hypothesis profiles.

`HYPOTHESIS_PROFILE=thorough` runs the property tests on 10,000 inputs each (the benchmark does);
the default keeps the suite fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"

settings.register_profile("default", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def example_env():
    from wfl.schemas.loader import load_environment

    loaded = load_environment(EXAMPLES / "home.yaml")
    assert loaded.environment is not None, loaded.diagnostics
    return loaded.environment


@pytest.fixture(scope="session")
def example_index(example_env):
    from wfl.grammar.index import EnvIndex

    return EnvIndex(example_env)
