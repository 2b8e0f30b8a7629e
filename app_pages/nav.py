"""The navigation of each role as data: which screens a user of that role can reach.

app.py builds `st.navigation` from this; the browser tests and the benchmark visit the same lists,
so a new screen added here is tested and measured without further wiring.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    section: str = ""
    url_path: str | None = None
    default: bool = False
    admin_only: bool = False


STAFF: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/dashboard.py",
        "Overzicht",
        ":material/dashboard:",
        "Programma",
        url_path="overzicht",
        default=True,
    ),
    PageSpec("app_pages/workshops.py", "Werkateliers", ":material/table_rows:", "Programma"),
    PageSpec(
        "app_pages/evaluation_programme.py",
        "Evaluaties programma",
        ":material/insights:",
        "Programma",
    ),
    PageSpec("app_pages/new_request.py", "Nieuwe aanvraag", ":material/add_circle:", "Werkatelier"),
    PageSpec("app_pages/intake_review.py", "Voorgesprek", ":material/edit_note:", "Werkatelier"),
    PageSpec("app_pages/planning.py", "Planning", ":material/event:", "Werkatelier"),
    PageSpec("app_pages/participants.py", "Deelnemers en mix", ":material/groups:", "Werkatelier"),
    PageSpec("app_pages/evaluation.py", "Evaluatie", ":material/bar_chart:", "Werkatelier"),
    PageSpec("app_pages/notes.py", "Notities van de dag", ":material/forum:", "Werkatelier"),
    PageSpec("app_pages/report.py", "Verslag", ":material/description:", "Werkatelier"),
    PageSpec("app_pages/followup.py", "Terugblik", ":material/event_repeat:", "Werkatelier"),
    PageSpec("app_pages/audit.py", "Auditlog", ":material/history:", "Beheer"),
    PageSpec("app_pages/outbox.py", "Uitgaande berichten", ":material/outgoing_mail:", "Beheer"),
    PageSpec(
        "app_pages/admin_staff.py",
        "Medewerkers",
        ":material/manage_accounts:",
        "Beheer",
        admin_only=True,
    ),
    PageSpec(
        "app_pages/admin_privacy.py",
        "Privacy en bewaartermijnen",
        ":material/privacy_tip:",
        "Beheer",
        admin_only=True,
    ),
    PageSpec("app_pages/account.py", "Account en afmelden", ":material/account_circle:", "Account"),
)
CONTACT: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/contact_intake.py",
        "Voorgesprek",
        ":material/edit_note:",
        url_path="intake",
        default=True,
    ),
    PageSpec(
        "app_pages/contact_workshop.py",
        "Werkatelier en deelnemers",
        ":material/event:",
        url_path="werkatelier",
    ),
)
RESPONDENT: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/evaluation_form.py",
        "Evaluatie",
        ":material/edit_note:",
        url_path="evaluatie",
        default=True,
    ),
)
FOLLOWUP_CONTACT: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/contact_followup.py",
        "Terugblik",
        ":material/event_repeat:",
        url_path="terugblik",
        default=True,
    ),
)
FOLLOWUP_RESPONDENT: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/followup_form.py",
        "Terugblik",
        ":material/edit_note:",
        url_path="nameting",
        default=True,
    ),
)
INVALID_LINK: tuple[PageSpec, ...] = (
    PageSpec(
        "app_pages/link_invalid.py",
        "Link niet geldig",
        ":material/link_off:",
        url_path="link",
        default=True,
    ),
)
ANONYMOUS: tuple[PageSpec, ...] = (
    PageSpec("app_pages/signin.py", "Aanmelden", ":material/login:", default=True),
)
MUST_CHANGE_PASSWORD: tuple[PageSpec, ...] = (
    PageSpec("app_pages/account.py", "Account", ":material/account_circle:", default=True),
)


def every_page() -> tuple[PageSpec, ...]:
    """Every screen of every role (a page path is unique across roles)."""
    return (
        STAFF
        + CONTACT
        + RESPONDENT
        + FOLLOWUP_CONTACT
        + FOLLOWUP_RESPONDENT
        + INVALID_LINK
        + ANONYMOUS
    )


LINK_PAGES: tuple[PageSpec, ...] = CONTACT + RESPONDENT + FOLLOWUP_CONTACT + FOLLOWUP_RESPONDENT
"""The screens reached only through a link (invite, evaluation, follow-up): a visitor of one of
their paths without the link's token meets the invalid-link page, not the staff sign-in."""


def url_path(spec: PageSpec) -> str:
    """The page's path in the URL (Streamlit's: the `url_path`, else the file's name)."""
    return spec.url_path or spec.path.rsplit("/", 1)[-1].removesuffix(".py")


def pages_for(role: str, must_change_password: bool = False) -> list[PageSpec]:
    """The screens of `role`: 'admin', 'staff', 'contact', 'respondent', 'followup-contact',
    'followup-respondent', 'invalid-link' or 'anonymous'. Staff with a one-time password reach
    only the account screen."""
    if role in ("admin", "staff"):
        if must_change_password:
            return list(MUST_CHANGE_PASSWORD)
        return [p for p in STAFF if role == "admin" or not p.admin_only]
    return list(
        {
            "contact": CONTACT,
            "respondent": RESPONDENT,
            "followup-contact": FOLLOWUP_CONTACT,
            "followup-respondent": FOLLOWUP_RESPONDENT,
            "invalid-link": INVALID_LINK,
        }.get(role, ANONYMOUS)
    )
