"""Paper questionnaires as a use case: blank for chosen roles and AEO types, pre-filled with an
assessment's answers, or the evidence checklist (issue 18)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aeo_assess.domain.vocabulary import AEO_TYPES, ROLES
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext


@dataclass(frozen=True)
class FormOptions:
    questionnaire_id: str = "safe-aeo"
    roles: frozenset[str] = frozenset()
    """Empty: the assessment's roles when there is one, else every role."""
    aeo_types: frozenset[str] = frozenset()
    """Empty: the assessment's AEO types when there is one, else both."""
    language: str = "en"
    page_size: str = "A4"
    assessment: str | None = None
    """An assessment id (or prefix) whose answers are ticked."""
    checklist: bool = False


def questionnaire_pdf(ctx: AppContext | None, options: FormOptions) -> bytes:
    """The form as PDF bytes; ``ctx`` is needed only for a pre-filled one."""
    from aeo_assess.reporting import PAGE_SIZES
    from aeo_assess.reporting.questionnaire_form import render_questionnaire_form

    if options.page_size not in PAGE_SIZES:
        raise ServiceError(Message(
            "questionnaire_forms.page_size_not_one",
            "page size '{page_size}' is not one of {page_sizes}",
            page_size=options.page_size, page_sizes=', '.join(PAGE_SIZES),
        ))
    unknown = sorted((options.roles - set(ROLES)) | (options.aeo_types - set(AEO_TYPES)))
    if unknown:
        raise ServiceError(Message(
            "questionnaire_forms.unknown_role_or_aeo",
            "unknown role or AEO type: {unknown}",
            unknown=', '.join(unknown),
        ))
    assessment = None
    if options.assessment is not None:
        if ctx is None:
            raise ServiceError(Message(
                "questionnaire_forms.pre_filled_questionnaire_needs",
                "a pre-filled questionnaire needs the database",
            ))
        from aeo_assess.services import assessments

        questionnaire, assessment, _card = assessments.load(
            ctx, assessments.resolve(ctx, options.assessment)
        )
        roles = options.roles or assessment.roles
        aeo_types = options.aeo_types or assessment.aeo_types
    else:
        from aeo_assess.questionnaires.registry import find, shipped

        found = find(options.questionnaire_id)
        if found is None:
            names = ", ".join(sorted({q.id for q in shipped()}))
            raise ServiceError(Message(
                "questionnaire_forms.no_questionnaire_shipped",
                "no questionnaire '{questionnaire_id}' (shipped: {names})",
                questionnaire_id=options.questionnaire_id, names=names,
            ))
        questionnaire = found
        roles = options.roles or frozenset(ROLES)
        aeo_types = options.aeo_types or frozenset(AEO_TYPES)
    return render_questionnaire_form(
        questionnaire,
        roles=roles,
        aeo_types=aeo_types,
        language=options.language,
        page_size=options.page_size,
        generated_at=dt.datetime.now().astimezone(),
        assessment=assessment,
        checklist=options.checklist,
    )


def write_questionnaire_pdf(ctx: AppContext | None, options: FormOptions, out: Path) -> Path:
    """Render and write atomically (a failure leaves no file)."""
    from aeo_assess.services.reports import write

    return write(out, questionnaire_pdf(ctx, options))
