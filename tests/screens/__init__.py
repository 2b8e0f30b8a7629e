"""Screen tests: every screen and role through Streamlit's AppTest (no browser)."""
