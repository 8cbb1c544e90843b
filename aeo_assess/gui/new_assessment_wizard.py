"""The new-assessment wizard: company, activities, questionnaire; then the assessment opens.
For a customs administration (``subject``): administration, questionnaire; it has no trade
roles or AEO type to ask for.

Problems are shown next to the field they concern when the user tries to go on, and the
field gets the focus, so that a keyboard or screen-reader user lands where the fix is.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from aeo_assess.domain.questionnaire import AEO_TYPES, ROLES, Questionnaire
from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui import administration
from aeo_assess.gui.background import Progress, run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.icons import APP_ICON, icon
from aeo_assess.i18n import _, countries, country_name, language
from aeo_assess.questionnaires.registry import latest
from aeo_assess.services import assessments
from aeo_assess.services.assessments import MAX_COMPANY

DEFAULT_QUESTIONNAIRE = "safe-aeo"
MIN_WIDTH = 560
BOTH = "both"


def role_label(role: str) -> str:
    return {
        "importer": _("Importer"),
        "exporter": _("Exporter"),
        "carrier": _("Carrier (transport operator)"),
        "forwarder": _("Freight forwarder"),
        "broker": _("Customs broker"),
        "warehouse": _("Warehouse operator"),
        "manufacturer": _("Manufacturer"),
        "port": _("Port or terminal operator"),
    }[role]


def aeo_type_label(kind: str) -> str:
    return {
        "security": _("Security and safety"),
        "compliance": _("Customs compliance"),
        BOTH: _("Both: security and compliance"),
    }[kind]


def offered_questionnaires(subject: Subject = Subject.COMPANY) -> list[Questionnaire]:
    """Shipped questionnaires that subject answers, the SAFE AEO one first because most
    users start there."""
    return sorted((q for q in latest() if q.subject is subject),
                  key=lambda q: (q.id != DEFAULT_QUESTIONNAIRE, q.id, q.version))


def grow_to_fit(widget: QWidget) -> None:
    """Let the dialog grow when a message appears: a wrapped message at a large font size
    would otherwise be squeezed into the space the page had before."""
    window = widget.window()
    layout = window.layout()
    if layout is not None:
        layout.activate()
    hint = window.sizeHint()
    window.resize(max(window.width(), hint.width()), max(window.height(), hint.height()))


class FieldError(QLabel):
    """A validation message shown under its field, and also given to the field as its
    accessible description so that a screen reader reads it with the field."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self._field = field
        self.setWordWrap(True)
        self.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setText(f"⚠ {text}")
        self._field.setAccessibleDescription(text)
        self.show()
        grow_to_fit(self)

    def clear_problem(self) -> None:
        self.clear()
        self._field.setAccessibleDescription("")
        self.hide()


