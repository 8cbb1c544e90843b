"""What an upgrade to a newer questionnaire version changes, listed before the user confirms.

Sized for 1280×720: the list scrolls, the explanation and the buttons always show.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.text import localized
from aeo_assess.i18n import _, language
from aeo_assess.questionnaires.upgrade import DropReason
from aeo_assess.services.assessments import Upgrade


def kind_name(kind: str) -> str:
    return {"eligibility": _("eligibility"), "must": _("must"), "should": _("should")}[kind]


def drop_reason(reason: DropReason) -> str:
    return {
        DropReason.REMOVED: _("the question is no longer asked"),
        DropReason.INVALID: _("the answer is not valid on the new version"),
        DropReason.ELIGIBILITY_NOT_APPLICABLE: _(
            "an eligibility question cannot be marked not applicable"
        ),
    }[reason]


class UpgradeDialog(QDialog):
    def __init__(self, plan: Upgrade, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        lang = language()
        title = localized(plan.new.title, lang)
        self.setWindowTitle(_("Upgrade to {questionnaire} {version}").format(
            questionnaire=title, version=plan.new.version))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setText(
            _("The answers are carried over, question by question, from version {old} to "
              "{new}. A read-only copy of the assessment as it stands now on {old} is kept, "
              "and every answer that changes is recorded in its history.").format(
                old=plan.old.version, new=plan.new.version)
        )
        self.changes = QTreeWidget(self)
        self.changes.setHeaderLabels([_("Question"), _("Change")])
        self.changes.setAccessibleName(_("What changes"))
        self.changes.setRootIsDecorated(True)
        self.changes.setUniformRowHeights(True)
        self._fill()
        self.buttons = QDialogButtonBox(self)
        self.upgrade_button = self.buttons.addButton(
            _("&Upgrade"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)

    def _text(self, question_id: str) -> str:
        plan = self.plan
        questionnaire = plan.new if plan.new.has_question(question_id) else plan.old
        return localized(questionnaire.question(question_id).text, language())

    def _fill(self) -> None:
        plan, diff = self.plan, self.plan.diff
        sections: list[tuple[str, list[tuple[str, str]]]] = [
            (_("New questions, unanswered after the upgrade"),
             [(q, self._text(q)) for q in diff.new]),
            (_("Questions no longer asked"), [(q, self._text(q)) for q in diff.removed]),
            (_("Reworded questions"), [(q, self._text(q)) for q in diff.reworded]),
            (_("Questions whose kind changed"),
             [(c.question_id, f"{kind_name(c.old)} → {kind_name(c.new)}")
              for c in diff.kind_changed]),
            (_("Questions whose answer type or options changed"),
             [(q, self._text(q)) for q in diff.format_changed]),
            (_("Answers that do not follow (the comments stay)"),
             [(d.question_id, drop_reason(d.reason)) for d in plan.dropped]),
        ]
        for title, rows in sections:
            if not rows:
                continue
            section = QTreeWidgetItem(self.changes, [f"{title} ({len(rows)})"])
            section.setFirstColumnSpanned(True)
            for question_id, text in rows:
                item = QTreeWidgetItem(section, [question_id, text])
                item.setToolTip(1, text)
            section.setExpanded(True)
        if diff.unchanged and not plan.dropped:
            item = QTreeWidgetItem(self.changes, [_("The questions are the same: every answer follows.")])
            item.setFirstColumnSpanned(True)
        self.changes.resizeColumnToContents(0)
