"""Allow ``python -m aeo_assess``."""

from aeo_assess.cli.main import main

raise SystemExit(main())
