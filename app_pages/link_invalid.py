"""Shown for an unknown, expired or revoked invite link: nothing of any municipality."""

from app_pages import ui

ui.invalid_link_message()
