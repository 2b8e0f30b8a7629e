"""Fixtures of the screen tests (AppTest)."""

from __future__ import annotations

import pytest


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """Keep the callables of deferred downloads (AppTest drops its media manager after a run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    store: dict = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        file_id = original(self, data_callable, *args, **kwargs)
        store[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return store
