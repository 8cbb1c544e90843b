"""Names in any script print as typed: CJK in built-in CID fonts, right-to-left text in
display order, and what no font can draw is said in the report, never printed as boxes."""

from __future__ import annotations

import dataclasses

from aeo_assess.domain.assessment import Assessment
from aeo_assess.reporting import render_readiness_report
from aeo_assess.reporting.style import register_fonts
from aeo_assess.reporting.text import CHINESE, JAPANESE, KOREAN, script_runs, visual
from aeo_assess.scoring import score
from tests.reporting.samples import GENERATED_AT, full_assessment, reader, safe_aeo, text_of

NAMES = {
    "zh": "上海进出口贸易有限公司",
    "ja": "東京ロジスティクス株式会社",
    "ko": "서울무역 주식회사",
}


def render(assessment: Assessment, language: str = "en") -> bytes:
    questionnaire = safe_aeo()
    return render_readiness_report(
        questionnaire, assessment, score(questionnaire, assessment),
        language=language, page_size="A4", generated_at=GENERATED_AT,
    )


def fonts_used(pdf: bytes) -> set[str]:
    found: set[str] = set()
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        if fonts:
            found.update(str(f.get_object()["/BaseFont"]) for f in fonts.get_object().values())
    return found


def test_cjk_runs_take_the_cid_font_of_their_script() -> None:
    register_fonts()
    assert script_runs("ACME 上海", "DejaVuSans") == [("ACME ", "DejaVuSans"), ("上海", CHINESE)]
    assert [font for _, font in script_runs("ロジ서울", "DejaVuSans")] == [JAPANESE, KOREAN]


def test_chinese_japanese_and_korean_names_print_as_typed() -> None:
    questionnaire = safe_aeo()
    for script, font in (("zh", CHINESE), ("ja", JAPANESE), ("ko", KOREAN)):
        name = NAMES[script]
        assessment = full_assessment(questionnaire, company=name, evidence=0, comment_sentences=1)
        pdf = render(assessment)
        text = text_of(pdf)
        assert name.replace(" ", "") in text.replace(" ", "")
        assert "cannot be printed" not in text
        assert any(used.startswith("/" + font) for used in fonts_used(pdf)), fonts_used(pdf)


def test_right_to_left_names_print_in_display_order() -> None:
    hebrew, arabic = "שלום סחר בע\"מ", "شركة التجارة"
    assert visual(hebrew) == hebrew[::-1]
    assert visual("ACME Ltd") == "ACME Ltd"
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, company=hebrew, evidence=0)
    text = text_of(render(assessment))
    assert hebrew[::-1] in text or hebrew in text  # pypdf may reorder; never a scramble
    arabic_pdf = render(dataclasses.replace(assessment, company=arabic))
    assert "cannot be printed" not in text_of(arabic_pdf)


def test_a_character_no_font_can_draw_is_named_in_the_report() -> None:
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, company="Thai ไทย भारत Co.", evidence=0)
    text = text_of(render(assessment))
    assert "Thai ??? ???? Co." in text
    assert "cannot be printed with the fonts of this report" in text
    assert "U+0E17" in text and "U+092D" in text
    spanish = text_of(render(assessment, "es"))
    assert "no se pueden imprimir" in spanish
