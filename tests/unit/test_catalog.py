import shutil
from pathlib import Path

import pytest

from jep.reference.catalog import load_catalog
from jep.reference.toml import DATA_DIR, CatalogError


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.db*", "reports"))
    return target


def test_shipped_catalog_is_valid():
    cat = load_catalog()
    assert len(cat.municipalities) == 342
    assert len(cat.knelpunten) == 12
    assert [s.number for s in cat.steps] == list(range(1, 8))
    assert {d.id for d in cat.domains.values() if d.core} == {"jeugd", "onderwijs", "veiligheid"}
    assert cat.sectors["veiligheid"].domain == "veiligheid"
    assert cat.settings["workshop"]["max_participants"] == 15
    assert cat.municipalities["GM0014"].name == "Groningen"


def test_broken_toml_names_the_file(data_copy: Path):
    (data_copy / "knelpunten.toml").write_text("[[knelpunt]\nid = ")
    with pytest.raises(CatalogError, match="knelpunten.toml"):
        load_catalog(data_copy)


def test_sector_with_unknown_domain_names_the_entry(data_copy: Path):
    path = data_copy / "sectors.toml"
    path.write_text(
        path.read_text() + '\n[[sector]]\nid = "sport"\nname = "Sport"\ndomain = "vrije-tijd"\n'
    )
    with pytest.raises(CatalogError, match=r"sectors.toml.*'sport'.*vrije-tijd"):
        load_catalog(data_copy)


def test_duplicate_knelpunt_id(data_copy: Path):
    path = data_copy / "knelpunten.toml"
    path.write_text(
        path.read_text() + '\n[[knelpunt]]\nid = "dossiervorming"\nshort = "x"\ntext = "dubbel"\n'
    )
    with pytest.raises(CatalogError, match="'dossiervorming' komt twee keer voor"):
        load_catalog(data_copy)


def test_missing_field(data_copy: Path):
    path = data_copy / "knelpunten.toml"
    path.write_text(path.read_text() + '\n[[knelpunt]]\nid = "nieuw"\nshort = "x"\n')
    with pytest.raises(CatalogError, match="knelpunt nr. 13 mist een geldig veld 'text'"):
        load_catalog(data_copy)


def test_steps_must_be_numbered(data_copy: Path):
    path = data_copy / "werkwijze.toml"
    path.write_text(path.read_text().replace("number = 3", "number = 9"))
    with pytest.raises(CatalogError, match="werkwijze.toml"):
        load_catalog(data_copy)


def test_municipality_duplicate_and_malformed_codes(data_copy: Path):
    path = data_copy / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="GM0014.*dubbel"):
        load_catalog(data_copy)
    path.write_text("\n".join([*lines, "GMX,Nergens,Utrecht,52,5"]) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="ongeldige gemeentecode 'GMX'"):
        load_catalog(data_copy)


def test_settings_must_be_numbers(data_copy: Path):
    path = data_copy / "settings.toml"
    path.write_text(path.read_text().replace("max_participants = 15", 'max_participants = "veel"'))
    with pytest.raises(CatalogError, match=r"settings.toml.*max_participants"):
        load_catalog(data_copy)


def test_other_names_of_municipalities(data_copy: Path):
    cat = load_catalog()
    assert cat.municipalities["GM0518"].listed_name == "'s-Gravenhage / Den Haag"
    assert cat.municipalities["GM1900"].aliases == ("Sudwest-Fryslan", "Zuidwest-Friesland")
    assert cat.municipalities["GM0014"].listed_name == "Groningen"
    path = data_copy / "municipality_aliases.toml"
    for bad, message in (
        ('[aliases]\nGM9999 = ["Nergens"]\n', "onbekende gemeentecode 'GM9999'"),
        ('[aliases]\nGM0518 = "Den Haag"\n', "GM0518 moet een lijst van namen zijn"),
        ('[aliases]\nGM0518 = ["Den / Haag"]\n', "zonder '/'"),
        ("GM0518 = []\n", r"sectie \[aliases\] ontbreekt"),
    ):
        path.write_text(bad)
        with pytest.raises(CatalogError, match=f"municipality_aliases.toml: .*{message}"):
            load_catalog(data_copy)
