"""Command line: `python -m jep COMMAND`. Run `python -m jep --help` for the list."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from jep import __version__, auth, demo
from jep.store import db

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


@command("init")
def init(args: argparse.Namespace) -> int:
    """Check data/, create or migrate the database, print the first admin's one-time password."""
    from jep import startup
    from jep.reference.toml import CatalogError

    try:
        one_time = startup.prepare()
    except CatalogError as exc:
        print(
            f"De toepassing kan niet starten: een referentiebestand in data/ is ongeldig.\n{exc}",
            file=sys.stderr,
        )
        return 1
    if one_time:
        print(startup.admin_banner(one_time), flush=True)
    print(f"Database klaar: {db.db_path()}")
    return 0


@command("add-staff")
def add_staff(args: argparse.Namespace) -> int:
    """Add a staff account; prints a one-time password unless --password-stdin is given."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        must_change = False
    elif sys.stdin.isatty():
        password = getpass.getpass("Wachtwoord (leeg = eenmalig wachtwoord maken): ")
        must_change = not password
        password = password or secrets.token_urlsafe(12)
    else:
        password, must_change = secrets.token_urlsafe(12), True
    with db.open_db() as d:
        try:
            auth.create_staff(
                d,
                args.name,
                password,
                role="admin" if args.admin else "staff",
                must_change=must_change,
                actor="opdrachtregel",
            )
        except ValueError as exc:
            print(f"Niet gelukt: {exc}", file=sys.stderr)
            return 1
    print(f"Account '{args.name}' aangemaakt ({'admin' if args.admin else 'staff'}).")
    if must_change:
        print(f"Eenmalig wachtwoord: {password}  (bij de eerste aanmelding kiest men een eigen)")
    return 0


@contextmanager
def _progress_bar(what: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (tqdm) fed by `progress(done, total)` callbacks."""
    from tqdm import tqdm

    with tqdm(desc=what, unit=" stappen", mininterval=0.5, file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            if bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        yield progress


@command("seed-demo")
def seed_demo(args: argparse.Namespace) -> int:
    """Create demo workshops (clearly fictional); --remove deletes them again."""
    with db.open_db() as d:
        if args.remove:
            print(f"{demo.remove_demo(d)} demo-werkateliers verwijderd.")
            return 0
        try:
            with _progress_bar("Demodata aanmaken") as progress:
                n = demo.seed_demo(d, scale=args.scale, seed=args.seed, progress=progress)
        except demo.DemoRefused as exc:
            print(f"Niet gedaan: {exc}", file=sys.stderr)
            return 1
    print(f"{n} demo-werkateliers aangemaakt in {db.db_path()}.")
    return 0


@command("backup")
def backup_cmd(args: argparse.Namespace) -> int:
    """Consistent copy of the live database (SQLite backup API), safe while the app runs."""
    from pathlib import Path

    from jep.store import backup

    if args.keep is not None and not Path(args.file).is_dir():
        print("Niet gelukt: --keep werkt alleen met een map als doel.", file=sys.stderr)
        return 1
    try:
        target = backup.backup(args.file)
        gone = backup.rotate(args.file, args.keep) if args.keep is not None else []
    except backup.BackupError as exc:
        print(f"Niet gelukt: {exc}", file=sys.stderr)
        return 1
    print(
        f"Backup van {db.db_path()} geschreven naar {target} (versie {backup.version_of(target)})."
    )
    for old in gone:
        print(f"Oude backup verwijderd: {old}")
    return 0


@command("restore")
def restore_cmd(args: argparse.Namespace) -> int:
    """Check a backup and put it in place of the live database (the current one is kept)."""
    from jep.store import backup

    problem = backup.check(args.file)
    if problem:
        print(f"Terugzetten geweigerd: {problem}.", file=sys.stderr)
        return 1
    if sys.stdin.isatty() and not args.yes:
        answer = input(f"De database {db.db_path()} vervangen door {args.file}? Typ 'ja': ")
        if answer.strip().lower() != "ja":
            print("Niets veranderd.")
            return 1
    try:
        safety = backup.restore(args.file)
    except backup.BackupError as exc:
        print(f"Niet gelukt: {exc}", file=sys.stderr)
        return 1
    print(f"Backup {args.file} teruggezet in {db.db_path()}.")
    if safety:
        print(f"De database van daarvoor staat in {safety}.")
    return 0


@command("retention")
def retention_cmd(args: argparse.Namespace) -> int:
    """Apply the retention periods of data/retention.toml now (or show what would go)."""
    from datetime import date

    from jep.evaluation import links
    from jep.privacy import retention

    today = date.fromisoformat(args.date) if args.date else date.today()
    with db.open_db() as d:
        erased = retention.apply(d, today, dry_run=args.dry_run, actor="opdrachtregel")
        if not args.dry_run:
            closed = links.drop_closed(d, today)
            if closed:
                print(f"Respondentsleutels vergeten van {closed} gesloten evaluatie(s).")
    verb = "Zou wissen" if args.dry_run else "Gewist"
    for item in erased:
        print(f"{verb}: {item.line()}")
    if not erased:
        print("Niets te wissen: geen bewaartermijn verstreken.")
    return 0


@command("export-municipality")
def export_municipality_cmd(args: argparse.Namespace) -> int:
    """Everything held about one municipality as a ZIP (access request)."""
    from pathlib import Path

    from jep.privacy import rights

    with db.open_db() as d:
        try:
            data = rights.export_zip(d, args.code.upper(), "opdrachtregel")
        except rights.RightsError as exc:
            print(f"Niet gelukt: {exc}", file=sys.stderr)
            return 1
    Path(args.out).write_bytes(data)
    print(f"Gegevens van {args.code.upper()} geschreven naar {args.out}.")
    return 0


@command("erase-municipality")
def erase_municipality_cmd(args: argparse.Namespace) -> int:
    """Anonymise or erase one municipality's data; --confirm must be its name."""
    from jep.privacy import rights

    with db.open_db() as d:
        try:
            done = rights.erase(d, args.code.upper(), args.mode, args.confirm, "opdrachtregel")
        except rights.RightsError as exc:
            print(f"Niet gelukt: {exc}", file=sys.stderr)
            return 1
    for table, n in done.items():
        print(f"{table}: {n} rij(en)")
    print(f"{args.code.upper()}: {args.mode} gereed.")
    return 0


@command("privacy-eval")
def privacy_eval(args: argparse.Namespace) -> int:
    """Precision and recall of the privacy guard on a labelled TSV file, with the misses and false
    alarms per category."""
    from jep.privacy import evaluate

    return evaluate.main([args.file])


@command("report")
def report_cmd(args: argparse.Namespace) -> int:
    """Build the report (verslag) of one workshop as a PDF and store it as a new version; with
    the section "Terugblik" whenever a submitted follow-up exists."""
    import time
    from pathlib import Path

    from jep.followup import addendum
    from jep.report import content, versions

    started = time.perf_counter()
    with db.open_db() as d:
        try:
            extra = addendum.for_report(d, args.workshop_id)
            if args.no_save:
                pdf, data = versions.build(
                    d, args.workshop_id, args.include_undecided, addendum=extra
                )
                undecided, number = data.undecided, None
            else:
                made = versions.create_version(
                    d, args.workshop_id, "opdrachtregel", args.include_undecided, addendum=extra
                )
                _, pdf = versions.version_pdf(d, args.workshop_id, made["id"])
                undecided, number = made["undecided"], made["number"]
        except content.ReportError as exc:
            print(f"Niet gelukt: {exc}", file=sys.stderr)
            return 1
    Path(args.out).write_bytes(pdf)
    stored = f" (bewaard als versie {number})" if number else " (niet bewaard)"
    with_followup = ", met de terugblik" if extra is not None else ""
    print(
        f"Verslag geschreven naar {args.out}{stored}{with_followup}, {len(pdf) // 1024} kB, "
        f"in {time.perf_counter() - started:.2f} s."
    )
    if undecided:
        print(
            f"Let op: {undecided} voorgestelde aanbeveling(en) zijn nog niet beoordeeld en staan "
            "niet in het verslag (gebruik --include-undecided om ze mee te nemen).",
            file=sys.stderr,
        )
    return 0


def _base_url(args: argparse.Namespace) -> str:
    import os

    return (args.base_url or os.environ.get("JEP_BASE_URL") or "http://localhost:8501").rstrip("/")


def _workshop_exists(d: Database, workshop_id: int) -> bool:
    return d.execute("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]).fetchone() is not None


@command("evaluation-link")
def evaluation_link_cmd(args: argparse.Namespace) -> int:
    """Issue a new evaluation link (printed once; audited); --open opens the form now."""
    from jep.evaluation import links

    with db.open_db() as d:
        if not _workshop_exists(d, args.workshop_id):
            print(f"Niet gelukt: werkatelier {args.workshop_id} bestaat niet.", file=sys.stderr)
            return 1
        token = links.issue_link(d, args.workshop_id, "opdrachtregel")
        if args.open:
            links.set_manual(d, args.workshop_id, "open", "opdrachtregel")
        state = links.link_state(d, args.workshop_id)
    print("Evaluatielink (wordt niet bewaard: bewaar hem nu; een vorige link werkt niet meer):")
    print(links.link_url(_base_url(args), token))
    print(links.status_line(state))
    return 0


@command("paper-form")
def paper_form_cmd(args: argparse.Namespace) -> int:
    """Write the printable paper evaluation form (A4 PDF) of one workshop."""
    from pathlib import Path
    from urllib.parse import parse_qs, urlsplit

    from jep.evaluation import links, paper
    from jep.reference.catalog import catalog

    with db.open_db() as d:
        if not _workshop_exists(d, args.workshop_id):
            print(f"Niet gelukt: werkatelier {args.workshop_id} bestaat niet.", file=sys.stderr)
            return 1
        url = args.url
        if url:
            token = (parse_qs(urlsplit(url).query).get("eval") or [""])[0]
            found = links.resolve_link(d, token, delay=0)
            if found is None or found.workshop_id != args.workshop_id:
                print(
                    f"Niet gelukt: {url} is geen geldige evaluatielink of hoort niet bij "
                    f"werkatelier {args.workshop_id}.",
                    file=sys.stderr,
                )
                return 1
        elif args.new_link or links.link_state(d, args.workshop_id).link is None:
            url = links.link_url(
                _base_url(args), links.issue_link(d, args.workshop_id, "opdrachtregel")
            )
            print(f"Nieuwe evaluatielink (wordt niet bewaard; een vorige werkt niet meer): {url}")
        else:
            print(
                "Let op: zonder QR-code. De huidige link wordt niet bewaard; geef hem mee met "
                "--url, of maak een nieuwe met --new-link (de oude werkt dan niet meer).",
                file=sys.stderr,
            )
        made = paper.paper_form(d, args.workshop_id, catalog(), url)
    Path(args.out).write_bytes(made.pdf)
    print(
        f"Papieren formulier geschreven naar {args.out}: vragenlijst versie {made.version}, "
        f"{made.items} vragen{', met QR-code' if url else ''}."
    )
    if made.note:
        print(made.note)
    return 0


@command("mail")
def mail_cmd(args: argparse.Namespace) -> int:
    """Outgoing mail: queue a test message, deliver what is due, or list the outbox."""
    from jep import outgoing
    from jep.mail import outbox
    from jep.mail import settings as mail_settings
    from jep.mail.errors import MailError

    try:
        cfg = mail_settings.load()
    except MailError as exc:
        print(f"De e-mailinstellingen zijn ongeldig: {exc}", file=sys.stderr)
        return 1
    with db.open_db() as d:
        if args.mail_command == "test":
            try:
                mail_id = outgoing.queue_test(d, args.address, "opdrachtregel")
            except MailError as exc:
                print(f"Niet gelukt: {exc}", file=sys.stderr)
                return 1
            print(f"Testbericht #{mail_id} aan {args.address} klaargezet.")
            print(cfg.describe())
            if not cfg.smtp_enabled or args.queue_only:
                return 0
            from jep.mail import delivery

            result = delivery.deliver_due(d, cfg, only=mail_id)
            row = outbox.get(d, mail_id) or {}
            if mail_id in result.sent:
                print(f"Verzonden: de server antwoordde {row.get('smtp_response')}.")
                return 0
            print(
                f"Niet verzonden ({outbox.STATUS_LABELS.get(row.get('status', ''), '?')}): "
                f"{row.get('last_error') or result.error or 'onbekend'}",
                file=sys.stderr,
            )
            return 1
        if args.mail_command == "send":
            print(cfg.describe())
            results = outgoing.run_round(d)
            failed = [n for n, r in results.items() if isinstance(r, Exception)]
            queued = results.get("berichten klaarzetten")
            rnd = results.get("versturen")
            if isinstance(queued, int) and queued:
                print(f"{queued} bericht(en) klaargezet.")
            if rnd is not None and not isinstance(rnd, Exception):
                print(f"Verzendronde: {rnd.line()}.")
            print(f"Nog in de wachtrij: {outbox.due_count(d)}.")
            return 1 if failed else 0
        df = outbox.listing(d, status=args.status, limit=args.limit)
        if df.empty:
            print("Het postvak is leeg." if not args.status else "Geen berichten met die status.")
            return 0
        for r in df.itertuples(index=False):
            line = (
                f"#{r.id:<5} {str(r.created_at)[:16].replace('T', ' ')}  "
                f"{outbox.STATUS_LABELS.get(r.status, r.status):<29} {r.to_addr:<32} {r.subject}"
            )
            print(line)
            if isinstance(r.last_error, str) and r.status in ("fout", "mislukt", "onzeker"):
                print(f"       melding: {r.last_error}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m jep", description="Beheer van de werkatelier-app")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="gegevens controleren en database klaarzetten (run.sh doet dit)")
    s = sub.add_parser("add-staff", help="medewerkersaccount toevoegen")
    s.add_argument("name")
    s.add_argument("--admin", action="store_true", help="beheerder in plaats van medewerker")
    s.add_argument("--password-stdin", action="store_true", help="wachtwoord van stdin lezen")
    s = sub.add_parser("seed-demo", help="demodata aanmaken (of verwijderen met --remove)")
    s.add_argument(
        "--scale",
        type=float,
        default=None,
        help="N keer een landelijk programma: N × 342 werkateliers (zonder: 24 werkateliers)",
    )
    s.add_argument("--seed", type=int, default=2026)
    s.add_argument("--remove", action="store_true")
    s = sub.add_parser("backup", help="consistente kopie van de database maken")
    s.add_argument("file", help="doelbestand (of map)")
    s.add_argument(
        "--keep", type=int, help="met een map: bewaar alleen de N nieuwste backups daarin"
    )
    s = sub.add_parser("restore", help="backup controleren en terugzetten")
    s.add_argument("file", help="het backupbestand")
    s.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    s = sub.add_parser("retention", help="bewaartermijnen nu toepassen")
    s.add_argument("--dry-run", action="store_true", help="alleen tonen wat gewist zou worden")
    s.add_argument("--date", help="doen alsof het deze datum is (JJJJ-MM-DD)")
    s = sub.add_parser("export-municipality", help="inzageverzoek: alle gegevens van een gemeente")
    s.add_argument("code", help="gemeentecode, bijv. GM0344")
    s.add_argument("--out", required=True, help="ZIP-bestand")
    s = sub.add_parser("erase-municipality", help="gegevens van een gemeente anonimiseren/wissen")
    s.add_argument("code", help="gemeentecode, bijv. GM0344")
    s.add_argument("--mode", choices=["anonimiseren", "wissen"], required=True)
    s.add_argument("--confirm", required=True, help="de naam van de gemeente, ter bevestiging")
    s = sub.add_parser(
        "privacy-eval",
        help="privacybewaker meten op een TSV-bestand (kolommen label, text, optioneel category)",
    )
    s.add_argument("file")
    s = sub.add_parser("report", help="verslag (PDF) van een werkatelier maken")
    s.add_argument("workshop_id", type=int, help="nummer van het werkatelier (#)")
    s.add_argument("--out", required=True, help="PDF-bestand")
    s.add_argument(
        "--include-undecided",
        action="store_true",
        help="ook voorgestelde aanbevelingen die nog niet beoordeeld zijn",
    )
    s.add_argument("--no-save", action="store_true", help="niet als versie bewaren")
    s = sub.add_parser("evaluation-link", help="nieuwe evaluatielink uitgeven (en openen)")
    s.add_argument("workshop_id", type=int, help="nummer van het werkatelier (#)")
    s.add_argument("--open", action="store_true", help="de evaluatie nu openen (tot u sluit)")
    s.add_argument("--base-url", help="adres van de toepassing (standaard JEP_BASE_URL)")
    s = sub.add_parser("paper-form", help="papieren evaluatieformulier (PDF) maken")
    s.add_argument("workshop_id", type=int, help="nummer van het werkatelier (#)")
    s.add_argument("--out", required=True, help="PDF-bestand")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--url", help="de huidige evaluatielink, voor de QR-code")
    g.add_argument("--new-link", action="store_true", help="nieuwe link uitgeven voor de QR-code")
    s.add_argument("--base-url", help="adres van de toepassing (standaard JEP_BASE_URL)")
    s = sub.add_parser("mail", help="uitgaande berichten: testen, versturen, tonen")
    mail = s.add_subparsers(dest="mail_command", required=True)
    t = mail.add_parser("test", help="testbericht klaarzetten (en met een mailserver versturen)")
    t.add_argument("address", help="e-mailadres van de ontvanger")
    t.add_argument("--queue-only", action="store_true", help="alleen klaarzetten, niet versturen")
    mail.add_parser("send", help="nu klaarzetten en versturen wat aan de beurt is")
    t = mail.add_parser("list", help="het postvak tonen (nieuwste eerst)")
    t.add_argument(
        "--status",
        choices=[
            "postvak",
            "wachtrij",
            "bezig",
            "verzonden",
            "fout",
            "mislukt",
            "onzeker",
            "geannuleerd",
        ],
    )
    t.add_argument("--limit", type=int, default=50)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
