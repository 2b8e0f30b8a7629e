"""Shown for an unknown, expired or revoked invite link: nothing of any municipality."""

from app_ui import session

session.invalid_link_message()
