"""The help glossary: shipped file complete in three languages, strict and safe parsing."""

from __future__ import annotations

import pytest

from aeo_assess.questionnaires.glossary import (
    LANGUAGES,
    GlossaryError,
    parse_glossary,
    shipped_glossary,
)

GOOD = """
terms:
  - id: seal
    term: {en: "Seal", es: "Precinto (marchamo)", fr: "Scellé"}
    definition: {en: "A numbered device.", es: "Un dispositivo numerado.", fr: "Un dispositif numéroté."}
"""


def test_shipped_glossary_has_the_terms_the_help_needs() -> None:
    glossary = shipped_glossary()
    for entry_id in (
        "aeo",
        "safe",
        "mra",
        "seal",
        "validator",
        "eligibility",
        "must",
        "maturity",
        "not_applicable",
        "action_plan",
    ):
        assert glossary.get(entry_id) is not None, entry_id
    for entry in glossary.entries:
        for language in LANGUAGES:
            assert entry.term[language].strip() and entry.definition[language].strip()


def test_shipped_glossary_uses_the_questionnaire_spanish_terms() -> None:
    glossary = shipped_glossary()
    seal = glossary.get("seal")
    assert seal is not None and seal.term["es"] == "Precinto (marchamo)"
    aeo = glossary.get("aeo")
    mra = glossary.get("mra")
    assert aeo is not None and "OEA" in aeo.term["es"]
    assert mra is not None and "ARM" in mra.term["es"]


def test_parse_returns_plain_dataclasses() -> None:
    glossary = parse_glossary(GOOD, "g.yaml")
    assert glossary.ids() == ("seal",)
    entry = glossary.entries[0]
    assert entry.term_in("es") == "Precinto (marchamo)"
    assert entry.term_in("de") == "Seal"
    assert entry.definition_in("fr") == "Un dispositif numéroté."
    assert glossary.get("nope") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms: {}", "'terms' list"),
        ("- a\n- b", "'terms' list"),
        ("terms: [\n", "not valid YAML"),
        ("terms:\n  - !!python/object:os.system {}\n", "not valid YAML"),
        (GOOD.replace('fr: "Scellé"', 'fr: ""'), "'fr' text is missing"),
        (GOOD.replace(', fr: "Scellé"', ""), "'fr' text is missing"),
        (GOOD.replace('fr: "Scellé"', 'fr: "Scellé", de: "Siegel"'), "unknown language de"),
        (GOOD.replace("id: seal", "id: Seal"), "'id' must be"),
        (GOOD + GOOD.replace("terms:\n", ""), "appears twice"),
        (GOOD.replace("    definition:", "    extra: 1\n    definition:"), "unknown key extra"),
    ],
)
def test_bad_glossaries_are_refused_with_one_message(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as raised:
        parse_glossary(text, "g.yaml")
    assert str(raised.value).startswith("g.yaml")
