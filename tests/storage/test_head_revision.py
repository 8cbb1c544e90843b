"""Opening a database that is already migrated skips Alembic entirely; the shortcut must know
the same head as Alembic does."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from aeo_assess.storage.database import MIGRATIONS, Database, head_revision


def test_head_revision_matches_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_reopening_a_migrated_database_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    Database(url).close()
    probe = (
        "import sys; from aeo_assess.storage.database import Database; "
        f"Database({url!r}).close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
