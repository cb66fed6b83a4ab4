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
    app.cli.add_command(match_group)
    app.cli.add_command(scheduler_group)
    app.cli.add_command(ledger_group)


@click.group("db", help="Database schema (Alembic).")
def db_group() -> None: ...


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: head), as MIGRATION_DATABASE_URL's owner
    when set; then grant DATABASE_APP_ROLE its rights (PostgreSQL)."""
    from app.migrate import upgrade

    url = migration_url()
    upgrade(url, revision)
    click.echo(f"database at {revision}")
    app_role = current_app.config["DATABASE_APP_ROLE"]
    if app_role and url.startswith("postgresql"):
        from app.db import make_engine
        from app.dbroles import grant_app_role

        engine = make_engine(url)
        with engine.begin() as connection:
            grant_app_role(connection, app_role)
        engine.dispose()
        click.echo(f"{app_role} granted rows, no DDL, append-only tables kept so")


def migration_url() -> str:
    return current_app.config["MIGRATION_DATABASE_URL"] or current_app.config["DATABASE_URL"]


@db_group.command("roles")
@click.option("--owner", default="tongxing_owner", show_default=True)
@click.option("--app-role", default="tongxing_app", show_default=True)
@click.option("--owner-password", envvar="DATABASE_OWNER_PASSWORD")
@click.option("--app-password", envvar="DATABASE_APP_PASSWORD")
def db_roles(owner: str, app_role: str, owner_password: str | None, app_password: str | None):
    """As a PostgreSQL superuser (DATABASE_URL): create the owner and the application's
    restricted role, and give the database to the owner. Then migrate as the owner."""
    from sqlalchemy.engine import make_url

    from app.db import make_engine
    from app.dbroles import create_roles

    url = make_url(current_app.config["DATABASE_URL"])
    if not url.drivername.startswith("postgresql"):
        raise click.ClickException("two roles are for PostgreSQL")
    engine = make_engine(url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        create_roles(
            connection,
            database=url.database or "",
            owner=owner,
            app_role=app_role,
            owner_password=owner_password,
            app_password=app_password,
        )
    engine.dispose()
    click.echo(f"roles {owner} (migrations) and {app_role} (the application) are ready:")
    click.echo(f"  MIGRATION_DATABASE_URL: {url.set(username=owner, password=None)}")
    click.echo(f"  DATABASE_URL:           {url.set(username=app_role, password=None)}")
    click.echo(f"  DATABASE_APP_ROLE:      {app_role}")


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


@demo_group.command("generate")
@click.option("--scale", type=click.Choice(["county", "province"]), default="county")
@click.option("--children", type=int, help="Children in all (county 4000, province 60000)")
@click.option("--volunteers", type=int, help="Volunteers in all (county 1200, province 30000)")
@click.option("--agencies", type=int, help="Social-work agencies per county")
@click.option("--organizations", type=int, help="Enterprises and charities per county")
@click.option("--county", "counties", multiple=True, help="Province scale: only these counties")
@click.option("--seed", type=int, default=1, show_default=True)
def demo_generate(
    scale: str,
    children: int | None,
    volunteers: int | None,
    agencies: int | None,
    organizations: int | None,
    counties: tuple[str, ...],
    seed: int,
) -> None:
    """Field-like demo data for Jinjiang (county) or every county of Fujian (province).
    Counties that already have children are skipped."""
    import time

    from rich.console import Console
    from rich.progress import Progress, TaskID

    from app.demo_data import generate

    console = Console(stderr=True)
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def tick(what: str, n: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(what, total=None)
            progress.update(tasks[what], advance=n)

        with db.session() as session:
            counts = generate(
                session,
                scale=scale,
                seed=seed,
                children=children,
                volunteers=volunteers,
                agencies=agencies,
                organizations=organizations,
                counties=counties or None,
                progress=tick,
            )
    seconds = time.perf_counter() - started
    if not counts.counties:
        click.echo(f"demo data already generated ({len(counts.skipped)} counties have children)")
        return
    click.echo(
        f"demo {scale} (seed {seed}): {counts.counties} counties, {counts.children} children, "
        f"{counts.needs} needs, {counts.consents} consents, {counts.volunteers} volunteers, "
        f"{counts.agencies} agencies, {counts.organizations} organisations, "
        f"{counts.resources} resources in {seconds:.1f} s"
        + (f"; {len(counts.skipped)} counties skipped" if counts.skipped else "")
    )


@click.group("ledger", help="Ledgers (台账) of children and needs.")
def ledger_group() -> None: ...


@ledger_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "phone", required=True, help="The coordinator's phone (their area applies)")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing")
def ledger_import(path: str, phone: str, dry_run: bool) -> None:
    """Import a ledger (.xlsx or .csv) as a coordinator: all rows or none."""
    from pathlib import Path

    from sqlalchemy import select

    from app.models import Role, User
    from app.services import ledger, users

    content = Path(path).read_bytes()
    with db.session() as session:
        user = session.scalar(select(User).where(User.phone == users.normalize_phone(phone)))
        if user is None or user.role is not Role.coordinator:
            raise click.ClickException(f"no coordinator with phone {phone}")
        actor = users.load_actor(user.id, session=session)
        try:
            report = ledger.import_file(
                content, filename=path, actor=actor, session=session, dry_run=dry_run
            )
        except ledger.LedgerError as exc:
            raise click.ClickException((exc.message or exc.code).format(**exc.details)) from None
        ledger.audit_import(report, actor=actor, session=session, filename=Path(path).name)
    for error in report.errors:
        click.echo(f"row {error.row}, {error.column} ({error.key}): {error.text}", err=True)
    counts = report.counts()
    click.echo(
        f"{counts['rows_read']} rows read, {counts['rows_valid']} valid, "
        f"{counts['rows_with_errors']} with errors; {counts['rows_new']} new, "
        f"{counts['rows_changed']} changed, {counts['rows_unchanged']} unchanged; "
        f"created {counts['created']}, updated {counts['updated']}"
    )
    if report.errors and not dry_run:
        raise click.ClickException("nothing was imported")


@ledger_group.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--as", "phone", required=True, help="The coordinator's phone number.")
@click.option("--region", help="Only children in or under this region (default: the area).")
@click.option(
    "--layout",
    type=click.Choice(["template", "national"]),
    default="template",
    show_default=True,
    help="national: the headers of the national child welfare information system.",
)
def ledger_export(path: str, phone: str, region: str | None, layout: str) -> None:
    """Export a coordinator's children and needs as XLSX (audited as a read of each file)."""
    from pathlib import Path

    from flask import current_app
    from sqlalchemy import select

    from app.models import Role, User
    from app.services import ledger, users

    with db.session() as session:
        user = session.scalar(select(User).where(User.phone == users.normalize_phone(phone)))
        if user is None or user.role is not Role.coordinator:
            raise click.ClickException(f"no coordinator with phone {phone}")
        actor = users.load_actor(user.id, session=session)
        content, _name, count = ledger.export_region(
            region,
            actor=actor,
            session=session,
            layout=layout,
            tz=current_app.config["TIMEZONE"],
        )
    Path(path).write_bytes(content)
    click.echo(f"{count} children written to {path}")


