"""Unit tests of jep/: plain functions on a fresh database; fast (pytest tests/unit)."""
