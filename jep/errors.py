"""The one base of every error whose Dutch message is safe to show to the user."""

from __future__ import annotations


class UserError(ValueError):
    """A refused action or invalid input. `str(exc)` is a Dutch sentence a user can act on; pages
    show it as it is (escaped), never a traceback. Each concern subclasses it (`WorkshopError`,
    `PlanningError`, `CatalogError`, …) so callers can catch one concern's refusals or all."""
