"""Command line: `python -m jep COMMAND`. Run `python -m jep --help` for the list."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from collections.abc import Callable

from jep import auth, db, demo

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


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


@command("seed-demo")
def seed_demo(args: argparse.Namespace) -> int:
    """Create demo workshops (clearly fictional); --remove deletes them again."""
    with db.open_db() as d:
        if args.remove:
            print(f"{demo.remove_demo(d)} demo-werkateliers verwijderd.")
            return 0
        n = demo.seed_demo(d, scale=args.scale, seed=args.seed)
    print(f"{n} demo-werkateliers aangemaakt in {db.db_path()}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m jep", description="Beheer van de werkatelier-app")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("add-staff", help="medewerkersaccount toevoegen")
    s.add_argument("name")
    s.add_argument("--admin", action="store_true", help="beheerder in plaats van medewerker")
    s.add_argument("--password-stdin", action="store_true", help="wachtwoord van stdin lezen")
    s = sub.add_parser("seed-demo", help="demodata aanmaken (of verwijderen met --remove)")
    s.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="hoeveelheid: 1 = 24 werkateliers (meer volgt in het benchmark-issue)",
    )
    s.add_argument("--seed", type=int, default=2026)
    s.add_argument("--remove", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
