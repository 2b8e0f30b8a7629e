"""Every notice walked: no text a user or a file typed reaches Streamlit's markdown unescaped
(issue 18, item 3).

Streamlit renders markdown in notices (st.success/info/warning/error), in st.markdown, st.caption,
st.write, titles and headers, and in the labels of widgets, expanders, tabs and links (where a
`![](…)` image is fetched by the browser). This test reads every such call in app_pages/ and
app_ui/ and checks each piece of text put into it: a literal, a call of `md()` (the one escaping
helper), a number, or one of a few formatters that never return what someone typed.
`widgets.flash(scope, text)` escapes `text` itself, unless `markdown=True` is passed: then the
same rule applies to `text`. Anything else fails the test with its file and line.

The rendering of `md()` itself is checked in a real browser by tests/browser/test_markdown.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("app_pages/*.py"), *ROOT.glob("app_ui/*.py"), ROOT / "app.py"])

# Calls whose first argument (or these keywords) is rendered as markdown.
MARKDOWN_CALLS = {
    "markdown", "success", "info", "warning", "error", "caption", "write", "toast",
    "title", "header", "subheader", "exception",
    # widget and container labels
    "button", "checkbox", "radio", "selectbox", "multiselect", "text_input", "text_area",
    "number_input", "date_input", "time_input", "toggle", "slider", "select_slider",
    "expander", "popover", "page_link", "metric", "download_button", "form_submit_button",
    "file_uploader", "color_picker", "pills", "segmented_control", "feedback",
}  # fmt: skip
TEXT_KEYWORDS = {"body", "label", "help", "placeholder", "caption", "value_label"}
# Formatters whose result holds no typed text: numbers, dates, statuses, catalogue labels.
SAFE_CALLS = {
    "md", "len", "int", "round", "abs", "sum", "min", "max", "fmt_date", "fmt_count", "fmt_num",
    "status_label", "format_stamp", "describe", "sector_label", "expiry_days", "_meta", "stamp",
    "track_line",
}  # fmt: skip
# Names, attributes and keys that hold numbers, ids or fixed application texts.
SAFE_NAMES = {
    "wid", "id", "n", "i", "count", "number", "shown", "when", "status", "tabs", "min_cell",
    "close_after_days", "text_label", "detail_label", "submit_label", "total", "cap", "row",
    "to_register", "to_waitlist", "free_seats", "max_seats", "respondents", "recommendations",
    "n_notes", "basis", "sent", "state", "size", "attempts", "message_id", "thanks", "apart",
    "folded", "version", "online", "paper", "outcome", "overdue", "needs_reminder", "submitted",
    "due", "reminder_after_days",
    "track_line",  # app_ui.followup.track_line's result, its sentence through md()
}  # fmt: skip
# Reference data: texts in data/*.toml written by the maintainers (markdown allowed on purpose)
# and the labels the application builds from them.
REFERENCE_ROOTS = {"q", "cat", "cfg", "item", "section", "kp", "sector", "question", "rb"}
# Individually checked exceptions: (file, expression) -> why it is safe.
ALLOWED = {
    ("app_ui/widgets.py", "f'<div>{marked}</div>'"): "highlight_html escaped all of the text",
    ("app_ui/widgets.py", "label"): "the picker's or severity's label, given as a literal",
    ("app_ui/widgets.py", "placeholder"): "severity_select's placeholder, given as a literal",
    ("app_ui/intake_form.py", "label"): "the practical section's fixed labels, in a loop",
    ("app_ui/draft_form.py", "self.stale"): "a fixed warning given by the form's module",
    ("app_pages/contact_intake.py", "notice[1]"): "a notice left by flash(), which escaped it",
    ("app_ui/followup.py", "label"): "the follow-up form's fixed labels, in a loop",
    ("app_ui/session.py", "f'De toepassing kan niet starten: een referentiebestand in data/ is "
     "ongeldig.\\n\\n{exc}'"): "CatalogError names a file in data/ and its entry",
    ("app_pages/planning.py", "t.label"): "a status action's label from planning.ACTIONS",
    ("app_pages/planning.py", "t.reason"): "why a status change is not possible: fixed texts",
    ("app_pages/planning.py", "f'{t.label} (een stap terug)'"): "a label of planning.ACTIONS",
    ("app_pages/planning.py", "f'**{t.label}** kan nog niet. {t.reason}'"): "ACTIONS; fixed texts",
    (
        "app_pages/planning.py",
        "t.reason or 'Markeer op de pagina Verslag de versie die u naar de gemeente stuurt; de "
        "status wordt dan ‘verslag verstuurd’.'",
    ): "fixed texts",
    ("app_pages/dashboard.py", "summary"): "a chart summary: figures and catalogue names",
    ("app_pages/dashboard.py", "f'Weergave: {filters.describe(cat)}. [Link naar deze weergave]"
     "({href})'"): "the view's address, percent-encoded: it cannot end the link",
    ("app_pages/dashboard.py", "label"): "a fixed heading of a key figure or filter",
    ("app_pages/dashboard.py", "all_label"): "a filter's fixed placeholder, given as a literal",
    ("app_pages/dashboard.py", "explain"): "a fixed explanation of a key figure",
    ("app_ui/programme.py", "f'{label} downloaden'"): "label is 'CSV' or 'Excel'",
    ("app_pages/dashboard.py", "f\"Tabel: {dash.TABLES[name]['title']}\""): "fixed table titles",
    ("app_pages/dashboard.py", "chd.describe_provinces(figs['provinces'])"): "province figures",
    ("app_ui/evaluation_widgets.py", "label"): "a fixed chart heading given by the caller",
    ("app_ui/evaluation_widgets.py", "alt"): "a chart's text alternative: figures and items",
    ("app_ui/evaluation_widgets.py", "ch.describe_responses(rva)"): "response counts",
    ("app_pages/evaluation_form.py", "notice"): "a fixed thank-you text or q.texts['thanks']",
    ("app_pages/evaluation_form.py", "state['refused']"): "why a link takes no more answers",
    ("app_ui/evaluation_widgets.py", "hint"): "q.scale_hint, given by the caller",
    ("app_ui/evaluation_widgets.py", "title"): "the section title through md() and counts",
    (
        "app_ui/evaluation_widgets.py",
        "'Deze link lijkt buiten de zaal gedeeld. ' + signal + ' Maak zo nodig een nieuwe link (de "
        "oude werkt dan niet meer) of sluit de evaluatie.'",
    ): "a shared-link signal: counts and times",
    (
        "app_ui/evaluation_widgets.py",
        "f'{c.online} online en {c.paper} op papier, van de {c.present.n} {c.present.label()}.'",
    ): "counts",
    ("app_ui/mail.py", "line"): "the address through md(); status labels; our own message id",
    ("app_pages/followup_form.py", "state['notice']"): "a fixed text or cfg.texts[…]",
    ("app_ui/followup.py", "f'{question} (in het voorgesprek: {before.lower()})'"): (
        "intake.CONTEXT_QUESTIONS and CONTEXT_ANSWERS: fixed texts"
    ),
    ("app_ui/followup.py", "alt"): "a chart's text alternative: figures and catalogue labels",
    ("app_ui/followup.py", "f'**{label}:**'"): "a fixed field heading of the follow-up",
    ("app_ui/followup.py", "f'{icon} {md(sentence)}'"): "icon is one of two fixed material icons",
    ("app_ui/followup.py", "f'Tabel: {title}'"): "fixed table titles of the follow-up figures",
}  # fmt: skip


def _root(node: ast.AST) -> str:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _constant_name(node: ast.AST) -> bool:
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return bool(name) and name.isupper()


def _safe(node: ast.AST) -> bool:
    """Whether the value of `node` can be put into markdown as it is."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is not None or _safe(node.value)  # {x:.1f} is a number
    if isinstance(node, ast.BinOp):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, ast.BoolOp):
        return all(_safe(v) for v in node.values)
    if isinstance(node, ast.Compare | ast.UnaryOp):
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return all(_safe(e) for e in node.elts)
    if _root(node) in REFERENCE_ROOTS:
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SAFE_CALLS:
            return True
        if name in ("join", "list") and node.args:  # ", ".join(md(x) for x in …)
            arg = node.args[0]
            if isinstance(arg, ast.GeneratorExp | ast.ListComp):
                return _safe(arg.elt)
            return _safe(arg)
        if name in ("replace", "lower", "upper", "strip", "capitalize", "values"):
            return isinstance(func, ast.Attribute) and _safe(func.value)
        return False
    if isinstance(node, ast.Name):
        return node.id in SAFE_NAMES or _constant_name(node)
    if isinstance(node, ast.Attribute):
        return node.attr in SAFE_NAMES or _constant_name(node)
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and key.value in SAFE_NAMES:
            return True  # r["id"], made["number"]
        return _constant_name(node.value)  # ROLES[x], LABEL[x]: fixed texts
    return False