@click.group("crypto", help="Field encryption keys.")
def crypto_group() -> None: ...


@crypto_group.command("rotate")
def crypto_rotate() -> None:
    """Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS."""
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.services.crypto_rotation import rotate_all

    engine = make_engine(migration_url())  # the owner: it alone may rewrite append-only rows
    try:
        with Session(engine) as session, session.begin():
            counts = rotate_all(session=session)
    finally:
        engine.dispose()
    for table, n in counts.items():
        click.echo(f"{table}: {n} values re-encrypted")


@crypto_group.command("generate-key")
def crypto_generate_key() -> None:
    """Print a new Fernet key (put it first in FIELD_ENCRYPTION_KEYS, then rotate)."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode())


def _policy():  # type: ignore[no-untyped-def]
    from app.services.priority import PriorityPolicy

    return PriorityPolicy.from_config(current_app.config.get("PRIORITY_POLICY"))


@click.group("match", help="Match runs.")
def match_group() -> None: ...


@match_group.command("run")
@click.argument("region")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--enqueue", is_flag=True, help="Record the run and leave it to the workers.")
@click.option("--if-idle", is_flag=True, help="If a run of the region is active, say so and stop.")
@click.option(
    "--time-limit",
    type=float,
    default=None,
    help="Seconds for CP-SAT (default: MATCH_TIME_LIMIT_S, 20).",
)
def match_run(
    region: str, dry_run: bool, enqueue: bool, if_idle: bool, time_limit: float | None
) -> None:
    """Match REGION (e.g. 350582) now, with a progress bar and a summary."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from app.db import utcnow
    from app.models import MatchRun, RunTrigger
    from app.services import match_runs, regions
    from app.tasks import enqueue_run

    settings = match_runs.RunSettings.from_config(dict(current_app.config))
    console = Console()
    with db.session() as session:
        code = regions.get(region, session=session).code
    if not dry_run:
        try:
            with db.session() as session:
                run = match_runs.create_run(
                    code,
                    session=session,
                    trigger=RunTrigger.manual,
                    parameters={"time_limit_s": time_limit or settings.time_limit_s},
                )
                assert run is not None
                run_id = run.id
        except match_runs.RunActive as active:
            said = f"run {active.details['run_id']} of this region is queued or running"
            if if_idle:
                click.echo(said + "; the workers finish it")
                return
            raise click.ClickException(said) from None
        if enqueue:
            enqueue_run(run_id)
            click.echo(f"match run {run_id} queued")
            return
    stages = ["read", "solve", "write"] if not dry_run else ["read", "solve"]
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console
    ) as bar:
        task = bar.add_task("starting", total=len(stages))

        def progress(stage: str) -> None:
            bar.update(task, description=stage, completed=stages.index(stage))

        status: str | None
        if dry_run:
            progress("read")
            plan = match_runs.plan(
                code,
                session_scope=db.session,
                policy=_policy(),
                settings=settings,
                now=utcnow(),
                time_limit_s=time_limit,
            )
            figures, timings, status = plan.figures(), plan.timings, plan.result.status.value
        else:
            outcome = match_runs.execute(
                run_id,
                session_scope=db.session,
                policy=_policy(),
                settings=settings,
                progress=progress,
            )
            with db.session() as session:
                done = session.get(MatchRun, run_id)
                assert done is not None
                figures, timings, status = done.figures, done.timings, done.engine_status
            if outcome.status != "succeeded":
                raise click.ClickException(
                    f"match run {run_id}: {outcome.status} ({outcome.error or ''})"
                    + (f"; a worker retries it in {outcome.delay:.0f} s" if outcome.delay else "")
                )
        bar.update(task, description="done", completed=len(stages))
    table = Table(title=f"{'dry run: ' if dry_run else ''}match for {code} ({status})")
    table.add_column("figure")
    table.add_column("value", justify="right")
    changes = figures.get("changes", {})
    for key in (
        "open_needs",
        "pinned",
        "proposals",
        "served_needs",
        "providers",
        "candidates",
        "total_distance_km",
        "mean_distance_km",
    ):
        table.add_row(key, str(figures.get(key)))
    for key in ("new", "kept", "gone"):
        table.add_row(f"proposals {key}", str(changes.get(key, 0)))
    for reason, n in sorted(figures.get("unserved_by_reason", {}).items()):
        table.add_row(f"left open: {reason}", str(n))
    for stage, seconds in timings.items():
        table.add_row(f"time {stage} (s)", f"{seconds:.3f}")
    console.print(table)


