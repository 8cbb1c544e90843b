"""The wheel carries the questionnaires and resources and works outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_data_and_runs_outside_checkout(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("aeo_assess-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "aeo_assess/_data/questionnaires/schema.json" in names
    assert "aeo_assess/_data/questionnaires/safe-aeo.yaml" in names
    assert "aeo_assess/_data/questionnaires/risk-management.yaml" in names
    assert any(n.startswith("aeo_assess/_data/resources/") for n in names)

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import aeo_assess; print(aeo_assess.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip().startswith(str(site))
    listed = subprocess.run(
        [sys.executable, "-m", "aeo_assess", "questionnaires", "list", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {row["id"] for row in rows} >= {"safe-aeo", "risk-management"}
    assert all(row["file"].startswith(str(site)) for row in rows)
