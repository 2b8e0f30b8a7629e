"""AppTest: the programme dashboard as the staff home – filters, the URL round trip, cache
invalidation on writes, privacy of small groups, and the audited CSV/Excel exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlite_utils import Database
from support.apptest import click_download, in_every_tab, new_app, open_tab, sign_in

from jep import demo
from jep.evaluation import questionnaire, responses
from jep.programme import dashboard as dash
from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import workshops

CAT = catalog()
PAGE = "app_pages/dashboard.py"
TODAY = date(2026, 11, 30)


def seed(db_file, count: int = 40) -> None:
    with db.open_db(db_file) as d:
        demo.seed_demo(d, count=count, seed=7, today=TODAY)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected(db_file, f: dash.Filters) -> dict[str, str]:
    """What the key figures should say, from jep.dashboard directly."""
    with db.open_db(db_file) as d:
        k = dash.key_figures(d, f, CAT).iloc[0]
    return {
        "Werkateliers": f"{k.active}",
        "Uitgevoerd": f"{k.held}",
        "Gemeenten bereikt": f"{k.municipalities_reached} van {k.municipalities_total}",
        "Deelnemers aanwezig": f"{k.attended:,}".replace(",", "."),
    }


def texts(elements) -> str:
    return " | ".join(str(e.value) for e in elements)


def check(at) -> None:
    assert not at.exception, at.exception
    assert at.title[0].value == "Programma"


def choose(at, field: str, values: list) -> None:
    at.multiselect(key=f"dash_{field}").set_value(values).run()
    check(at)


# ---------------------------------------------------------------- home page


def test_dashboard_is_the_staff_home_even_when_empty(staff_app):
    at = staff_app
    check(at)  # signed in: the dashboard is the default page
    m = metrics(at)
    assert m["Werkateliers"] == "0" and m["Gemeenten bereikt"] == "0 van 342"
    assert m["Rapportcijfer (mediaan)"] == "—"
    assert "Geen werkateliers in deze selectie." in texts(at.caption)
    assert at.query_params == {}  # no filters, nothing in the URL
    # no "Select all" in the filters: English, and every value chosen is the view of none
    assert [m.proto.select_all for m in at.multiselect] == [0, 0, 0, 0]
    assert "Nog te weinig evaluaties" in texts(open_tab(at, "Wat het oplevert").info)
    assert "Nog geen aanbevelingen" in texts(open_tab(at, "Wat terugkomt").info)


def test_filters_apply_to_every_figure_and_go_into_the_url(staff_app, db_file):
    seed(db_file)
    at = staff_app.run()  # the data stamp changed: no stale cached figures
    check(at)
    assert {k: metrics(at)[k] for k in expected(db_file, dash.Filters())} == expected(
        db_file, dash.Filters()
    )
    opts = dash.filter_options(db.connect(db_file), CAT)
    year = opts.years[1]
    choose(at, "years", [year])
    f = dash.Filters(years=(year,))
    assert {k: metrics(at)[k] for k in expected(db_file, f)} == expected(db_file, f)
    assert at.query_params["jaar"] in (str(year), [str(year)])
    choose(at, "provinces", ["Utrecht", "Gelderland"])
    choose(at, "domains", ["veiligheid"])
    f = dash.Filters((year,), ("Gelderland", "Utrecht"), (), ("veiligheid",))
    assert {k: metrics(at)[k] for k in expected(db_file, f)} == expected(db_file, f)
    assert "Weergave: jaar" in texts(at.caption) and "domein Veiligheid" in texts(at.caption)
    assert at.query_params["domein"] in ("veiligheid", ["veiligheid"])
    view = next(str(c.value) for c in at.caption if str(c.value).startswith("Weergave: "))
    link = view.split("[Link naar deze weergave](", 1)[1].removesuffix(")")
    assert link.startswith("http") and "provincie=Utrecht" in link and "domein=veiligheid" in link
    # every table behind the charts follows the filters: the municipality table has only
    # municipalities of those two provinces
    tables = {df.value.columns[0]: df.value for df in at.dataframe}
    assert set(tables["Code"]["Provincie"]) == {"Gelderland", "Utrecht"}
    # the provinces: a plain table (st.table), as Dutch text
    provinces = at.table[0].value
    assert list(provinces["Provincie"]) == ["Gelderland", "Utrecht", "Totaal"]
    choose(at, "statuses", ["gepland"])
    assert metrics(at)["Uitgevoerd"] == "0"
    at.button(key="dash_clear").click().run()
    check(at)
    assert at.multiselect(key="dash_years").value == []
    assert "jaar" not in at.query_params and "domein" not in at.query_params
    assert metrics(at)["Werkateliers"] == expected(db_file, dash.Filters())["Werkateliers"]


def test_url_parameters_open_the_shared_view(db_file):
    seed(db_file)
    at = new_app()
    at.query_params["provincie"] = ["Utrecht", "Atlantis"]  # an unknown value is dropped
    at.query_params["status"] = "uitgevoerd,verslag verstuurd"
    at.query_params["domein"] = "jeugd"
    at.query_params["jaar"] = "1999"
    sign_in(at)
    check(at)
    assert at.multiselect(key="dash_provinces").value == ["Utrecht"]
    assert at.multiselect(key="dash_statuses").value == ["uitgevoerd", "verslag verstuurd"]
    assert at.multiselect(key="dash_domains").value == ["jeugd"]
    assert at.multiselect(key="dash_years").value == []
    f = dash.Filters((), ("Utrecht",), ("uitgevoerd", "verslag verstuurd"), ("jeugd",))
    assert {k: metrics(at)[k] for k in expected(db_file, f)} == expected(db_file, f)
    # the URL is rewritten to the clean view (what the next colleague gets)
    assert at.query_params.get("provincie") in ("Utrecht", ["Utrecht"])
    assert "jaar" not in at.query_params


def test_filters_survive_a_visit_to_another_page(staff_app, db_file):
    seed(db_file, 20)
    at = staff_app.run()
    choose(at, "provinces", ["Utrecht"])
    at.switch_page("app_pages/workshops.py").run()
    assert not at.exception
    at.query_params.clear()  # navigating drops the query string
    at.switch_page(PAGE).run()
    check(at)
    assert at.multiselect(key="dash_provinces").value == ["Utrecht"]


def test_writes_invalidate_the_cached_figures(staff_app, db_file):
    at = staff_app
    assert metrics(at)["Werkateliers"] == "0"
    with db.open_db(db_file) as d:
        workshops.create_request(d, "GM0344", "tester")
    at.run()
    check(at)
    assert metrics(at)["Werkateliers"] == "1"
    with db.open_db(db_file) as d:  # a change without an audit row or updated_at
        d.execute("UPDATE workshops SET status = 'geannuleerd'")
        d.conn.commit()
    at.run()
    assert metrics(at)["Werkateliers"] == "0"


def test_an_evaluation_coming_in_updates_the_evaluation_figures(staff_app, db_file):
    """Evaluations invalidate the evaluation figures only (the programme figures do not read
    them), and those show the new responses at once."""
    at = staff_app
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        d.execute("UPDATE workshops SET status = 'uitgevoerd', date = '2026-03-02'")
        d.conn.commit()
    at.run()
    assert metrics(at)["Evaluaties"] == "0"
    with db.open_db(db_file) as d:
        _evaluations(d, wid, [7, 8, 9])
    at.run()
    check(at)
    assert metrics(at)["Evaluaties"] == "3"
    assert metrics(at)["Rapportcijfer (mediaan)"] == "8,0"


# ---------------------------------------------------------------- privacy


def _evaluations(d: Database, wid: int, grades: list[int]) -> None:
    for g in grades:
        raw = {"version": questionnaire.questionnaire().current, "sector": None,
               "items": {"rapportcijfer": g}}  # fmt: skip
        assert responses.save_paper(d, wid, raw, "tester", CAT).ok


def test_small_groups_of_respondents_are_not_shown(staff_app, db_file):
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        d.execute("UPDATE workshops SET status = 'uitgevoerd', date = '2026-11-02' WHERE id = ?",
                  [wid])  # fmt: skip
        d.conn.commit()
        _evaluations(d, wid, [4, 9])
    at = staff_app.run()
    check(at)
    m = metrics(at)
    assert m["Evaluaties"] == "2" and m["Rapportcijfer (mediaan)"] == "—"
    assert "Nog te weinig evaluaties" in texts(open_tab(at, "Wat het oplevert").info)
    with db.open_db(db_file) as d:
        _evaluations(d, wid, [8])
    at.run()
    assert metrics(at)["Rapportcijfer (mediaan)"] == "8,0"


def test_friendly_message_without_the_recommendations_table(staff_app, db_file):
    seed(db_file, 20)
    at = open_tab(staff_app.run(), "Wat terugkomt")
    assert "Aanbevelingen: voorgesteld en overgenomen" in json.dumps(
        [c.proto.spec for c in at.get("plotly_chart")]
    )
    with db.open_db(db_file) as d:
        d.execute("DROP TABLE recommendation_decisions")
        d.execute("UPDATE workshops SET updated_at = updated_at")  # any write: caches refresh
        d.conn.commit()
    at.run()
    check(at)
    assert "Nog geen aanbevelingen" in texts(at.info)


# ---------------------------------------------------------------- exports


def test_every_table_downloads_as_csv_and_excel_and_is_audited(staff_app, db_file, deferred):
    seed(db_file)
    at = staff_app.run()
    choose(at, "provinces", ["Utrecht"])
    tabs = ["Waar", "Wie", "Wat het oplevert", "Trends per kwartaal", "Wat terugkomt"]
    keys = [
        b.proto.id.rsplit("-", 1)[-1]
        for shown in in_every_tab(at, tabs, lambda at: at.get("download_button"))
        for b in shown
    ]
    for table in ("status", "prov", "map", "dom", "sec", "goals", "trend", "evtrend", "kp",
                  "rec", "missing"):  # fmt: skip
        assert f"dl_{table}_csv" in keys and f"dl_{table}_xlsx" in keys, table
    assert "dl_all" in keys

    raw = click_download(open_tab(at, "Wat terugkomt"), deferred, "dl_kp_csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(dash.TABLES["knelpunten"]["columns"].values())
    f = dash.Filters(provinces=("Utrecht",))
    with db.open_db(db_file) as d:
        kp = dash.knelpunten(d, f, CAT)
    assert [r[0] for r in rows[1:]] == list(kp["knelpunt"])

    book = load_workbook(io.BytesIO(click_download(open_tab(at, "Waar"), deferred, "dl_map_xlsx")))
    ws = book.worksheets[0]
    assert "provincie Utrecht" in ws["A1"].value  # the filters are on the sheet
    assert [c.value for c in ws[3]] == list(dash.TABLES["gemeenten"]["columns"].values())
    assert ws.max_row == 3 + 26  # Utrecht's 26 municipalities

    book = load_workbook(io.BytesIO(click_download(at, deferred, "dl_all")))
    assert len(book.worksheets) == 16  # with the follow-up's five tables (jep.followup)
    assert any(ws.title.startswith("Aanbevelingen- hoe vaak") for ws in book.worksheets)

    with db.open_db(db_file) as d:
        log = d.execute(
            "SELECT actor, entity, entity_id, detail FROM audit_log "
            "WHERE action = 'dashboard geëxporteerd' ORDER BY id"
        ).fetchall()
    assert [(r[0], r[1], r[2]) for r in log] == [
        ("admin", "dashboard", "knelpunten"),
        ("admin", "dashboard", "gemeenten"),
        ("admin", "dashboard", "alles"),
    ]
    first = json.loads(log[0][3])
    assert first["formaat"] == "csv" and first["filters"] == {"provincie": ["Utrecht"]}
    assert first["rijen"] == len(kp)


@pytest.mark.parametrize("field", ["years", "provinces", "statuses", "domains"])
def test_each_filter_alone(staff_app, db_file, field):
    seed(db_file, 30)
    at = staff_app.run()
    opts = dash.filter_options(db.connect(db_file), CAT)
    value = list(getattr(opts, field))[0]
    choose(at, field, [value])
    f = dash.Filters(**{field: (value,)})
    assert {k: metrics(at)[k] for k in expected(db_file, f)} == expected(db_file, f)


def test_a_view_computes_only_what_its_open_tab_shows(staff_app, db_file, monkeypatch):
    """A filter not chosen before computed every aggregate of the page; now the first tab's
    (and the key figures') only, and another tab's when it is opened."""
    from app_ui import programme

    seed(db_file, 20)
    computed: list[str] = []
    for name, fn in list(programme.AGGREGATES.items()):

        def counted(d, f, cat, _name=name, _fn=fn):
            computed.append(_name)
            return _fn(d, f, cat)

        monkeypatch.setitem(programme.AGGREGATES, name, counted)
    at = staff_app.run()
    check(at)
    assert set(computed) == set(programme.HOME_AGGREGATES)  # what the server warms at start
    computed.clear()
    at = open_tab(at, "Wat terugkomt")
    check(at)
    assert set(computed) == {"knelpunten", "missing", "recommendations"}
    computed.clear()
    at.run()  # the same view again: nothing computed
    assert computed == []