class CompanyPage(QWizardPage):
    def __init__(self, subject: Subject = Subject.COMPANY) -> None:
        super().__init__()
        self.subject = subject
        self.company = QLineEdit()
        self.company.setMaxLength(MAX_COMPANY)
        self.company_error = FieldError(self.company)
        self.tax_id = QLineEdit()
        self.tax_id.setMaxLength(60)
        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.setMaxVisibleItems(15)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.country.setCompleter(completer)
        self.country_error = FieldError(self.country)
        self.company.textEdited.connect(lambda _text: self.company_error.clear_problem())
        self.country.editTextChanged.connect(lambda _text: self.country_error.clear_problem())

        self.unit, self.contact = QLineEdit(), QLineEdit()
        self.unit.setMaxLength(MAX_COMPANY)
        self.contact.setMaxLength(MAX_COMPANY)

        self.company_label, self.tax_label, self.country_label = QLabel(), QLabel(), QLabel()
        self.unit_label, self.contact_label = QLabel(), QLabel()
        self.company_label.setBuddy(self.company)
        self.tax_label.setBuddy(self.tax_id)
        self.country_label.setBuddy(self.country)
        self.unit_label.setBuddy(self.unit)
        self.contact_label.setBuddy(self.contact)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.company_label, self.company)
        form.addRow("", self.company_error)
        if subject is Subject.ADMINISTRATION:  # a unit and a contact instead of a tax id
            form.addRow(self.unit_label, self.unit)
            form.addRow(self.contact_label, self.contact)
        else:
            form.addRow(self.tax_label, self.tax_id)
        form.addRow(self.country_label, self.country)
        form.addRow("", self.country_error)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Company"))
        self.setSubTitle(_("Who is preparing for AEO status? Fields marked * are required."))
        self.company_label.setText(_("&Company name *"))
        self.company.setAccessibleName(_("Company name (required)"))
        self.company.setPlaceholderText(_("Registered name of the operator"))
        self.tax_label.setText(_("&Tax identification number"))
        self.tax_id.setAccessibleName(_("Tax identification number (optional)"))
        self.tax_id.setPlaceholderText(_("Optional"))
        self.country_label.setText(_("C&ountry *"))
        self.country.setAccessibleName(_("Country (required): type to search"))
        if self.subject is Subject.ADMINISTRATION:
            administration.word_subject_page(self)
        self._fill_countries()

    def _fill_countries(self) -> None:
        """Country names in the current language; the chosen country survives a switch."""
        code = self.country_code()
        typed = self.country.currentText()
        pairs = countries(language())
        with QSignalBlocker(self.country):
            self.country.clear()
            for pair_code, name in pairs:
                self.country.addItem(name, pair_code)
            self._names.setStringList([name for _code, name in pairs])
            if code:
                self.country.setCurrentIndex(self.country.findData(code))
            else:
                self.country.setCurrentIndex(-1)
                self.country.setEditText(typed)
        line = self.country.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Type to search, e.g. Costa Rica"))

    def country_code(self) -> str | None:
        """The ISO code of what is typed: a name from the list (any case) or the code itself."""
        text = self.country.currentText().strip().casefold()
        if not text:
            return None
        for code, name in countries(language()):
            if text in (name.casefold(), code.casefold()):
                return code
        return None

    def validatePage(self) -> bool:
        problems: list[QWidget] = []
        admin = self.subject is Subject.ADMINISTRATION
        if not self.company.text().strip():
            self.company_error.show_problem(
                administration.name_missing() if admin else _("Enter the company name.")
            )
            problems.append(self.company)
        if self.country_code() is None:
            if self.country.currentText().strip():
                self.country_error.show_problem(
                    _("“{text}” is not a country in the list: choose one of the suggestions.")
                    .format(text=self.country.currentText().strip())
                )
            else:
                self.country_error.show_problem(
                    administration.country_missing() if admin
                    else _("Choose the country where the company operates.")
                )
            problems.append(self.country)
        if problems:
            problems[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        return True


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.roles_box = QGroupBox()
        grid = QGridLayout(self.roles_box)
        self.roles_error = FieldError(self.roles_box)
        self.role_boxes: dict[str, QCheckBox] = {}
        for position, role in enumerate(ROLES):
            box = QCheckBox()
            box.toggled.connect(lambda _checked: self.roles_error.clear_problem())
            grid.addWidget(box, position // 2, position % 2)
            self.role_boxes[role] = box
        grid.addWidget(self.roles_error, len(ROLES) // 2, 0, 1, 2)

        self.type_box = QGroupBox()
        types = QVBoxLayout(self.type_box)
        self.type_group = QButtonGroup(self)
        self.type_buttons: dict[str, QRadioButton] = {}
        for kind in (*AEO_TYPES, BOTH):
            button = QRadioButton()
            self.type_group.addButton(button)
            types.addWidget(button)
            self.type_buttons[kind] = button
        self.type_buttons[BOTH].setChecked(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.roles_box)
        layout.addWidget(self.type_box)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Activities"))
        self.setSubTitle(
            _("Only the questions that apply to these roles and this AEO type will be asked.")
        )
        self.roles_box.setTitle(_("Supply-chain roles (at least one) *"))
        self.roles_box.setAccessibleName(_("Supply-chain roles"))
        for role, box in self.role_boxes.items():
            box.setText(role_label(role))
            box.setAccessibleName(role_label(role))
        self.type_box.setTitle(_("AEO type wanted"))
        self.type_box.setAccessibleName(_("AEO type wanted"))
        for kind, button in self.type_buttons.items():
            button.setText(aeo_type_label(kind))
            button.setAccessibleName(aeo_type_label(kind))

    def roles(self) -> list[str]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def aeo_types(self) -> list[str]:
        chosen = next(kind for kind, b in self.type_buttons.items() if b.isChecked())
        return list(AEO_TYPES) if chosen == BOTH else [chosen]

    def validatePage(self) -> bool:
        if not self.roles():
            self.roles_error.show_problem(_("Choose at least one supply-chain role."))
            self.role_boxes[ROLES[0]].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        return True


class QuestionnairePage(QWizardPage):
    def __init__(self, subject: Subject = Subject.COMPANY) -> None:
        super().__init__()
        self.subject = subject
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.descriptions: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        for questionnaire in offered_questionnaires(subject):
            button = QRadioButton()
            description = QLabel()
            description.setWordWrap(True)
            description.setIndent(24)
            description.setBuddy(button)
            self.group.addButton(button)
            layout.addWidget(button)
            layout.addWidget(description)
            self.buttons[questionnaire.key] = button
            self.descriptions[questionnaire.key] = description
        next(iter(self.buttons.values())).setChecked(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Questionnaire"))
        self.setSubTitle(_("Choose what to assess. Press Create to start answering."))
        lang = language()
        for questionnaire in offered_questionnaires(self.subject):
            title = f"{localized(questionnaire.title, lang)} ({questionnaire.version})"
            source = localized(questionnaire.source, lang)
            self.buttons[questionnaire.key].setText(title)
            self.buttons[questionnaire.key].setAccessibleName(title)
            self.buttons[questionnaire.key].setAccessibleDescription(source)
            self.descriptions[questionnaire.key].setText(_("Based on: {source}").format(source=source))

    def questionnaire_id(self) -> str:
        key = next(k for k, b in self.buttons.items() if b.isChecked())
        return key.split("@", 1)[0]

    def show_summary(self, company: str, country: str, roles: list[str], kinds: list[str]) -> None:
        kind = BOTH if len(kinds) > 1 else kinds[0]
        self.summary.setText(
            _("{company}, {country}\nRoles: {roles}\nAEO type: {kind}").format(
                company=company,
                country=country_name(country),
                roles=", ".join(role_label(r) for r in roles),
                kind=aeo_type_label(kind),
            )
        )

    def show_administration(self, name: str, country: str, unit: str) -> None:
        self.summary.setText(administration.summary(name, country, unit))

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, NewAssessmentWizard)
        wizard.refresh_summary()


class NewAssessmentWizard(QWizard):
    """Finish creates the assessment in the background and emits ``created(id)``."""

    created = Signal(str)

    def __init__(
        self, gui: GuiContext, parent: QWidget | None = None, subject: Subject = Subject.COMPANY
    ) -> None:
        super().__init__(parent)
        self._gui = gui
        self.subject = subject
        self._busy = False
        self.created_id: str | None = None
        self.setWindowIcon(icon(APP_ICON))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.company_page = CompanyPage(subject)
        self.profile_page = ProfilePage()
        self.questionnaire_page = QuestionnairePage(subject)
        for page in (self.company_page, self.profile_page, self.questionnaire_page):
            if page is not self.profile_page or subject is Subject.COMPANY:
                self.addPage(page)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        title = (administration.wizard_title() if self.subject is Subject.ADMINISTRATION
                 else _("New assessment"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        texts = {
            QWizard.WizardButton.BackButton: _("< &Back"),
            QWizard.WizardButton.NextButton: _("&Next >"),
            QWizard.WizardButton.FinishButton: _("C&reate"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
        }
        for which, text in texts.items():
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(text.replace("&", "").strip("<> "))
        self.company_page.retranslate()
        self.profile_page.retranslate()
        self.questionnaire_page.retranslate()
        self.refresh_summary()
        self._fit_pages()

    def _fit_pages(self) -> None:
        """Wide enough for the widest page in this language and font size: QWizard sizes
        itself for the page it opens on and would cut the longer role names later on."""
        pages = (self.company_page, self.profile_page, self.questionnaire_page)
        widest = max(page.sizeHint().width() for page in pages)
        margin = 4 * self.style().pixelMetric(self.style().PixelMetric.PM_LayoutLeftMargin)
        self.setMinimumWidth(max(MIN_WIDTH, widest + margin))

    def refresh_summary(self) -> None:
        code = self.company_page.country_code()
        roles = self.profile_page.roles()
        if code and self.subject is Subject.ADMINISTRATION:
            page = self.company_page
            self.questionnaire_page.show_administration(
                page.company.text().strip(), code, page.unit.text().strip()
            )
        elif code and roles:
            self.questionnaire_page.show_summary(
                self.company_page.company.text().strip(), code, roles, self.profile_page.aeo_types()
            )

    def accept(self) -> None:
        """Create off the GUI thread (the first creation parses the questionnaire)."""
        if self._busy:
            return
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        ctx = self._gui.app
        company, profile = self.company_page, self.profile_page
        questionnaire_id = self.questionnaire_page.questionnaire_id()
        name, tax_id = company.company.text().strip(), company.tax_id.text().strip()
        country, roles, kinds = company.country_code() or "", profile.roles(), profile.aeo_types()
        unit, contact = company.unit.text().strip(), company.contact.text().strip()
        if self.subject is Subject.ADMINISTRATION:  # customs has no trade roles or AEO type
            roles, kinds = [], []

        def work(_progress: Progress) -> str:
            return assessments.create_assessment(
                ctx,
                questionnaire_id=questionnaire_id,
                company=name,
                country=country,
                roles=roles,
                aeo_types=kinds,
                tax_id=tax_id,
                unit=unit,
                contact=contact,
            )

        task = run_in_background(self, work, label=_("Creating the assessment…"), cancellable=False)
        task.success(self._created).failure(self._failed)

    def _created(self, assessment_id: str) -> None:
        self._busy = False
        self.created_id = assessment_id
        self._gui.signals.assessments_changed.emit()
        super().accept()
        self.created.emit(assessment_id)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_error(self, error)
