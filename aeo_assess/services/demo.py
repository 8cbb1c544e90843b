"""Synthetic demonstration assessments, so that every screen has something to show on day one.

Every record is ``demo=True`` and every company name ends in " (demo)": screens and reports
that show them say "demonstration data" (DESIGN §7). The companies are made up from a seeded
random generator, so the same seed always gives the same companies and answers. Together they
form a demonstration workshop; countries are unevenly represented on purpose, so that some
have enough completed assessments for a country comparison and others show why not (k).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment, PlanEntry, Status
from aeo_assess.domain.questionnaire import (
    MEETS,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionType,
)
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.scoring import score
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import benchmark_repository as workshop_store
from aeo_assess.storage import repository as repo

DEMO_SUFFIX = " (demo)"
DEFAULT_COUNT = 50
MAX_COUNT = 1_000
"""Enough for any screen or benchmark; more only fills the database with synthetic data."""
DEFAULT_SEED = 2026
BATCH = 15
"""Assessments written per session: few commits keep it fast on SQLite's synchronous=FULL."""
QUESTIONNAIRE = "safe-aeo"
BLOCKING_EFFORT = 0.8

_COUNTRY_WEIGHTS = {"CR": 10, "GT": 8, "PE": 8, "SV": 5, "HN": 5, "DO": 4, "CL": 4, "UY": 3, "NI": 3}
"""Participants per country in 50; the first rounds take every country once."""
WORKSHOP = {
    "name": "Taller regional OEA (demostración)",
    "place": "San José, Costa Rica",
    "facilitator": "Facilitación de demostración",
}
_LEGAL_FORMS = {
    "CR": ("S.A.", "S.R.L."),
    "SV": ("S.A. de C.V.",),
    "HN": ("S.A. de C.V.", "S. de R.L."),
    "CL": ("SpA", "Ltda."),
    "UY": ("S.A.", "S.R.L."),
    "DO": ("S.R.L.", "S.A."),
    "GT": ("S.A.",),
    "PE": ("S.A.C.", "S.A."),
    "NI": ("S.A.",),
}
_PLACES = {
    "CR": ("Tarrazú", "Guanacaste", "Limón", "Cartago", "Heredia"),
    "SV": ("Cuscatlán", "Sonsonate", "La Libertad", "Usulután"),
    "HN": ("Copán", "Olancho", "Cortés", "Atlántida"),
    "CL": ("Atacama", "Biobío", "Maule", "Los Lagos", "Valparaíso"),
    "UY": ("Colonia", "Rocha", "Tacuarembó", "Paysandú"),
    "DO": ("Cibao", "Samaná", "Higüey", "Barahona"),
    "GT": ("Petén", "Atitlán", "Quetzaltenango", "Izabal"),
    "PE": ("Arequipa", "Cusco", "Piura", "Callao", "Ica"),
    "NI": ("Matagalpa", "Estelí", "Granada", "Chinandega"),
}


@dataclass(frozen=True)
class _Archetype:
    """A kind of operator: its trade words, supply-chain roles and the AEO type it seeks."""

    words: tuple[str, ...]
    roles: frozenset[str]
    aeo_types: frozenset[str]
    strengths: frozenset[str]
    """Criteria such operators usually do better on (their daily business)."""


_BOTH = frozenset({"security", "compliance"})
_ARCHETYPES = (
    _Archetype(
        ("Exportadora Cafetalera", "Agroexportadora", "Frutas Tropicales"),
        frozenset({"exporter"}),
        _BOTH,
        frozenset({"SAFE-A", "SAFE-G"}),
    ),
    _Archetype(
        ("Importadora", "Distribuidora Comercial", "Comercializadora"),
        frozenset({"importer"}),
        frozenset({"compliance"}),
        frozenset({"SAFE-B", "SAFE-C"}),
    ),
    _Archetype(
        ("Transportes", "Logística Terrestre", "Carga Pesada"),
        frozenset({"carrier"}),
        frozenset({"security"}),
        frozenset({"SAFE-H", "SAFE-J"}),
    ),
    _Archetype(
        ("Agencia de Carga", "Servicios Logísticos", "Consolidadora"),
        frozenset({"forwarder", "broker"}),
        _BOTH,
        frozenset({"SAFE-F", "SAFE-D"}),
    ),
    _Archetype(
        ("Agencia Aduanal", "Despachos Aduaneros"),
        frozenset({"broker"}),
        frozenset({"compliance"}),
        frozenset({"SAFE-A", "SAFE-B"}),
    ),
    _Archetype(
        ("Almacenes Fiscales", "Depósito Logístico", "Bodegas"),
        frozenset({"warehouse"}),
        frozenset({"security"}),
        frozenset({"SAFE-I", "SAFE-G"}),
    ),
    _Archetype(
        ("Industrias Textiles", "Manufacturas", "Conservas", "Vinos"),
        frozenset({"manufacturer", "exporter"}),
        _BOTH,
        frozenset({"SAFE-I", "SAFE-M"}),
    ),
    _Archetype(
        ("Terminal Portuaria", "Operadora Portuaria"),
        frozenset({"port"}),
        frozenset({"security"}),
        frozenset({"SAFE-I", "SAFE-L"}),
    ),
)

