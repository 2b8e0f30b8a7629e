"""Shown for an unknown, expired or revoked invite link: nothing of any municipality."""

from app_ui import session as ui

ui.invalid_link_message()