@click.group("scheduler", help="The clock (its own process) and its jobs by hand.")
def scheduler_group() -> None: ...


@scheduler_group.command("start")
def scheduler_start() -> None:
    """Run the clock in the foreground: it only enqueues; workers do the work (one clock is
    enough; more are safe)."""
    import logging

    from app import scheduler

    logging.basicConfig(level=logging.INFO)
    celery = current_app.extensions["celery"]
    scheduler.start(dict(current_app.config), lambda name: celery.send_task(name))


@scheduler_group.command("tick")
@click.option("--now", "now_text", help="ISO instant to act as now (no offset: TIMEZONE).")
def scheduler_tick(now_text: str | None) -> None:
    """Do once what the clock's tick does at NOW: record each region's due run (once per
    period) and hand it to the workers."""
    from app import scheduler
    from app.tasks import enqueue_run

    config = dict(current_app.config)
    outcomes = scheduler.tick(
        scheduler.parse_now(now_text, scheduler.zone(config)),
        config=config,
        session_scope=db.session,
        enqueue=enqueue_run,
    )
    for region, outcome in sorted(outcomes.items()):
        click.echo(f"{region} {outcome}")


@scheduler_group.command("reap")
def scheduler_reap() -> None:
    """Hand runs whose worker died, and retries that are due, to the workers now."""
    from app.db import utcnow
    from app.services import match_runs
    from app.tasks import enqueue_run

    runs = match_runs.reap(
        session_scope=db.session,
        now=utcnow(),
        enqueue=enqueue_run,
        stale_s=float(current_app.config["MATCH_REQUEUE_SECONDS"]),
    )
    click.echo(f"{len(runs)} runs handed to the workers")


@scheduler_group.command("remind")
def scheduler_remind() -> None:
    """Send visit reminders now (the clock has it done daily at 08:00)."""
    from app import scheduler

    click.echo(f"{scheduler.remind(db.session)} reminders sent")


@scheduler_group.command("deliver")
def scheduler_deliver() -> None:
    """Deliver pending notifications now (the clock has it done every 30 s)."""
    from app import scheduler

    click.echo(f"{scheduler.deliver(db.session)} notifications delivered")


@scheduler_group.command("purge")
def scheduler_purge() -> None:
    """Drop Idempotency-Key entries older than their 7 days (a daily job)."""
    from app.db import utcnow
    from app.services import idempotency

    with db.session() as session:
        dropped = idempotency.purge_expired(session, utcnow())
    click.echo(f"{dropped} idempotency entries dropped")
