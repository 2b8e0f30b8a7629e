"""Browser tests: the main flows in Debian's Chromium through Playwright, against a real server."""
