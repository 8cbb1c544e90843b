"""Customs review in the GUI: the officer's review mode, the trader's customs remarks, profiles."""
