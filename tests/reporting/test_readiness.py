"""The readiness report: figures equal the ScoreCard's, text prints as typed, both languages."""

from __future__ import annotations

import dataclasses
import re

import pytest

from aeo_assess.benchmarks.countries import country_programme
from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.benchmark import (
    CountryProgramme,
    Figure,
    MutualRecognition,
    PeerGroup,
    PeerScope,
    PeerStats,
    Source,
    SourceDate,
)
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.text import localized
from aeo_assess.i18n import catalog_dir, format_percent
from aeo_assess.reporting import render_readiness_report
from aeo_assess.scoring import score
from tests.gui.translations import po_catalog
from tests.reporting.messages import report_messages
from tests.reporting.samples import (
    GENERATED_AT,
    TRICKY_COMPANY,
    empty_assessment,
    full_assessment,
    reader,
    safe_aeo,
    text_of,
)


def render(
    questionnaire: Questionnaire,
    assessment: Assessment,
    *,
    language: str = "en",
    page_size: str = "A4",
    peers: PeerGroup | None = None,
    country: CountryProgramme | None = None,
) -> bytes:
    return render_readiness_report(
        questionnaire,
        assessment,
        score(questionnaire, assessment),
        language=language,
        page_size=page_size,
        peers=peers,
        k=5,
        country=country,
        generated_at=GENERATED_AT,
    )


def peers_of(card: ScoreCard, n: int, key: str | None = None) -> PeerGroup:
    stats = PeerStats(n=n, mean=0.55, q1=0.41, median=0.57, q3=0.73, percentile_rank=0.64)
    return PeerGroup(
        scope=PeerScope.COUNTRY,
        key="CR",
        questionnaire_key=key or card.questionnaire_key,
        n=n,
        overall=stats,
        criteria={c.criterion_id: stats for c in card.criteria},
        source="local database",
    )


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return safe_aeo()


@pytest.fixture(scope="module")
def assessment(questionnaire: Questionnaire) -> Assessment:
    return full_assessment(questionnaire)


@pytest.fixture(scope="module")
def card(questionnaire: Questionnaire, assessment: Assessment) -> ScoreCard:
    return score(questionnaire, assessment)


@pytest.fixture(scope="module")
def english(questionnaire: Questionnaire, assessment: Assessment) -> bytes:
    return render(questionnaire, assessment)


@pytest.fixture(scope="module")
def spanish(questionnaire: Questionnaire, assessment: Assessment, card: ScoreCard) -> bytes:
    country = CountryProgramme(
        country="CR",
        name_original="Programa de Facilitación Aduanera para el Comercio Confiable (PROFAC)",
        name_english="Customs Facilitation Programme for Trusted Trade",
        authority="Servicio Nacional de Aduanas",
        launch_year=2011,
        launch_verified=True,
        launch_note={"en": "Decree 36461-H", "es": "Decreto 36461-H", "fr": "Décret 36461-H"},
        operators=Figure(1234, SourceDate("2019-12-19"), (Source(
            "basc-costarica.com, “Costa rica y colombia firman arreglo”",
            "basc-costarica.com/noticias/costa-rica-y-colombia-firman-arreglo"),), verified=True),
        mras=(
            MutualRecognition("CO", SourceDate("2019"), (Source("COMEX release"),), True),
            MutualRecognition("MX", None, (Source("diarioextra.com", "diarioextra.com"),)),
            MutualRecognition("Regional Americas ARM", SourceDate("2022"), verified=True),
        ),
        notes={"en": "Benefits cited", "es": "Beneficios citados", "fr": "Avantages cités"},
    )
    return render(questionnaire, assessment, language="es", page_size="Letter",
                  peers=peers_of(card, 12), country=country)


