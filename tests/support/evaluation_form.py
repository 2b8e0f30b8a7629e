"""Drive the phone evaluation form in a Playwright page by its stable, accessible labels.

Used by the browser tests and meant for the benchmark's room test. Every 5-point or grade item is
a radio group named after its statement (pre/post: "Vóór: <statement>" and "Nu: <statement>"),
each option a radio named by its number; open questions are text areas labelled with the
question; the sector is a combobox labelled with the sector question; the button is "Versturen"
(after sending: "Wijzigingen opslaan"). One section is open at a time: each section is a bar (an
expander keyed `…_open_<section id>`), and an open section ends with "Volgende: <next title>".
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


def bar(page, section_id: str):
    """The expander (a <details>) of one section."""
    return page.locator(f'[class*="_open_{section_id}"] details').first


def is_open(page, section_id: str) -> bool:
    return bar(page, section_id).get_attribute("open") is not None


def open_section(page, q: Questionnaire, section_id: str, version: int | None = None) -> None:
    """Open one section by tapping its bar (if closed), until its first question is drawn."""
    if not is_open(page, section_id):
        bar(page, section_id).locator("summary").click()
    wait_section(page, q, section_id, version)


def wait_section(page, q: Questionnaire, section_id: str, version: int | None = None) -> None:
    first = next(items for sec, items in q.sections_of(version) if sec.id == section_id)[0]
    if first.kind == "open":
        page.get_by_label(first.text, exact=True).wait_for()
    else:
        group(page, labels(first)[0]).wait_for()


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
    """Answer `answers` ({item id: value}) section by section in form order, going on with each
    section's "Volgende" button; `after_section(id)` is called after each section (for a reload
    mid-way, a screenshot, a pause)."""
    sections = q.sections_of(version)
    open_section(page, q, sections[0][0].id, version)
    for i, (section, items) in enumerate(sections):
        for item in items:
            if item.id in answers:
                answer(page, item, answers[item.id])
        if after_section:
            after_section(section.id)
        if i + 1 < len(sections):
            nxt = sections[i + 1][0]
            if is_open(page, section.id):
                page.get_by_role("button", name=f"Volgende: {nxt.title}", exact=True).click()
                wait_section(page, q, nxt.id, version)
            else:  # after_section left another section open (a reload)
                open_section(page, q, nxt.id, version)


def wait_for_form(page) -> None:
    """Until the form is drawn (the open section's last tap target and the send button)."""
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
