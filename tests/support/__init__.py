"""Helpers shared by the tests and the benchmark (bench/): starting the real server, Chromium."""