def test_figures_equal_the_scorecard(
    english: bytes, questionnaire: Questionnaire, card: ScoreCard
) -> None:
    text = text_of(english)
    percent = lambda value: format_percent(value, "en")  # noqa: E731
    assert f"{percent(card.overall)} {percent(card.completeness)} {len(card.blocking_gaps)} " \
        f"{len(card.open_musts)} Overall score" in text
    names = {"met": "✔ Met", "met_with_recommendations": "✔+ Met, with recommendations",
             "not_met": "✘ Not met", "not_demonstrated": "? Not demonstrated"}
    for c in card.criteria:
        title = localized(questionnaire.criterion(c.criterion_id).title, "en")
        blocking = sum(g.blocking for g in card.gaps if g.criterion_id == c.criterion_id)
        row = f"{c.criterion_id} {title} {names[c.conclusion]} {percent(c.score)} " \
            f"{c.answered} / {c.applicable} {blocking}"
        assert row in text
    core = card.core_criteria
    level = localized(questionnaire.level_rule(card.level).label, "en")
    level += " (provisional)" if card.provisional else ""
    assert f"Overall {level} {percent(card.overall)} {sum(c.answered for c in core)} / " \
        f"{sum(c.applicable for c in core)} {len(card.blocking_gaps)}" in text
    assert f"Readiness level: {level}." in text
    assert "Extensions, beside the SAFE verdict" in text
    assert "A validator would find" in text
    ranks = re.findall(r"(\d+)\. (SAFE-[A-M]\.\d\d|CYBER\.\d\d) ", text)
    plan = [(str(i.rank), i.gap.question_id) for i in card.action_plan]
    assert [r for r in ranks if r in plan] == plan  # gap blocks follow the plan's ranks


def test_three_criteria_furthest_from_ready(english: bytes, card: ScoreCard) -> None:
    text = text_of(english)
    lowest = sorted((c for c in card.criteria if c.score is not None), key=lambda c: c.score or 0)
    section = text.split("Criteria furthest from ready", 1)[1].split("Score per criterion", 1)[0]
    assert re.findall(r"\d\. (\S+) ", section) == [c.criterion_id for c in lowest[:3]]


def test_user_text_prints_verbatim(english: bytes, assessment: Assessment) -> None:
    text = text_of(english)
    assert text.count(TRICKY_COMPANY) > 10  # cover and every running header
    assert "reviewed by the <quality> team" in text
    assert "Ana <QA> & Luis" in text
    assert "Procedimiento de seguridad 03 — versión final.pdf" in text
    for item in assessment.evidence:
        assert f"{item.sha256[:32]} {item.sha256[32:]}" in text


def test_markup_looking_answers_and_long_words_print_as_typed(
    questionnaire: Questionnaire,
) -> None:
    question = questionnaire.questions()[0].id
    typed = '<b>not bold</b> <font size="40">&amp; big</font> <br/> x' + "y" * 400
    assessment = dataclasses.replace(
        empty_assessment(questionnaire),
        answers={question: Answer(na_reason="n/a", comment=typed)},
    )
    text = text_of(render(questionnaire, assessment)).replace(" ", "")
    assert typed.replace(" ", "") in text


def test_metadata_and_language(english: bytes, spanish: bytes) -> None:
    info = reader(english).metadata
    assert info is not None
    assert info.title == f"AEO readiness report: {TRICKY_COMPANY}"
    assert info.author == TRICKY_COMPANY
    assert info.subject == "SAFE AEO readiness 2027.1"
    assert "safe-aeo@2027.1" in str(info["/Keywords"])
    assert "Costa Rica" in str(info["/Keywords"])
    assert reader(english).trailer["/Root"]["/Lang"] == "en"
    assert reader(spanish).trailer["/Root"]["/Lang"] == "es"
    assert reader(spanish).metadata.title.startswith("Informe de preparación OEA")  # type: ignore[union-attr]


def test_page_x_of_y_and_page_sizes(english: bytes, spanish: bytes) -> None:
    pages = reader(english).pages
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (
        595, 842)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page.extract_text()
    letter = reader(spanish).pages
    assert (round(float(letter[0].mediabox.width)), round(float(letter[0].mediabox.height))) == (
        612, 792)
    assert f"Página 2 de {len(letter)}" in letter[1].extract_text()


