"""Real browser: an edit form that stays open (notes, own recommendations) never saves over a
colleague's change made meanwhile, and says so when a colleague deleted the item meanwhile
(the form used to vanish without a word and take the typed text with it)."""

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, shot, wait_idle
from support.report_data import held_workshop

from jep.reference.catalog import catalog
from jep.report import review
from jep.store import db
from jep.workshop import notes, workshops

pytestmark = pytest.mark.browser
TAB = "Oplossingen van de deelnemers"


def open_workshop_page(page, link: str, wid: int) -> None:
    """Go to a workshop page through the sidebar and pick the workshop."""
    page.get_by_role("link", name=link).click()
    wait_idle(page)
    page.get_by_label("Werkatelier", exact=True).first.click()
    page.get_by_role("option", name=f"(#{wid})").first.click()
    wait_idle(page)


def save_after_a_colleague(page, panel, nth: int, colleague, field, typed: str) -> None:
    """Open the edit form of item `nth`; meanwhile `colleague()` changes the database; then type
    `typed` into `field` and save."""
    panel.get_by_role("button", name="Wijzigen").nth(nth).click()
    wait_idle(page)
    colleague()
    field.fill(typed)
    panel.get_by_role("button", name="Wijziging opslaan").click()
    wait_idle(page)


def stored(path, wid: int) -> dict[int, str]:
    with db.open_db(path) as d:
        df = notes.list_df(d, wid)
    return dict(zip(df["id"].astype(int), df["text"], strict=True))


def test_a_note_changed_or_deleted_meanwhile_is_not_overwritten_or_lost(live_server, browser):
    path = live_server["db"]
    db.init_db(path)
    with db.open_db(path) as d:
        wid = workshops.create_request(d, "GM0344", "collega")
        ids = [
            notes.add(d, wid, {"kind": "oplossing", "text": t}, "collega", catalog())[1]
            for t in ("Eerste oplossing.", "Tweede oplossing.")
        ]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    open_workshop_page(page, "Notities van de dag", wid)
    page.get_by_role("tab", name=TAB).click()
    panel = page.get_by_role("tabpanel", name=TAB)
    fields = panel.get_by_role("textbox", name="Oplossing", exact=True)
    fields.last.fill("Nieuwe notitie, nog niet opgeslagen.")

    # a colleague saves a change while the form is open: saving over it is refused
    def change() -> None:
        with db.open_db(path) as d:
            changed = {"text": "Van de collega."}
            assert not notes.update(d, wid, ids[0], changed, 1, "collega", catalog())

    save_after_a_colleague(page, panel, 0, change, fields.first, "Mijn versie.")
    panel.get_by_text("Iemand anders heeft deze notitie intussen gewijzigd").wait_for()
    assert stored(path, wid)[ids[0]] == "Van de collega."
    expect(fields.first).to_have_value("Mijn versie.")
    panel.get_by_role("button", name="Annuleren").click()  # as the message says: the new version
    wait_idle(page)
    panel.get_by_role("button", name="Wijzigen").first.click()
    wait_idle(page)
    expect(fields.first).to_have_value("Van de collega.")
    panel.get_by_role("button", name="Annuleren").click()
    wait_idle(page)

    # a colleague deletes the note whose form is open: the save says so and repeats the text
    def delete() -> None:
        with db.open_db(path) as d:
            assert notes.delete(d, wid, ids[1], "collega")

    save_after_a_colleague(page, panel, 1, delete, fields.first, "Mijn tekst voor de tweede.")
    warning = page.get_by_text("intussen verwijderd; uw wijziging is niet opgeslagen")
    warning.wait_for()
    page.get_by_text("Mijn tekst voor de tweede.").wait_for()
    shot(page, "edit-forms-01-note-deleted-meanwhile")
    expect(fields.last).to_have_value("Nieuwe notitie, nog niet opgeslagen.")
    assert stored(path, wid) == {ids[0]: "Van de collega."}

    # deleting a note oneself with its form open is no news
    panel.get_by_role("button", name="Wijzigen").first.click()
    wait_idle(page)
    panel.get_by_role("button", name="Verwijderen").first.click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    wait_idle(page)
    page.get_by_text("Notitie verwijderd.").wait_for()
    expect(warning).to_have_count(0)
    assert stored(path, wid) == {}


def test_an_own_recommendation_changed_or_deleted_meanwhile(live_server, browser):
    path = live_server["db"]
    db.init_db(path)
    rb = review.rules()
    raw = {"owner": list(rb.owners)[0], "priority": list(rb.priorities)[0], "reason": ""}
    with db.open_db(path) as d:
        wid = held_workshop(d)
        own = [
            review.add_own(d, wid, {**raw, "title": t, "text": t + " tekst."}, "collega")[1]
            for t in ("Eigen een", "Eigen twee")
        ]
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    open_workshop_page(page, "Verslag", wid)
    page.get_by_role("tab", name="Eigen aanbevelingen").click()
    panel = page.get_by_role("tabpanel", name="Eigen aanbevelingen")
    titles = panel.get_by_role("textbox", name="Titel", exact=True)
    titles.last.fill("Nieuw, nog niet toegevoegd")

    def change() -> None:
        with db.open_db(path) as d:
            changed = {**raw, "title": "Eigen een", "text": "Van de collega."}
            assert not review.update_own(d, wid, own[0], changed, "collega")

    save_after_a_colleague(page, panel, 0, change, titles.first, "Mijn titel")
    panel.get_by_text("Iemand anders heeft deze aanbeveling intussen gewijzigd").wait_for()
    with db.open_db(path) as d:
        first = review.review(d, wid, rb).own[0]
    assert (first.title, first.text) == ("Eigen een", "Van de collega.")
    panel.get_by_role("button", name="Annuleren").click()
    wait_idle(page)

    def delete() -> None:
        with db.open_db(path) as d:
            assert review.delete_own(d, wid, own[1], "collega")

    save_after_a_colleague(page, panel, 1, delete, titles.first, "Mijn titel voor de tweede")
    panel.get_by_text("intussen verwijderd; uw wijziging is niet opgeslagen").wait_for()
    panel.get_by_text("Mijn titel voor de tweede").wait_for()
    shot(page, "edit-forms-02-own-deleted-meanwhile")
    expect(titles.last).to_have_value("Nieuw, nog niet toegevoegd")
    with db.open_db(path) as d:
        assert [r.id for r in review.review(d, wid, rb).own] == [own[0]]
