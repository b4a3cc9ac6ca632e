"""View > Use the sentence model, and the status bar's word on the evidence shown.

The action says what the user wants (a preference, kept with the others); the label says what
the comparison on screen was made with, which can differ: a pair past the model's size cap, or a
damaged model file, is compared by the words alone, and the label says why. Without the extra
or its model file the action is disabled and its tooltip says what to install.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from retold.engine.model import Comparison
from retold.report.rows import evidence_fallback, evidence_used
from retold.scorer_choice import NOT_USED, model_missing, model_problem

TIP_ON = (
    "Weigh an on-device sentence model's reading of meaning beside the words' evidence: it "
    "links sentences whose every word was changed. Turning it on or off compares the pair again."
)


def short_reason(why: str) -> str:
    """The head of a fallback sentence: "the pair is past its size cap"."""
    return why.removeprefix(NOT_USED).strip().partition(" (")[0].rstrip(".")


class ModelSwitch:
    """Keeps the action and the evidence label in step with the preference and the comparison."""

    def __init__(self, action: QAction, label: QLabel) -> None:
        self.action, self.label = action, label
        self.unavailable = model_missing()  # cheap: the model itself is read when first used
        self.wanted = True
        self._offer()
        self.show(None)

    def set_wanted(self, on: bool) -> None:
        """The preference: checked when wanted and available (a preference kept while the
        model is missing comes back when it is installed)."""
        self.wanted = on
        self._offer()

    def show(self, comparison: Comparison | None) -> None:
        """Say which evidence ``comparison`` used, and why the model was not used if it was
        wanted; a damaged model file also disables the action."""
        if comparison is None:
            self.label.clear()
            self.label.setToolTip("")
            return
        used, why = evidence_used(comparison), evidence_fallback(comparison)
        if why and self.unavailable is None and (problem := model_problem()) is not None:
            self.unavailable = f"The sentence model cannot be used: {problem}."
            self._offer()
        text, tip = f"Evidence: {used}", f"The comparison shown weighed: {used}."
        if why:
            text, tip = f"{text} · sentence model not used: {short_reason(why)}", why
        elif used == "lexical" and self.unavailable is not None:
            text, tip = f"{text} (no sentence model)", self.unavailable
        elif used == "lexical":
            text += " (sentence model off)"
        self.label.setText(text)
        self.label.setToolTip(tip)

    def _offer(self) -> None:
        available = self.unavailable is None
        self.action.setEnabled(available)
        self.action.setToolTip(TIP_ON if available else str(self.unavailable))
        checked = self.wanted and available
        if self.action.isChecked() != checked:
            self.action.blockSignals(True)  # a state shown, not a choice made: no re-compare
            self.action.setChecked(checked)
            self.action.blockSignals(False)