# (mean maturity, share of the questions answered): from applicants nearly done to newcomers.
_STAGES = ((3.5, 1.0), (3.0, 1.0), (2.6, 0.95), (2.0, 0.8), (1.4, 0.6), (0.9, 0.35))
_STAGE_WEIGHTS = (3, 4, 2, 2, 1, 1)
"""Most participants finish their self-assessment during a workshop."""
_NA_REASONS = (
    "No aplica: la empresa no opera ese proceso.",
    "No aplica: el servicio está contratado con un tercero certificado.",
)
_COMMENTS = (
    "Procedimiento en revisión por la gerencia.",
    "Pendiente de confirmar con el área de seguridad.",
    "Ver registros del último trimestre.",
    "Se actualizará después de la auditoría interna.",
)
_OWNERS = ("Gerencia de Operaciones", "Jefatura de Seguridad", "Contraloría", "Recursos Humanos")


def _tax_id(rng: random.Random, country: str) -> str:
    def digits(n: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(n))

    return {
        "CR": lambda: f"3-101-{digits(6)}",
        "SV": lambda: f"0614-{digits(6)}-{digits(3)}-{digits(1)}",
        "HN": lambda: f"0801{digits(10)}",
        "CL": lambda: f"76.{digits(3)}.{digits(3)}-{rng.choice('0123456789K')}",
        "UY": lambda: f"21{digits(10)}",
        "DO": lambda: f"1-{digits(2)}-{digits(5)}-{digits(1)}",
        "GT": lambda: f"{digits(7)}-{digits(1)}",
        "PE": lambda: f"20{digits(9)}",
        "NI": lambda: f"J03{digits(10)}",
    }[country]()


def _value(rng: random.Random, question: Question, level: float, today: dt.date) -> AnswerValue:
    """A plausible answer for an operator whose practice sits around ``level`` (0..4)."""
    target = min(1.0, max(0.0, level / 4))
    kind = question.type
    if kind is QuestionType.MATURITY:
        return min(4, max(0, round(rng.gauss(level, 0.6))))
    if kind is QuestionType.YES_NO:
        if question.compliant is None:
            return rng.random() < 0.6
        return question.compliant if rng.random() < 0.25 + 0.7 * target else not question.compliant
    if kind is QuestionType.CHOICE:
        scored = [o for o in question.options if o.score is not None]
        if not scored:
            return rng.choice(question.options).value
        aim = min(1.0, max(0.0, rng.gauss(target, 0.2)))
        return min(scored, key=lambda o: abs((o.score or 0.0) - aim)).value
    if kind is QuestionType.NUMBER and question.max_value is not None:
        low = question.min_value or 0.0  # an indicator: a figure in its plausible range's low part
        return round(rng.uniform(low, low + (question.max_value - low) * 0.3), 1)
    if kind is QuestionType.NUMBER:
        return rng.randint(1, 10) if "SAFE-C" in question.id else rng.randint(5, 120)
    if kind is QuestionType.DATE:
        return today - dt.timedelta(days=rng.randint(20, 700))
    return "Respuesta de demostración."


def _eligible_value(rng: random.Random, question: Question) -> AnswerValue:
    """Legal conditions (compliance record, offences, insolvency, arrears): an operator that
    works towards AEO meets them whatever the maturity of its practice, so demo companies do."""
    if question.type is QuestionType.YES_NO and question.compliant is not None:
        return question.compliant
    meeting = [o for o in question.options if o.score is not None and o.score >= MEETS]
    if meeting:
        return rng.choice(meeting).value
    return 4 if question.type is QuestionType.MATURITY else _value(rng, question, 4.0, dt.date.today())


