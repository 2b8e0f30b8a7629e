"""The server settings the benchmark showed matter (bench/, issue 16): with the programme's data
in memory, a full garbage collection after every script run and a walk over every loaded module's
path for the file watcher made a room of 45 phones wait seconds per tap."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_no_full_garbage_collection_after_every_run():
    config = tomllib.loads(CONFIG.read_text())
    assert config["runner"]["postScriptGC"] is False


def test_source_files_are_not_watched():
    config = tomllib.loads(CONFIG.read_text())
    assert config["server"]["fileWatcherType"] == "none"
