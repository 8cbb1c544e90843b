"""The editor's small widgets: wrapping radio buttons, self-saving text, typed answers."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui.editor.answer_inputs import NumberInput, OptionsInput, TextInput
from aeo_assess.gui.editor.widgets import AUTOSAVE_DELAY_MS, AutosaveText, WrapRadio

LONG = "At least one serious infringement (such as smuggling, fraud or deliberate misdeclaration)"


def test_wrap_radio_grows_taller_when_narrower_and_clicks_anywhere(qtbot: QtBot) -> None:
    radio = WrapRadio()
    qtbot.addWidget(radio)
    radio.set_texts(LONG, "and the explanation below it")
    assert radio.heightForWidth(200) > radio.heightForWidth(900)
    assert radio.accessibleName() == LONG
    radio.resize(300, radio.heightForWidth(300))
    radio.show()
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(radio.width() - 5, radio.height() - 5))
    assert radio.isChecked()


def test_options_emit_the_value_and_show_none_quietly(qtbot: QtBot) -> None:
    options = OptionsInput()
    qtbot.addWidget(options)
    options.set_options([(True, "Yes", ""), (False, "No", "")])
    options.show_value(False)
    assert options.buttons[1].isChecked()
    options.show_value(None)
    assert not any(b.isChecked() for b in options.buttons)
    with qtbot.waitSignal(options.chosen) as chosen:
        options.buttons[0].click()
    assert chosen.args == [True]
    options.set_options([(v, str(v), "") for v in range(5)])
    assert len(options.buttons) == 5


def test_autosave_text_after_a_pause_and_on_leaving(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    text = AutosaveText(host)
    other = QLineEdit(host)
    layout = QVBoxLayout(host)
    layout.addWidget(text)
    layout.addWidget(other)
    host.show()
    qtbot.waitExposed(host)
    text.set_saved_text("stored")
    with qtbot.assertNotEmitted(text.committed, wait=AUTOSAVE_DELAY_MS + 100):
        pass
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(text, " and more")
    with qtbot.waitSignal(text.committed, timeout=AUTOSAVE_DELAY_MS * 4) as saved:
        pass
    assert saved.args == ["stored and more"]
    qtbot.keyClicks(text, "!")
    with qtbot.waitSignal(text.committed, timeout=100) as left:
        other.setFocus()
    assert left.args == ["stored and more!"]


def test_text_answer_strips_and_blank_means_unanswered(qtbot: QtBot) -> None:
    answer = TextInput()
    qtbot.addWidget(answer)
    answer.edit.setPlainText("  Customs broker  ")
    with qtbot.waitSignal(answer.chosen) as chosen:
        answer.commit()
    assert chosen.args == ["Customs broker"]
    answer.edit.setPlainText("   ")
    with qtbot.waitSignal(answer.chosen) as blank:
        answer.commit()
    assert blank.args == [None]


def test_numbers_in_the_language_notation(qtbot: QtBot) -> None:
    number = NumberInput()
    qtbot.addWidget(number)
    i18n.set_language("es")
    try:
        number.retranslate()
        number.show_value(1234.5)
        assert number.edit.text() == "1234,5"
        for typed, value in (("2,5", 2.5), ("7.25", 7.25), ("12", 12)):
            number.edit.setText(typed)
            with qtbot.waitSignal(number.chosen) as chosen:
                number.commit()
            assert chosen.args == [value] and type(chosen.args[0]) is type(value)
    finally:
        i18n.set_language("en")
