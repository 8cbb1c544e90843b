"""Workshops: create one, import its participants' files, print their reports, summarise it."""
