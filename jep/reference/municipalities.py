"""The municipalities table, kept in step with data/municipalities.csv."""

from __future__ import annotations

from sqlite_utils import Database

from jep.reference.catalog import Catalog, catalog


def sync_municipalities(db: Database, cat: Catalog) -> None:
    """Insert or update every municipality of the catalog; mark vanished ones inactive.

    Rows are never deleted: a workshop may refer to a municipality that merged away.
    """
    rows = [
        {"code": m.code, "name": m.name, "province": m.province, "lat": m.lat, "lon": m.lon}
        for m in cat.municipalities.values()
    ]
    existing = {r[0]: r[1:] for r in db.execute("SELECT code, name, province FROM municipalities")}
    if len(existing) == len(rows) and all(
        existing.get(r["code"]) == (r["name"], r["province"]) for r in rows
    ):
        return
    with db.atomic():
        for r in rows:
            db.execute(
                "INSERT INTO municipalities(code, name, province, lat, lon, active) "
                "VALUES (:code, :name, :province, :lat, :lon, 1) "
                "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                "province = excluded.province, lat = excluded.lat, lon = excluded.lon, active = 1",
                r,
            )
        codes = [r["code"] for r in rows]
        marks = ",".join("?" * len(codes))
        db.execute(f"UPDATE municipalities SET active = 0 WHERE code NOT IN ({marks})", codes)


def municipality_options(db: Database, cat: Catalog | None = None) -> list[tuple[str, str]]:
    """(code, "Name (Province)") for every active municipality, sorted by name; with the other
    names people type for it ("'s-Gravenhage / Den Haag (Zuid-Holland)")."""
    cat = cat or catalog()
    return [
        (code, f"{cat.listed_name(code, name)} ({province})")
        for code, name, province in db.execute(
            "SELECT code, name, province FROM municipalities WHERE active = 1 ORDER BY name"
        )
    ]