def _texts(call: ast.Call) -> list[ast.AST]:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    args = [] if name == "page_link" else list(call.args[:1])  # page_link(page, label=…)
    if isinstance(call.func, ast.Attribute) and call.func.attr == "tabs" and call.args:
        args = [call.args[0]]
    return args + [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]


def offenders() -> list[str]:
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "flash":
                as_markdown = any(
                    k.arg == "markdown"
                    and not (isinstance(k.value, ast.Constant) and not k.value.value)
                    for k in node.keywords
                )
                texts = node.args[1:2] if as_markdown else []
            elif name in MARKDOWN_CALLS or name == "tabs":
                texts = _texts(node)
            else:
                continue
            for text in texts:
                rel = str(path.relative_to(ROOT))
                if not _safe(text) and (rel, ast.unparse(text)) not in ALLOWED:
                    found.append(f"{rel}:{node.lineno}: {ast.unparse(text)[:90]}")
    return found


def test_every_notice_escapes_what_users_and_files_typed():
    found = offenders()
    assert not found, "text shown as markdown without md():\n" + "\n".join(found)


def test_the_walker_catches_an_unescaped_name():
    bad = ast.parse('st.success(f"{name} is aangemeld.")').body[0].value
    good = ast.parse('st.success(f"{md(name)} is aangemeld.")').body[0].value
    assert not _safe(_texts(bad)[0]) and _safe(_texts(good)[0])


def test_md_leaves_no_markdown_and_breaks_bare_addresses():
    from app_ui.widgets import md

    assert md("**vet** [x](y) <b> `c` $m$ a|b ~s~ #h &amp;") == (
        r"\*\*vet\*\* \[x\](y) \<b\> \`c\` \$m\$ a\|b \~s\~ \#h \&amp;"
    )
    assert md("- a\n1. b\n  + c\n===") == "\\- a\n1\\. b\n\u00a0\u00a0\\+ c\n\\==="
    assert md("www.x.nl https://x.nl a@b.nl :material/home:") == (
        "www\u2060.x.nl https\\:\u2060//x.nl a\u2060@b.nl \\:\u2060material/home\\:"
    )
    assert md("Zoë, 12 jaar? Prima. (echt)") == "Zoë, 12 jaar? Prima. (echt)"  # prose unchanged
    assert md(None) == "" and md(15) == "15"