def test_spanish_headings_and_numbers(spanish: bytes, card: ScoreCard) -> None:
    text = text_of(spanish)
    for heading in ("Informe de preparación OEA", "Resumen ejecutivo", "Puntuación por criterio",
                    "Comparación con otros operadores", "Requisitos obligatorios no cumplidos",
                    "Conclusión por criterio", "Plan de acción",
                    "Anexo: todas las respuestas", "Anexo: evidencias", "Programa OEA de Costa Rica"):
        assert heading in text
    for english_word in ("Executive summary", "Action plan", "Musts not met", "Not yet answered",
                         "Page 1 of"):
        assert english_word not in text
    overall = round((card.overall or 0) * 100)
    assert f"{overall} % {round(card.completeness * 100)} %" in text  # "75 %", not "75%"
    assert "1,1 kB" in text and "1.1 KB" not in text  # decimal comma in evidence sizes
    assert "1.234 (al 19 dic 2019)" in text  # thousands separator, the medium date format
    assert "mar 2026" in text  # the report date, in Spanish


def test_the_country_profile_reads_in_spanish(spanish: bytes) -> None:
    text = text_of(spanish)
    profile = text[text.index("Programa OEA de Costa Rica"):]
    assert "Colombia (2019); México (año desconocido, no verificado); " \
        "ARM Regional de las Américas (2022)" in profile
    assert "Inicio 2011 Decreto 36461-H" in profile and "Beneficios citados" in profile
    assert "basc-costarica.com, “Costa rica y colombia firman arreglo”" in profile
    assert "basc-costarica.com/noticias/costa-rica-y-colombia-firman-arreglo" in profile
    for english in ("unknown", "as of", "Benefits", "not verified", "Regional Americas"):
        assert english not in profile


def test_french(questionnaire: Questionnaire, assessment: Assessment, card: ScoreCard) -> None:
    """The report's own words in French (the questionnaire's texts follow its languages)."""
    country = country_programme("PE")
    pdf = render(questionnaire, assessment, language="fr", peers=peers_of(card, 12),
                 country=country)
    text = text_of(pdf)
    for heading in ("Rapport de préparation OEA", "Synthèse", "Score par critère",
                    "Comparaison avec les autres opérateurs", "Conclusion par critère",
                    "Plan d’action", "Annexe : toutes les réponses", "Programme OEA : Pérou",
                    "72 (au juil. 2018), non vérifié", "Page 1 sur"):
        assert heading in text
    for english in ("Executive summary", "Action plan", "Musts not met", "Page 1 of"):
        assert english not in text
    assert "unknown" not in text[text.index("Programme OEA : Pérou"):]
    assert "Réponse : " in text  # French puts a space before a colon
    assert reader(pdf).trailer["/Root"]["/Lang"] == "fr"


def test_a_region_of_peers_in_spanish(
    questionnaire: Questionnaire, assessment: Assessment, card: ScoreCard
) -> None:
    peers = dataclasses.replace(peers_of(card, 3), scope=PeerScope.REGION, key="Caribbean")
    pdf = render(questionnaire, assessment, language="es", peers=peers)
    assert "comparables de operadores en el Caribe" in text_of(pdf)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_report_message_is_translated(language: str) -> None:
    catalog = {
        m: t for m, t in po_catalog(catalog_dir(language) / "report.po", language).items() if t
    }
    missing = sorted(report_messages() - catalog.keys())
    assert not missing
    for message, translated in catalog.items():
        assert re.findall(r"{\w+}", str(message)) == re.findall(r"{\w+}", str(translated))


