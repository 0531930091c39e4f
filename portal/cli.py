"""Flask commands: init-db, seed-demo, create-user, import-places, translate."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal import translate
from portal.auth import services as auth_services
from portal.auth.models import Role
from portal.db import get_session, upgrade_database
from portal.errors import ValidationFailed
from portal.places.models import Place
from portal.places.services import ImportRefused, ensure_county, import_villages_csv


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (init_db, seed_demo, create_user, import_places):
        app.cli.add_command(command)
    app.cli.add_command(translate_group)
    from portal.kb.cli import kb_group

    app.cli.add_command(kb_group)


def _policy() -> auth_services.PasswordPolicy:
    return auth_services.policy_from_config(current_app.config)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Apply the migrations and create the county and its townships."""
    upgrade_database(current_app.extensions["db_engine"])
    session = get_session()
    ensure_county(session)
    session.commit()
    click.echo("Database ready.")


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Add demo villages, accounts and cases (idempotent) and print the accounts."""
    from portal.demo import DEMO_PASSWORD, seed_demo as seed

    session = get_session()
    accounts = seed(session, _policy())
    session.commit()
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for account in accounts:
        where = " ".join(filter(None, [account.township or "白沙县", account.village]))
        click.echo(f"  {account.phone}  {account.role.value:<12} {account.name}  ({where})")


@click.command("create-user")
@with_appcontext
@click.option("--phone", required=True, help="11-digit mobile number, used to log in.")
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role if r is not Role.RESIDENT]))
@click.option("--place", "place_name", required=True, help="County, township or village name.")
@click.password_option(help="First password (asked for when not given).")
def create_user(phone: str, name: str, role: str, place_name: str, password: str) -> None:
    """Create a staff account."""
    session = get_session()
    places = session.query(Place).filter(Place.name == place_name).all()
    if len(places) != 1:
        raise click.ClickException(f"No single place called {place_name!r} ({len(places)} found).")
    try:
        user = auth_services.create_staff(session, phone=phone, name=name, role=Role(role),
                                          place_id=places[0].id, password=password, policy=_policy())
    except ValidationFailed as error:
        raise click.ClickException(str(error.message)) from error
    session.commit()
    click.echo(f"Created {user.role.value} {user.name} ({user.phone}).")


@click.command("import-places")
@with_appcontext
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_places(csv_file: Path) -> None:
    """Import villages from a CSV file: township, village, kind (村委会/居委会)."""
    session = get_session()
    try:
        added = import_villages_csv(session, csv_file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise click.ClickException("The file is not UTF-8 text.") from error
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(f"line {problem.line}: {problem.message}", err=True)
        raise click.ClickException("Nothing was imported.") from refused
    session.commit()
    click.echo(f"Imported {added} places.")


@click.group("translate")
def translate_group() -> None:
    """Keep the message catalogs up to date."""


@translate_group.command("update")
def translate_update() -> None:
    """Extract messages and update all catalogs; list what zh_Hans still lacks."""
    missing = translate.update()
    for msgid in missing:
        click.echo(f"untranslated: {msgid}")
    click.echo(f"{len(missing)} messages need a zh_Hans translation.")


@translate_group.command("fill")
@click.argument("json_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--locale", default="zh_Hans", type=click.Choice(translate.LOCALES))
def translate_fill(json_file: str, locale: str) -> None:
    """Write translations from a JSON object {msgid: translation}."""
    used = translate.fill(locale, translate.load_json(json_file))
    click.echo(f"{used} translations written to {locale}.")


@translate_group.command("check")
def translate_check() -> None:
    """Fail when any catalog misses a message, or has one untranslated or fuzzy."""
    found = translate.problems()
    for line in found:
        click.echo(line, err=True)
    if found:
        sys.exit(1)
    click.echo("All catalogs complete.")


@translate_group.command("compile")
def translate_compile() -> None:
    """Build the .mo files."""
    translate.compile_all()
    click.echo("Catalogs compiled.")
