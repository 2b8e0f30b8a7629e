"""Drive the phone evaluation form in a Playwright page by its stable, accessible labels.

Used by the browser tests and meant for the benchmark's room test. Every 5-point or grade item is
a radio group named after its statement (pre/post: "Vóór: <statement>" and "Nu: <statement>"),
each option a radio named by its number; open questions are text areas labelled with the
question; the sector is a combobox labelled with the sector question; the button is "Versturen"
(after sending: "Wijzigingen opslaan").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jep.evaluation.questionnaire import Item, Questionnaire


def group(page, label: str):
    return page.get_by_role("radiogroup", name=label, exact=True)


def choose(page, label: str, value: int) -> None:
    """Tap `value` in the radio group `label`."""
    group(page, label).get_by_role("radio", name=str(value), exact=True).click()


def chosen(page, label: str) -> int | None:
    """The value chosen in the radio group `label` (None: nothing)."""
    group(page, label).wait_for()
    checked = group(page, label).locator('[role="radio"][aria-checked="true"]')
    return int(checked.inner_text().strip()) if checked.count() else None


def labels(item: Item) -> list[str]:
    """The radio-group names of an item (two for a pre/post statement)."""
    if item.kind == "prepost":
        return [f"Vóór: {item.text}", f"Nu: {item.text}"]
    return [item.text]


def answer(page, item: Item, value: Any, sector_question: str | None = None) -> None:
    """Give one answer: {"before", "now"} for pre/post, a number, or text for an open question."""
    if item.kind == "prepost":
        choose(page, f"Vóór: {item.text}", value["before"])
        choose(page, f"Nu: {item.text}", value["now"])
    elif item.kind in ("likert", "grade"):
        choose(page, item.text, value)
    else:
        box = page.get_by_label(item.text, exact=True)
        box.fill(value)
        box.press("Tab")  # a text area hands its value to the server when it loses focus


def pick_sector(page, question: str, sector_name: str) -> None:
    box = page.get_by_label(question, exact=True).first
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=sector_name, exact=True).first.click()


def fill(
    page,
    q: Questionnaire,
    answers: dict[str, Any],
    *,
    version: int | None = None,
    after_section: Callable[[str], None] | None = None,
) -> None:
    """Answer `answers` ({item id: value}) section by section in form order; `after_section(id)`
    is called after each section (for a reload mid-way, a screenshot, a pause)."""
    for section, items in q.sections_of(version):
        for item in items:
            if item.id in answers:
                answer(page, item, answers[item.id])
        if after_section:
            after_section(section.id)


def wait_for_form(page) -> None:
    """Until the whole form is drawn (its last tap target and the send button)."""
    page.locator(".st-key-evf-submit").wait_for()
    page.locator('[class*="st-key-evf-form"] [role="radio"]').last.wait_for()


def send(page, label: str = "Versturen") -> None:
    page.get_by_role("button", name=label, exact=True).click()


def typical_answers(q: Questionnaire, seed: int = 0) -> dict[str, Any]:
    """A complete, plausible set of answers for every item of the current version."""
    out: dict[str, Any] = {}
    for i, item in enumerate(q.items_of()):
        k = (i + seed) % 3
        if item.kind == "prepost":
            out[item.id] = {"before": 2 + (k == 0), "now": 4 + (k == 2)}
        elif item.kind == "grade":
            out[item.id] = 8
        elif item.kind == "likert":
            out[item.id] = 4 + (k == 1)
        else:
            out[item.id] = "Feiten en meningen gescheiden houden."
    return out
