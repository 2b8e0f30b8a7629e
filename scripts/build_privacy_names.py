"""Build the compact name data of the privacy guard (jep/privacy/names/*) from its sources.

Sources (see names/README.md for licences):
- deduce 3.0.6 (LGPL-3.0-or-later): lookup lists in deduce/data/lookup/src of the PyPI wheel
  (`pip download deduce==3.0.6 --no-deps`, unzip). Pass the unzipped wheel directory.
- OpenTaal word list (BSD / CC BY 3.0), as shipped by Debian's `wdutch` (/usr/share/dict/dutch).
- names/src/curated_*.txt: names written for this guard.

Run:  python scripts/build_privacy_names.py /path/to/unzipped-deduce-wheel [/usr/share/dict/dutch]
"""

from __future__ import annotations

import array
import gzip
import hashlib
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "jep" / "privacy" / "names"


def lines(path: Path) -> list[str]:
    return [
        unicodedata.normalize("NFC", ln.strip())
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]


def curated(path: Path, sep: str | None) -> list[str]:
    out: list[str] = []
    for ln in lines(path):
        out.extend(x.strip() for x in (ln.split(sep) if sep else ln.split()) if x.strip())
    return out


def write_gz(name: str, items: set[str]) -> None:
    data = ("\n".join(sorted(items)) + "\n").encode("utf-8")
    # mtime=0: reproducible bytes
    with gzip.GzipFile(OUT / name, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(data)
    print(f"{name}: {len(items)} entries, {(OUT / name).stat().st_size} bytes")


def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")


def main() -> None:
    wheel = Path(sys.argv[1])
    lexicon_path = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/dutch")
    src = wheel / "deduce" / "data" / "lookup" / "src"
    names = src / "names"

    first = set(lines(names / "lst_first_name" / "items.txt"))
    first -= set(lines(names / "lst_first_name" / "exceptions.txt"))
    first |= set(curated(OUT / "src" / "curated_first_names.txt", None))

    sur = set(lines(names / "lst_surname" / "items.txt"))
    sur -= set(lines(names / "lst_surname" / "exceptions.txt"))
    inter = set(lines(names / "lst_interfix_surname" / "items.txt"))
    inter -= set(lines(names / "lst_interfix_surname" / "exceptions.txt"))
    cur_sur = set(curated(OUT / "src" / "curated_surnames.txt", "|"))
    sur |= cur_sur
    # surnames that follow a tussenvoegsel ("van" Dijk): kept apart, they are weak on their own
    write_gz("first_names.txt.gz", {n for n in first if len(n) >= 2})
    write_gz("surnames.txt.gz", {n for n in sur if len(n) >= 2})
    write_gz("interfix_surnames.txt.gz", {n for n in inter if len(n) >= 2})

    tv = set(lines(names / "lst_interfix" / "items.txt"))
    tv |= {
        "ten",
        "te",
        "op ten",
        "vanden",
        "vande",
        "van de",
        "zu",
        "von der",
        "dalla",
        "della",
        "in de",
        "van de la",
        "aan den",
        "aan het",
        "uit den",
        "uit het",
        "bij den",
        "van ter",
    }
    (OUT / "tussenvoegsels.txt").write_text(
        "# deduce lst_interfix (LGPL-3.0-or-later) plus a few additions\n"
        + "\n".join(sorted(tv)) + "\n", encoding="utf-8"
    )  # fmt: skip
    print(f"tussenvoegsels.txt: {len(tv)} entries")

    loc = src / "locations" / "lst_placename"
    places: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= set(lines(loc / sub / "items.txt"))
    places -= set(lines(loc / "lst_residence" / "exceptions.txt"))
    write_gz("places.txt.gz", places)

    # Lexicon of lower-case Dutch words: OpenTaal plus deduce's whitelists. Stored as sorted
    # 32-bit BLAKE2b hashes (a false "is a word" answer has a chance of about 1 in 12,000).
    words = {
        unicodedata.normalize("NFC", w.strip())
        for w in lexicon_path.read_text(encoding="utf-8").splitlines()
        if w.strip() and w.strip()[0].islower()
    }
    wl = src / "whitelist"
    for p in (
        wl / "lst_common_word" / "items.txt",
        wl / "lst_medical_term" / "items.txt",
        wl / "lst_stop_word" / "items.txt",
    ):
        words |= {w.lower() for w in lines(p)}
    hashes = array.array("I", sorted({word_hash(w.lower()) for w in words}))
    if sys.byteorder != "little":
        hashes.byteswap()
    (OUT / "nl_words.u32").write_bytes(hashes.tobytes())
    print(f"nl_words.u32: {len(words)} words, {len(hashes)} hashes, {len(hashes) * 4} bytes")


if __name__ == "__main__":
    main()
