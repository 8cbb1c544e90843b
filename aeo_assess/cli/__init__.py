"""The ``aeo-assess`` command line (DESIGN §9)."""
