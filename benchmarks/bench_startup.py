"""Issue 4: cold start to the main window shown, with 1,000 assessments in the database, as a
ratio against a bare PySide6 QMainWindow started the same way (target <= 3x). Each start is a
new process; the time runs from process start until the window's first paint has happened.

The window comes first and the list behind it (issue 19): the second figure is the time until
the list's first page is on screen, against the same baseline, so that what moved behind the
first paint stays measured (no target of its own)."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import report

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI"]

APP = """
import sys, time
from PySide6.QtCore import QTimer
from aeo_assess.gui.app import _create_application, launch
app = _create_application("en")
window = launch(sys.argv[1], "en")
def shown():
    app.processEvents()
    print(time.time())
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

LISTED = """
import sys, time
from PySide6.QtCore import QTimer
from aeo_assess.gui.app import _create_application, launch
app = _create_application("en")
window = launch(sys.argv[1], "en")
def listed():
    if not window.loaded:
        QTimer.singleShot(1, listed)
        return
    app.processEvents()
    print(time.time())
    window.gui.app.database.close()
    app.quit()
QTimer.singleShot(0, listed)
app.exec()
"""

BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 720)
window.show()
def shown():
    app.processEvents()
    print(time.time())
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _fill(url: str, count: int) -> None:
    from aeo_assess.domain.assessment import Answer, Assessment
    from aeo_assess.questionnaires.registry import find, shipped_raw
    from aeo_assess.services.context import open_context
    from aeo_assess.storage import repository as repo

    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    rng = random.Random(3)
    ctx = open_context(url)
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
        for i in range(count):
            answers = {
                q.id: Answer(rng.randint(0, 4))
                for q in questionnaire.questions()
                if q.type.value == "maturity" and rng.random() < 0.7
            }
            repo.create_assessment(
                session,
                Assessment(questionnaire.id, questionnaire.version, f"Empresa {i} S.A.",
                           rng.choice(COUNTRIES), frozenset({"exporter"}),
                           frozenset({"security", "compliance"}), answers),
                pk,
            )
    ctx.database.close()


def _start(script: str, *args: str, env: dict[str, str]) -> float:
    import time

    began = time.time()
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, check=True)
    return float(result.stdout.strip().splitlines()[-1]) - began


def main(count: int = 1000, repeat: int = 5) -> None:
    with tempfile.TemporaryDirectory(prefix="aeo-bench-start-") as folder:
        url = f"sqlite:///{Path(folder) / 'db.sqlite3'}"
        _fill(url, count)
        settings = Path(folder) / "settings.json"
        settings.write_text(json.dumps({"first_start_done": True}), "utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "AEO_ASSESS_SETTINGS": str(settings), "PYTHONPATH": str(ROOT)}
        _start(BARE, env=env)
        app = statistics.median(_start(APP, url, env=env) for _ in range(repeat))
        listed = statistics.median(_start(LISTED, url, env=env) for _ in range(repeat))
        bare = statistics.median(_start(BARE, env=env) for _ in range(repeat))
    report(f"cold start to main window, {count:,} assessments, vs bare QMainWindow", app, bare,
           "<= 3x")
    report(f"cold start to the list shown, {count:,} assessments, vs bare", listed, bare)


if __name__ == "__main__":
    main()
