"""jep.store.memory gives freed heap memory back (glibc's malloc_trim)."""

from __future__ import annotations

import sys

import pytest

from jep.store import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_give_back_lowers_the_resident_size_after_a_large_free() -> None:
    def rss_kb() -> int:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))

    memory.give_back()
    junk = [bytes(2_000) for _ in range(35_000)]  # ~70 MB from malloc (not pymalloc)
    keep = junk[::100]  # a few survivors pin the freed heap
    del junk
    before = rss_kb()
    assert memory.give_back() is True
    assert rss_kb() < before - 10_000, "at least 10 MB went back"
    assert len(keep) == 350
