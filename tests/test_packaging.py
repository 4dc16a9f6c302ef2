"""`pip install .` (not only the editable install the suite runs on) ships every module and data file."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_contains_the_namespace_and_data(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = next(tmp_path.glob("wfl-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "wfl/cli.py",
        "wfl/ha/importer.py",
        "wfl/ha/export.py",
        "wfl/schemas/environment.schema.json",
        "wfl/schemas/workflow.schema.json",
        "wfl/grammar/wfl.ebnf",
        "wfl/grammar/parser.py",
        "wfl/inference/__init__.py",
    ):
        assert required in names, required
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    run = subprocess.run(
        [sys.executable, "-c", "import wfl.cli, wfl.schemas.generate as g; print(g.__file__)"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(str(site))