def test_peer_comparison_when_there_are_enough_peers(spanish: bytes, card: ScoreCard) -> None:
    text = text_of(spanish)
    assert "Comparación con 12 evaluaciones completas" in text
    assert "de operadores de Costa Rica. Fuente: esta base de datos." in text
    assert "Rango percentil" in text
    assert "Esta empresa Q1 Mediana Q3 Media" in text


@pytest.mark.parametrize(
    ("n", "key", "expected"),
    [
        (None, None, "No peer benchmark is available for SAFE AEO readiness 2027.1 yet"),
        (3, None, "Only 3 comparable assessments are available for operators in Costa Rica"),
        (40, "safe-aeo@2025.1", "was built on another questionnaire version (safe-aeo@2025.1)"),
    ],
)
def test_a_report_without_a_usable_benchmark_says_why(
    questionnaire: Questionnaire, n: int | None, key: str | None, expected: str
) -> None:
    assessment = empty_assessment(questionnaire)
    card = score(questionnaire, assessment)
    peers = None if n is None else peers_of(card, n, key)
    text = text_of(render(questionnaire, assessment, peers=peers))
    assert expected in text
    assert "Peer median and middle half" not in text


def test_page_count_grows_with_answers(
    questionnaire: Questionnaire, english: bytes
) -> None:
    empty = render(questionnaire, empty_assessment(questionnaire))
    short = render(questionnaire, full_assessment(questionnaire, comment_sentences=0, evidence=0))
    assert len(reader(empty).pages) < len(reader(short).pages) < len(reader(english).pages)
    text = text_of(empty)
    card = score(questionnaire, empty_assessment(questionnaire))
    assert "(provisional)" in text and "This verdict is provisional" in text
    not_yet = text.split("Not yet answered", 1)[1].split("All other gaps", 1)[0]
    assert re.findall(r"(SAFE-[A-M]\.\d\d) ", not_yet) == list(card.open_musts)
    assert "No evidence is attached to this assessment." in text


def test_demonstration_data_is_said_everywhere(questionnaire: Questionnaire) -> None:
    assessment = full_assessment(questionnaire, comment_sentences=0, evidence=0, demo=True)
    pdf = render(questionnaire, assessment)
    pages = reader(pdf).pages
    assert "Demonstration data: a synthetic company, not a real operator." in text_of(pdf)
    assert all("Demonstration data" in page.extract_text() for page in pages)
    assert "AEO programme in" not in text_of(pdf)  # no country profile was given


def test_an_unknown_page_size_is_refused(
    questionnaire: Questionnaire, assessment: Assessment
) -> None:
    with pytest.raises(ValueError, match="page size 'A5'"):
        render(questionnaire, assessment, page_size="A5")


def test_any_stored_number_prints() -> None:
    # Stored before number questions had a range (or written straight into the database):
    # the report prints it rather than failing on decimal.InvalidOperation.
    questionnaire = safe_aeo()
    numbers = [q.id for q in questionnaire.questions() if q.type.value == "number"]
    assert numbers
    assessment = full_assessment(questionnaire, evidence=0)
    answers = dict(assessment.answers)
    for question_id, value in zip(numbers, [1e25, 1.7e308, -(2**60)], strict=False):
        answers[question_id] = Answer(value)
    text = text_of(render(questionnaire, dataclasses.replace(assessment, answers=answers)))
    assert "1E25" in text


def test_the_profile_chart_says_which_criteria_are_not_answered(questionnaire: Questionnaire) -> None:
    """An unanswered criterion is labelled as such on the radar, not drawn as a score of 0."""
    assessment = dataclasses.replace(
        empty_assessment(questionnaire), answers={"SAFE-A.03": Answer(3), "SAFE-B.01": Answer(2)}
    )
    card = score(questionnaire, assessment)
    text = text_of(render(questionnaire, assessment))
    profile = text.split("Profile across criteria", 1)[1].split("Conclusion per criterion", 1)[0]
    unanswered = [c for c in card.criteria if c.applicable and c.score is None]
    assert unanswered
    assert profile.count("not answered yet") == len(unanswered)