def _answers(
    rng: random.Random,
    questionnaire: Questionnaire,
    assessment: Assessment,
    stage: tuple[float, float],
    strengths: frozenset[str],
    today: dt.date,
) -> None:
    """Fill ``assessment.answers`` in questionnaire order, as a person works through it, so
    that ``show_if`` questions appear exactly when an earlier answer opens them."""
    mean, share = stage
    skip = 0.04 if share < 1.0 else 0.0
    answers = assessment.answers
    for criterion in questionnaire.criteria:
        level = rng.gauss(mean, 0.45) + (0.5 if criterion.id in strengths else 0.0)
        # Newcomers answer the first criteria first and leave later ones for later.
        position = questionnaire.criteria.index(criterion) / len(questionnaire.criteria)
        for question in criterion.questions:
            if not is_visible(question, questionnaire, assessment):
                continue
            if position > share or rng.random() < skip:
                continue
            if rng.random() < 0.02 and not question.blocking:
                answers[question.id] = Answer(na_reason=rng.choice(_NA_REASONS))
                continue
            comment = rng.choice(_COMMENTS) if rng.random() < 0.06 else ""
            # The "musts" are where operators put their effort first.
            effort = BLOCKING_EFFORT if question.blocking and mean >= 2.5 else 0.0
            eligibility = question.kind is QuestionKind.ELIGIBILITY
            answers[question.id] = Answer(
                value=_eligible_value(rng, question)
                if eligibility
                else _value(rng, question, level + effort, today),
                comment=comment,
                flagged=bool(comment) and rng.random() < 0.5,
            )


def _company(rng: random.Random, country: str, archetype: _Archetype, taken: set[str]) -> str:
    while True:
        name = (
            f"{rng.choice(archetype.words)} {rng.choice(_PLACES[country])} "
            f"{rng.choice(_LEGAL_FORMS[country])}{DEMO_SUFFIX}"
        )
        if name not in taken:
            taken.add(name)
            return name


def _countries() -> tuple[str, ...]:
    """One country per participant, in rounds: each round takes the countries with places left."""
    left = dict(_COUNTRY_WEIGHTS)
    order: list[str] = []
    while any(left.values()):
        for country in _COUNTRY_WEIGHTS:
            if left[country]:
                order.append(country)
                left[country] -= 1
    return tuple(order)


def _build(
    rng: random.Random, questionnaire: Questionnaire, index: int, now: dt.datetime,
    taken: set[str],
) -> Assessment:
    countries = _countries()
    country = countries[index % len(countries)]
    archetype = _ARCHETYPES[rng.randrange(len(_ARCHETYPES))]
    stage = rng.choices(_STAGES, _STAGE_WEIGHTS)[0]
    created = now - dt.timedelta(days=rng.randint(15, 240), minutes=rng.randint(0, 1440))
    updated = min(now, created + dt.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600)))
    assessment = Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=_company(rng, country, archetype, taken),
        country=country,
        roles=archetype.roles,
        aeo_types=archetype.aeo_types,
        tax_id=_tax_id(rng, country),
        demo=True,
        created_at=created,
        updated_at=updated,
    )
    _answers(rng, questionnaire, assessment, stage, archetype.strengths, updated.date())
    card = score(questionnaire, assessment)
    plan = {
        item.gap.question_id: PlanEntry(
            rng.choice(_OWNERS), updated.date() + dt.timedelta(days=rng.randint(30, 180))
        )
        for item in card.action_plan[: rng.randint(0, 4)]
    }
    complete = card.answered == card.applicable
    status = Status.SUBMITTED if complete and rng.random() < 0.5 else Status.DRAFT
    return replace(assessment, plan=plan, status=status)


