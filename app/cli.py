"""Command-line tools: `flask --app app <group> <command>`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from app.extensions import db


def register(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(regions_group)
    app.cli.add_command(users_group)
    app.cli.add_command(demo_group)
    app.cli.add_command(crypto_group)


@click.group("db", help="Database schema (Alembic).")
def db_group() -> None: ...


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: head)."""
    from app.migrate import upgrade

    upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Autogenerate a migration from the models."""
    from alembic import command

    from app.migrate import alembic_config

    command.revision(
        alembic_config(current_app.config["DATABASE_URL"]), message=message, autogenerate=True
    )


@click.group("regions", help="Administrative divisions.")
def regions_group() -> None: ...


@regions_group.command("load")
def regions_load() -> None:
    """Load China's provinces, cities and counties (GB/T 2260, from cpca). Idempotent."""
    from app.services import regions

    with db.session() as session:
        added = regions.load_gb2260(session=session)
        total = regions.count(session=session)
    click.echo(f"regions: {added} added, {total} in all")


@regions_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def regions_import(path: str) -> None:
    """Import townships and villages from a CSV (code,name,parent_code[,lat,lon])."""
    from app.errors import ValidationFailed
    from app.services import regions

    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    try:
        with db.session() as session:
            created = regions.import_csv(text, session=session)
    except ValidationFailed as exc:
        for row, messages in exc.fields.items():
            click.echo(f"{row}: {'; '.join(messages)}", err=True)
        raise click.ClickException("nothing was imported") from None
    click.echo(f"{created} regions imported")


@click.group("users", help="Accounts.")
def users_group() -> None: ...


@users_group.command("create")
@click.option(
    "--role",
    type=click.Choice(["admin", "coordinator", "volunteer", "agency_staff", "donor"]),
    required=True,
)
@click.option("--phone")
@click.option("--email")
@click.option("--name", "display_name", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--area", "areas", multiple=True, help="Region code (coordinators); repeatable")
def users_create(
    role: str,
    phone: str | None,
    email: str | None,
    display_name: str,
    password: str,
    areas: tuple[str, ...],
) -> None:
    """Create an account of any role (admins are made only here)."""
    from app.demo import create_account

    with db.session() as session:
        user = create_account(
            session,
            role=role,
            phone=phone,
            email=email,
            display_name=display_name,
            password=password,
            areas=areas,
        )
        click.echo(f"created user {user.id} ({role})")


@click.group("demo", help="Demonstration data.")
def demo_group() -> None: ...


@demo_group.command("seed")
def demo_seed() -> None:
    """Demo county (Jinjiang, 350582) townships and villages, and demo accounts."""
    from app.demo import DEMO_PASSWORD, seed_accounts, seed_regions

    with db.session() as session:
        seed_regions(session)
        accounts = seed_accounts(session)
        rows = [(a.role.value, a.phone or a.email or "", a.display_name) for a in accounts]
    click.echo(f"demo accounts (password: {DEMO_PASSWORD}):")
    for role, login, name in rows:
        click.echo(f"  {role:<13} {login:<22} {name}")


@click.group("crypto", help="Field encryption keys.")
def crypto_group() -> None: ...


@crypto_group.command("rotate")
def crypto_rotate() -> None:
    """Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS."""
    from app.services.crypto_rotation import rotate_all

    with db.session() as session:
        counts = rotate_all(session=session)
    for table, n in counts.items():
        click.echo(f"{table}: {n} values re-encrypted")


@crypto_group.command("generate-key")
def crypto_generate_key() -> None:
    """Print a new Fernet key (put it first in FIELD_ENCRYPTION_KEYS, then rotate)."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode())