def create_demo_data(
    ctx: AppContext,
    progress: Callable[[int, int], None] | None = None,
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    now: dt.datetime | None = None,
) -> list[str]:
    """Store ``count`` synthetic safe-aeo assessments across nine Latin American countries,
    all in one new demonstration workshop, and return their ids. ``progress(done, total)`` is
    called after each batch is committed (it may raise to stop: batches already written stay,
    in the workshop, every one of them marked demo)."""
    if not 1 <= count <= MAX_COUNT:
        raise ServiceError(Message(
            "demo.demonstration_has_from_1",
            "the demonstration has from 1 to {max_count} companies, not {asked}",
            max_count=MAX_COUNT, asked=count,
        ))
    questionnaire = find(QUESTIONNAIRE)
    if questionnaire is None:
        raise ServiceError(Message(
            "demo.questionnaire_not_installed",
            "the questionnaire '{questionnaire}' is not installed",
            questionnaire=QUESTIONNAIRE,
        ))
    rng = random.Random(seed)
    now = now or dt.datetime.now(dt.UTC)
    taken: set[str] = set()
    built = [_build(rng, questionnaire, i, now, taken) for i in range(count)]
    raw = shipped_raw(questionnaire)
    with ctx.database.session() as session:
        workshop = workshop_store.create_workshop(
            session,
            **WORKSHOP,
            starts_on=now.date() - dt.timedelta(days=2),
            ends_on=now.date(),
            demo=True,
            created_at=now,
        )
    ids: list[str] = []
    for start in range(0, count, BATCH):
        with ctx.database.session() as session:
            pk = repo.store_questionnaire(session, raw)
            batch = []
            for assessment in built[start : start + BATCH]:
                assessment_id = repo.create_assessment(session, assessment, pk)
                repo.refresh_summary(session, assessment_id)
                batch.append(assessment_id)
            workshop_store.add_members(session, workshop, batch, now)
            ids += batch
        if progress is not None:
            progress(len(ids), count)
    return ids


def delete_demo_data(ctx: AppContext) -> int:
    """Delete every demonstration assessment and workshop (and nothing else); returns how
    many assessments."""
    with ctx.database.session() as session:
        ids = [row.id for row in repo.list_assessments(session) if row.demo]
        for assessment_id in ids:
            repo.delete_assessment(session, assessment_id)
        workshop_store.delete_demo_workshops(session)
    return len(ids)


ADMINISTRATION_QUESTIONNAIRE = "customs-rm"
REGIONAL_WORKSHOP = {
    "name": "Taller regional de gestión de riesgos aduaneros (demostración)",
    "place": "Ciudad de Guatemala, Guatemala",
    "facilitator": "Facilitación de demostración",
}
_ADMINISTRATIONS = (
    ("CR", "Dirección General de Aduanas de Costa Rica", "Gerencia de Gestión de Riesgo"),
    ("GT", "Intendencia de Aduanas de Guatemala", "Departamento de Gestión de Riesgo"),
    ("SV", "Dirección General de Aduanas de El Salvador", "Unidad de Gestión de Riesgos"),
    ("HN", "Administración Aduanera de Honduras", "Dirección de Riesgo y Análisis"),
    ("NI", "Dirección General de Servicios Aduaneros de Nicaragua", "División de Riesgo"),
    ("PA", "Autoridad Nacional de Aduanas de Panamá", "Departamento de Gestión de Riesgo"),
)
"""Six made-up administrations of one region, each named after a real country's customs only
in form and always marked " (demo)"; none agreed to be named (consent is never assumed)."""


def create_demo_administrations(
    ctx: AppContext, *, seed: int = DEFAULT_SEED, now: dt.datetime | None = None
) -> list[str]:
    """Store six synthetic customs administrations' self-assessments (``customs-rm``), every
    one marked demo, in a new demonstration regional workshop, and return their ids. They
    cover the stages from newcomer to established, so that the regional summary shows a
    spread."""
    questionnaire = find(ADMINISTRATION_QUESTIONNAIRE)
    if questionnaire is None:
        raise ServiceError(Message(
            "demo.administration_questionnaire_not_installed",
            "the questionnaire '{administration_questionnaire}' is not installed",
            administration_questionnaire=ADMINISTRATION_QUESTIONNAIRE,
        ))
    rng = random.Random(seed)
    now = now or dt.datetime.now(dt.UTC)
    built = []
    for index, (country, name, unit) in enumerate(_ADMINISTRATIONS):
        created = now - dt.timedelta(days=rng.randint(15, 120))
        assessment = Assessment(
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            company=f"{name}{DEMO_SUFFIX}",
            country=country,
            roles=frozenset(),
            aeo_types=frozenset(),
            unit=unit,
            contact="riesgo@aduana.example",
            demo=True,
            created_at=created,
            updated_at=created + dt.timedelta(days=rng.randint(0, 10)),
        )
        stage = _STAGES[index % len(_STAGES)]
        _answers(rng, questionnaire, assessment, stage, frozenset(), now.date())
        built.append(assessment)
    with ctx.database.session() as session:
        workshop = workshop_store.create_workshop(
            session,
            **REGIONAL_WORKSHOP,
            starts_on=now.date() - dt.timedelta(days=1),
            ends_on=now.date(),
            demo=True,
            created_at=now,
        )
        pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
        ids = [repo.create_assessment(session, assessment, pk) for assessment in built]
        workshop_store.add_members(session, workshop, ids, now)
    return ids
