"""Field work: visits and contacts, the visit rhythm set by the risk level (004 item 4),
reminders, service hours with recognition levels, and urgent reports (强制报告)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, case, func, insert, literal, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from app.db import UTCDateTime, chunked, insert_or_skip, utcnow
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.geo import to_wgs84
from app.models import (
    IN_PERSON_VISITS,
    Child,
    FileRecord,
    HoursStatus,
    Need,
    Notification,
    OrgMember,
    Pairing,
    PairingStatus,
    ProviderType,
    RecordKind,
    Reminder,
    ReportEvent,
    ReportStatus,
    RiskLevel,
    Role,
    UrgentReport,
    Visit,
    VisitKind,
    Volunteer,
)
from app.services import audit, children, pairings, regions, scope
from app.services.users import Actor

VISIT_EDIT_WINDOW = timedelta(hours=2)
# A phone's clock may run ahead a little; what is reported happened within the last year.
CLOCK_SKEW = timedelta(minutes=10)
LOOKBACK = timedelta(days=366)
# 004 item 4: high and medium risk visited monthly; low contacted monthly, visited quarterly.
VISIT_EVERY = {RiskLevel.high: 30, RiskLevel.medium: 30, RiskLevel.low: 90}
CONTACT_EVERY = {RiskLevel.high: 30, RiskLevel.medium: 30, RiskLevel.low: 30}
# Star levels of China's volunteer service records (志愿服务记录与证明出具办法), by hours.
STAR_HOURS = ((5, 1500), (4, 1000), (3, 600), (2, 300), (1, 100))


def star_level(hours: float) -> int:
    return next((stars for stars, needed in STAR_HOURS if hours >= needed), 0)


# --- visits -------------------------------------------------------------------------------


def _pairing_for(actor: Actor, pairing_id: int, session: Session) -> tuple[int, int]:
    """(pairing id, child id) of a pairing the actor may record a visit for."""
    found, status, child_id = pairings.pairing_facts(pairing_id, actor=actor, session=session)
    if actor.role in (Role.volunteer, Role.agency_staff, Role.donor) and (
        status is not PairingStatus.active
    ):
        raise Conflict("Visits are recorded for active pairings.", field="pairing_id")
    return found, child_id


def _check_occurred(occurred_at: datetime, now: datetime) -> None:
    if occurred_at > now + CLOCK_SKEW:
        raise ValidationFailed({"occurred_at": ["The visit is in the future."]})
    if occurred_at < now - LOOKBACK:
        raise ValidationFailed({"occurred_at": ["This is more than a year ago."]})


def create_visit(
    data: dict[str, Any], *, actor: Actor, session: Session, now: datetime | None = None
) -> Visit:
    """Record a visit: the visit, its entries in the child's file and the audit row, each
    written by one INSERT through Core (no unit-of-work flush), the visit's id checked by
    the insert itself (ON CONFLICT DO NOTHING). Returns the visit as written (transient:
    not in the session)."""
    now = now or utcnow()
    pairing_id: int | None = None
    if data.get("pairing_id"):
        pairing_id, child_id = _pairing_for(actor, data["pairing_id"], session)
    elif actor.role is Role.coordinator and data.get("child_id"):
        child_id = children.get(
            data["child_id"], actor=actor, session=session, purpose="read_for_visit"
        ).id
    else:
        raise ValidationFailed({"pairing_id": ["Give the pairing the visit belongs to."]})
    _check_occurred(data["occurred_at"], now)
    corrects = None
    if data.get("corrects_id"):
        corrects = session.get(Visit, data["corrects_id"])
        if corrects is None or corrects.child_id != child_id:
            raise ValidationFailed({"corrects_id": ["No such visit of this child."]})
    lat = lon = None
    if data.get("lat") is not None:
        lat, lon = to_wgs84(data["lat"], data["lon"], data.get("coord_system", "wgs84"))
    problems = data.get("problems") or ""
    values: dict[str, Any] = {
        "id": str(data.get("id") or uuid.uuid4()),
        "pairing_id": pairing_id,
        "child_id": child_id,
        "author_id": actor.id,
        "kind": VisitKind(data["kind"]),
        "occurred_at": data["occurred_at"],
        "duration_minutes": data["duration_minutes"],
        "lat": lat,
        "lon": lon,
        "notes": {"done": data.get("done", ""), "problems": problems},
        "problems_found": bool(problems),
        "corrects_id": corrects.id if corrects else None,
        "created_at": now,
        "updated_at": now,
        "editable_until": now + VISIT_EDIT_WINDOW,
        "hours_status": HoursStatus.pending,
        "version": 1,  # the ORM's version counter starts there
    }
    connection = session.connection()
    if connection.execute(_insert_visit(), values).first() is None:
        raise Conflict("A visit with this id exists already.", field="id")
    records = [
        {
            "child_id": child_id,
            "kind": RecordKind.visit,
            "at": now,
            "author_id": actor.id,
            "body": None,
            "data": {
                "visit_id": values["id"],
                "kind": values["kind"].value,
                "pairing_id": pairing_id,
                "corrects": values["corrects_id"],
            },
        }
    ]
    if problems:
        records.append(
            {
                "child_id": child_id,
                "kind": RecordKind.problem,
                "at": now,
                "author_id": actor.id,
                "body": problems,
                "data": {"visit_id": values["id"]},
            }
        )
    connection.execute(_insert_records(), records)
    audit.write_by(
        actor,
        "visit.create",
        session=session,
        object_type="child",
        object_id=child_id,
        detail={"visit_id": values["id"]},
    )
    return Visit(**values)


_VISIT_COLUMNS = (
    "id",
    "pairing_id",
    "child_id",
    "author_id",
    "kind",
    "occurred_at",
    "duration_minutes",
    "lat",
    "lon",
    "notes",
    "problems_found",
    "corrects_id",
    "created_at",
    "updated_at",
    "editable_until",
    "hours_status",
    "version",
)


@functools.cache
def _insert_visit() -> Any:
    """INSERT of a visit that writes nothing, and returns no row, when its id is taken."""
    return insert_or_skip(cast(Table, Visit.__table__), _VISIT_COLUMNS, ["id"], "id")


@functools.cache
def _insert_records() -> Any:
    return insert(cast(Table, FileRecord.__table__))


def visible_visits(actor: Actor) -> Select[tuple[Visit]]:
    """Coordinators: visits of their area; admins all; an agency's members the visits of
    its pairings (they confirm their staff's hours); anyone their own."""
    stmt = select(Visit).join(Child, Child.id == Visit.child_id)
    if actor.role in (Role.coordinator, Role.admin):
        return stmt.where(scope.area_or_all(actor, Child.region_path))
    if actor.role is Role.agency_staff:
        agency = select(OrgMember.agency_id).where(OrgMember.user_id == actor.id)
        pairings_of_agency = select(Pairing.id).where(
            Pairing.provider_type == ProviderType.agency, Pairing.provider_id.in_(agency)
        )
        return stmt.where((Visit.author_id == actor.id) | Visit.pairing_id.in_(pairings_of_agency))
    return stmt.where(Visit.author_id == actor.id)


def get_visit(visit_id: str, *, actor: Actor, session: Session) -> Visit:
    visit = session.scalar(visible_visits(actor).where(Visit.id == visit_id))
    if visit is None:
        raise NotFound()
    return visit


def edit_visit(
    visit: Visit,
    data: dict[str, Any],
    *,
    actor: Actor,
    session: Session,
    now: datetime | None = None,
) -> Visit:
    now = now or utcnow()
    if visit.author_id != actor.id:
        raise NotFound()
    if now > visit.editable_until:
        raise Conflict("This record is closed; add a correction instead.", field="id")
    if visit.hours_status is not HoursStatus.pending:
        # Decided hours freeze the visit: what was confirmed stays what was confirmed.
        raise Conflict("Its hours were decided; add a correction instead.", field="id")
    if "occurred_at" in data:
        _check_occurred(data["occurred_at"], now)
    notes = dict(visit.notes)
    for key in ("done", "problems"):
        if key in data:
            notes[key] = data[key]
    visit.notes = notes
    for key in ("duration_minutes", "kind", "occurred_at"):
        if key in data:
            setattr(visit, key, data[key])
    session.flush()
    audit.record_by(
        actor,
        "visit.edit",
        session=session,
        object_type="child",
        object_id=visit.child_id,
        detail={"visit_id": visit.id},
    )
    return visit


def search_visits(
    *,
    actor: Actor,
    session: Session,
    child_id: int | None = None,
    pairing_id: int | None = None,
    hours_status: HoursStatus | None = None,
    since: datetime | None = None,
) -> Select[tuple[Visit]]:
    stmt = visible_visits(actor)
    if child_id:
        stmt = stmt.where(Visit.child_id == child_id)
    if pairing_id:
        stmt = stmt.where(Visit.pairing_id == pairing_id)
    if hours_status:
        stmt = stmt.where(Visit.hours_status == hours_status)
    if since:
        stmt = stmt.where(Visit.updated_at > since)
    return stmt.options(undefer(Visit.author_name)).order_by(Visit.occurred_at.desc(), Visit.id)


# --- rhythm ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rhythm:
    child_id: int
    risk_level: str
    last_visit: datetime | None
    last_contact: datetime | None
    visit_due: date
    contact_due: date

    @property
    def next_due(self) -> date:
        return min(self.visit_due, self.contact_due)

    @property
    def next_kind(self) -> str:
        return "visit" if self.visit_due <= self.contact_due else "contact"

    def overdue(self, today: date) -> bool:
        return self.next_due < today


def rhythms(child_ids: list[int], *, session: Session) -> dict[int, Rhythm]:
    """Next due visit and contact for each child, from the last ones recorded."""
    facts: list[Any] = [
        row
        for part in chunked(child_ids)
        for row in session.execute(
            select(Child.id, Child.risk_level, Child.created_at).where(Child.id.in_(part))
        )
    ]
    return rhythms_of(facts, session=session)


def rhythms_of(
    children_facts: Sequence[tuple[int, RiskLevel, datetime]], *, session: Session
) -> dict[int, Rhythm]:
    """`rhythms` for children whose (id, risk level, created at) the caller has already read:
    one query for their last visits and contacts."""
    if not children_facts:
        return {}
    last: dict[int, Any] = {}
    ids = sorted({child_id for child_id, _, _ in children_facts})
    for part in chunked(ids):
        for latest in session.connection().execute(_last_visits(), {"ids": list(part)}):
            last[latest.child_id] = latest
    out = {}
    for child_id, risk_level, created_at in children_facts:
        row = last.get(child_id)
        visit = _aware(row.visit) if row else None
        contact = _aware(row.contact) if row else None
        out[child_id] = Rhythm(
            child_id=child_id,
            risk_level=risk_level.value,
            last_visit=visit,
            last_contact=contact,
            visit_due=((visit or created_at) + timedelta(days=VISIT_EVERY[risk_level])).date(),
            contact_due=(
                (contact or created_at) + timedelta(days=CONTACT_EVERY[risk_level])
            ).date(),
        )
    return out


@functools.cache
def _last_visits() -> Select[Any]:
    """Each child's last in-person visit and last contact (`ids`: the children), built once."""
    in_person = case((Visit.kind.in_(IN_PERSON_VISITS), Visit.occurred_at))
    return (
        select(
            Visit.child_id,
            func.max(in_person).label("visit"),
            func.max(Visit.occurred_at).label("contact"),
        )
        .where(Visit.child_id.in_(bindparam("ids", expanding=True)))
        .group_by(Visit.child_id)
    )


def _aware(value: Any) -> datetime | None:
    from datetime import UTC

    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def overdue(
    *, actor: Actor, session: Session, today: date, region: str | None = None
) -> Select[tuple[int]]:
    """Children of the area whose visit or contact is overdue (004 item 4), highest risk
    first, then the longest unseen: an ordered statement of child ids, paged by the caller
    (`rhythms` then tells each page's due dates)."""
    in_person = case((Visit.kind.in_(IN_PERSON_VISITS), Visit.occurred_at))
    last = (
        select(
            Visit.child_id.label("child_id"),
            func.max(in_person).label("visit"),
            func.max(Visit.occurred_at).label("contact"),
        )
        .group_by(Visit.child_id)
        .subquery()
    )
    visit_at = func.coalesce(last.c.visit, Child.created_at)
    contact_at = func.coalesce(last.c.contact, Child.created_at)
    midnight = datetime(today.year, today.month, today.day, tzinfo=UTC)

    def before(days: int) -> Any:
        return literal(midnight - timedelta(days=days), UTCDateTime)

    visit_cut = case(
        *((Child.risk_level == risk, before(days)) for risk, days in VISIT_EVERY.items())
    )
    contact_cut = case(
        *((Child.risk_level == risk, before(days)) for risk, days in CONTACT_EVERY.items())
    )
    stmt = (
        select(Child.id)
        .outerjoin(last, last.c.child_id == Child.id)
        .where(
            scope.area_or_all(actor, Child.region_path),
            or_(visit_at < visit_cut, contact_at < contact_cut),
        )
    )
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Child.region_path.startswith(path, autoescape=True))
    risk_order = case({RiskLevel.high: 0, RiskLevel.medium: 1}, value=Child.risk_level, else_=2)
    unseen_since = case((visit_at < contact_at, visit_at), else_=contact_at)
    return stmt.order_by(risk_order, unseen_since, Child.id)


def overdue_rows(child_ids: list[int], *, actor: Actor, session: Session) -> list[dict[str, Any]]:
    """One page of the overdue list as a coordinator works it: each child's rhythm, code,
    village (its region) and township, the name for the child's own coordinators (a listing
    of names, audited as such), and when the providers of the child's active pairings were
    last reminded."""
    found = rhythms(child_ids, session=session)
    kids = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(child_ids)))}
    reminded: dict[int, datetime] = {}
    for part in chunked(child_ids):
        for cid, at in session.execute(
            select(Need.child_id, func.max(Reminder.created_at))
            .join(Pairing, Pairing.need_id == Need.id)
            .join(Reminder, Reminder.pairing_id == Pairing.id)
            .where(Need.child_id.in_(part), Pairing.status == PairingStatus.active)
            .group_by(Need.child_id)
        ):
            if (when := _aware(at)) is not None:
                reminded[cid] = when
    named = [kids[i] for i in child_ids if i in kids and children.coordinates_child(actor, kids[i])]
    children.audit_list(named, actor=actor, session=session)
    out = []
    for cid in child_ids:
        child, rhythm = kids.get(cid), found.get(cid)
        if child is None or rhythm is None:
            continue
        row: dict[str, Any] = {
            "child_id": cid,
            "risk_level": rhythm.risk_level,
            "last_visit": rhythm.last_visit,
            "last_contact": rhythm.last_contact,
            "next_due": rhythm.next_due,
            "next_kind": rhythm.next_kind,
            "code": child.code,
            "township_code": child.township_code,
            "reminded_at": reminded.get(cid),
        }
        if children.coordinates_child(actor, child):
            row["name"] = child.pii.get("name")
            row["region_code"] = child.region_code
        out.append(row)
    return out


def send_reminders(*, session: Session, now: datetime, days_ahead: int = 3) -> int:
    """Remind providers of active pairings whose child's next visit or contact is due
    within `days_ahead` days (or overdue); once per pairing and due date."""
    live = session.scalars(select(Pairing).where(Pairing.status == PairingStatus.active)).all()
    due = rhythms(sorted({p.need.child_id for p in live}), session=session)
    sent = 0
    horizon = now.date() + timedelta(days=days_ahead)
    for pairing in live:
        rhythm = due.get(pairing.need.child_id)
        if rhythm is None or rhythm.next_due > horizon:
            continue
        payload = {
            "pairing_id": pairing.id,
            "due_on": rhythm.next_due.isoformat(),
            "kind": rhythm.next_kind,
        }
        try:
            with session.begin_nested():
                session.add(
                    Reminder(pairing_id=pairing.id, due_on=payload["due_on"], payload=payload)
                )
                session.flush()
        except IntegrityError:
            continue  # already reminded for this due date
        for uid in pairings.provider_users(session, pairing.provider_type, pairing.provider_id):
            session.add(Notification(recipient_id=uid, kind="visit.due", payload=payload))
        sent += 1
    session.flush()
    return sent


# --- hours ----------------------------------------------------------------------------


def decide_hours(visit: Visit, decision: HoursStatus, *, actor: Actor, session: Session) -> Visit:
    """The child's coordinator confirms hours; an agency member may confirm its staff's."""
    allowed = actor.role is Role.coordinator
    if actor.role is Role.agency_staff and visit.pairing_id:
        pairing = session.get(Pairing, visit.pairing_id)
        member = session.get(OrgMember, actor.id)
        allowed = bool(
            pairing
            and member
            and pairing.provider_type is ProviderType.agency
            and member.agency_id == pairing.provider_id
        )
    if not allowed or visit.author_id == actor.id:
        raise Forbidden("You cannot confirm these hours.")
    if decision is HoursStatus.pending:
        raise ValidationFailed({"decision": ["Confirm or reject."]})
    visit.hours_status, visit.hours_decided_by, visit.hours_decided_at = (
        decision,
        actor.id,
        utcnow(),
    )
    session.flush()
    audit.record_by(
        actor,
        "visit.hours",
        session=session,
        object_type="visit",
        object_id=visit.id,
        detail={"decision": decision.value},
    )
    session.add(
        Notification(
            recipient_id=visit.author_id,
            kind=f"hours.{decision.value}",
            payload={"visit_id": visit.id},
        )
    )
    return visit


def hours_of(user_ids: list[int], *, session: Session) -> dict[int, dict[str, float]]:
    rows = [
        row
        for part in chunked(user_ids)
        for row in session.execute(
            select(Visit.author_id, Visit.hours_status, func.sum(Visit.duration_minutes))
            .where(Visit.author_id.in_(part))
            .group_by(Visit.author_id, Visit.hours_status)
        )
    ]
    out: dict[int, dict[str, float]] = {u: {"confirmed": 0.0, "pending": 0.0} for u in user_ids}
    for author, status, minutes in rows:
        if status is not HoursStatus.rejected:
            out[author][status.value] = round((minutes or 0) / 60.0, 2)
    return out


def roll(*, actor: Actor) -> Select[Any]:
    """Volunteers of the area, ordered: paged by the caller, then `roll_entries` adds each
    page's hours and star levels."""
    return (
        select(Volunteer.id, Volunteer.owner_id)
        .where(scope.area_or_all(actor, Volunteer.region_path))
        .order_by(Volunteer.id)
    )


def roll_entries(rows: list[Any], *, session: Session) -> list[dict[str, Any]]:
    totals = hours_of([v.owner_id for v in rows], session=session)
    return [
        {
            "volunteer_id": v.id,
            "user_id": v.owner_id,
            **totals[v.owner_id],
            "stars": star_level(totals[v.owner_id]["confirmed"]),
        }
        for v in rows
    ]


# --- urgent reports ----------------------------------------------------------------------


def file_report(data: dict[str, Any], *, actor: Actor, session: Session) -> UrgentReport:
    try:
        region = regions.get(data["region_code"], session=session)
    except NotFound:
        raise ValidationFailed({"region_code": ["No such region."]}) from None
    child_id = data.get("child_id")
    if child_id is not None:
        # Only a child the reporter may already see is named; otherwise describe them.
        if actor.role is Role.coordinator:
            children.get(child_id, actor=actor, session=session, purpose="read_for_report")
        else:
            mine = session.scalar(
                pairings.visible_pairings(actor, session).where(Pairing.need.has(child_id=child_id))
            )
            if mine is None:
                raise ValidationFailed({"child_id": ["Describe the child instead."]})
    if data["seen_at"] > utcnow() + CLOCK_SKEW:
        raise ValidationFailed({"seen_at": ["This is in the future."]})
    if data["seen_at"] < utcnow() - LOOKBACK:
        raise ValidationFailed({"seen_at": ["This is more than a year ago."]})
    lat = lon = None
    if data.get("lat") is not None:
        lat, lon = to_wgs84(data["lat"], data["lon"], data.get("coord_system", "wgs84"))
        regions.check_place(region, lat, lon, session=session)
    report = UrgentReport(
        reporter_id=actor.id,
        danger=data["danger"],
        details={
            "seen": data["seen"],
            "place": data.get("place", ""),
            "child": data.get("child_description", ""),
        },
        region_code=region.code,
        region_path=region.path,
        lat=lat,
        lon=lon,
        seen_at=data["seen_at"],
        child_id=child_id,
        status=ReportStatus.received,
    )
    session.add(report)
    session.flush()
    session.add(
        ReportEvent(
            report_id=report.id, author_id=actor.id, status=ReportStatus.received, note="filed"
        )
    )
    session.flush()
    session.refresh(report, ["events"])
    from app.services.scope import coordinators_of

    alerted = coordinators_of(session, region)
    if alerted:  # an empty executemany would insert one row of defaults
        session.execute(
            insert(Notification),
            [
                {
                    "recipient_id": uid,
                    "kind": "urgent_report.received",
                    "created_at": utcnow(),
                    "payload": {
                        "report_id": report.id,
                        "region_code": region.code,
                        "danger": report.danger,
                    },
                }
                for uid in alerted
            ],
        )
    audit.record_by(
        actor,
        "urgent_report.file",
        session=session,
        object_type="urgent_report",
        object_id=report.id,
        detail={"alerted": len(alerted)},
    )
    return report


def visible_reports(actor: Actor) -> Select[tuple[UrgentReport]]:
    stmt = select(UrgentReport)
    if actor.role in (Role.coordinator, Role.admin):
        return stmt.where(
            scope.area_or_all(actor, UrgentReport.region_path)
            | (UrgentReport.reporter_id == actor.id)
        )
    return stmt.where(UrgentReport.reporter_id == actor.id)


def search_reports(*, actor: Actor, since: datetime | None = None) -> Select[tuple[UrgentReport]]:
    stmt = visible_reports(actor)
    if since:
        stmt = stmt.where(UrgentReport.updated_at > since)
    return stmt.order_by(UrgentReport.id.desc())


def get_report(report_id: int, *, actor: Actor, session: Session) -> UrgentReport:
    report = session.scalar(visible_reports(actor).where(UrgentReport.id == report_id))
    if report is None:
        raise NotFound()
    audit.record_by(
        actor,
        "urgent_report.read",
        session=session,
        object_type="urgent_report",
        object_id=report.id,
    )
    return report


def get_report_event(event_id: int, *, actor: Actor, session: Session) -> ReportEvent:
    event = session.get(ReportEvent, event_id)
    if event is None:
        raise NotFound()
    get_report(event.report_id, actor=actor, session=session)  # in scope, and audited
    return event


_NEXT = {
    ReportStatus.received: {ReportStatus.handling, ReportStatus.closed},
    ReportStatus.handling: {ReportStatus.closed},
    ReportStatus.closed: set(),
}


def add_to_report(
    report: UrgentReport, data: dict[str, Any], *, actor: Actor, session: Session
) -> ReportEvent:
    """Add a note, or (coordinators) move the report on; closing needs the outcome."""
    status = data.get("status")
    handler = actor.role is Role.coordinator and any(
        report.region_path.startswith(p) for p in actor.area_paths
    )
    if status is not None:
        if not handler:
            raise Forbidden("Only the area's coordinators handle reports.")
        if status not in _NEXT[report.status]:
            from app.errors import InvalidTransition

            raise InvalidTransition(
                f"A report cannot go from {report.status.value} to {status.value}.",
                from_status=report.status.value,
                to_status=status.value,
            )
        report.status = status
    event = ReportEvent(report_id=report.id, author_id=actor.id, status=status, note=data["note"])
    session.add(event)
    session.flush()
    session.refresh(report, ["events"])
    audit.record_by(
        actor,
        "urgent_report.add",
        session=session,
        object_type="urgent_report",
        object_id=report.id,
        detail={"status": status.value if status else None},
    )
    if status is ReportStatus.closed:
        # The reporter is told the outcome (they read it through the API).
        session.add(
            Notification(
                recipient_id=report.reporter_id,
                kind="urgent_report.closed",
                payload={"report_id": report.id},
            )
        )
    return event


@dataclass(frozen=True, slots=True)
class ChildFacts:
    """What a provider's phone may be shown of a paired child, read as columns. `pii` is
    read (decrypted) only for active pairings; None otherwise."""

    code: str
    birth_date: date
    township_code: str
    region_code: str
    pii: dict[str, Any] | None

    def age_on(self, day: date) -> int:
        return Child.age_on(self, day)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class NeedFacts:
    """The need of a provider's pairing; `description` only for active pairings."""

    id: int
    category_code: str
    description: str | None
    skills: list[str]
    hours_per_week: float | None
    in_person: bool
    languages: list[str]
    child: ChildFacts
    recurring: bool = True


@dataclass(frozen=True, slots=True)
class PairingView:
    """A pairing as its provider's phone gets it, with the next visit due."""

    id: int
    status: PairingStatus
    approved_at: datetime
    responded_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    need: NeedFacts
    distance_km: float | None
    next_due: date | None
    next_kind: str | None


def provider_pairings(
    *,
    actor: Actor,
    session: Session,
    since: datetime | None = None,
    status: PairingStatus | None = None,
) -> list[PairingView]:
    """The provider's pairings in one query of the columns the phone shows (the child's
    personal data and the need's description are read, and decrypted, for active pairings
    only), then one for the active children's last visits; the read is audited."""
    params: dict[str, Any] = {}
    if actor.role is Role.volunteer:  # the phone's usual caller: all of it built once
        stmt = _provider_pairings_query(True, since is not None, status is not None)
        params["actor_id"] = actor.id
    else:
        stmt = _provider_pairings_query(False, since is not None, status is not None).where(
            pairings.pairing_scope(actor, session)
        )
    if since:
        params["since"] = since
    if status:
        params["status"] = status
    rows = session.connection().execute(stmt, params).all()
    live = [r for r in rows if r[1] is PairingStatus.active]
    due = rhythms_of([(r[14], r[20], r[21]) for r in live], session=session)
    views = []
    for r in rows:
        rhythm = due.get(r[14]) if r[1] is PairingStatus.active else None
        child = ChildFacts(
            code=r[15], birth_date=r[16], township_code=r[17], region_code=r[18], pii=r[19]
        )
        need = NeedFacts(
            id=r[7],
            category_code=r[8],
            description=r[9],
            skills=r[10],
            hours_per_week=r[11],
            in_person=r[12],
            languages=r[13],
            child=child,
            recurring=r[22],
        )
        views.append(
            PairingView(
                id=r[0],
                status=r[1],
                approved_at=r[2],
                responded_at=r[3],
                ended_at=r[4],
                updated_at=r[5],
                need=need,
                distance_km=r[6],
                next_due=rhythm.next_due if rhythm else None,
                next_kind=rhythm.next_kind if rhythm else None,
            )
        )
    if live:
        # What an active pairing shows is part of the child's file: audit the read.
        audit.write_by(
            actor,
            "child.read_by_provider",
            session=session,
            object_type="child",
            object_id=None,
            detail={"children": sorted({r[14] for r in live})},
        )
    return views


@functools.cache
def _provider_pairings_query(volunteer: bool, since: bool, status: bool) -> Select[Any]:
    """`provider_pairings`' statement, built once per shape: bound `actor_id` (a volunteer's
    own pairings; other callers add their scope), `since` and `status`."""
    from app.models import Need, Proposal

    active = Pairing.status == PairingStatus.active
    stmt = (
        select(
            Pairing.id,
            Pairing.status,
            Pairing.approved_at,
            Pairing.responded_at,
            Pairing.ended_at,
            Pairing.updated_at,
            Proposal.distance_km,
            Need.id,
            Need.category_code,
            case((active, Need.description)),
            Need.skills,
            Need.hours_per_week,
            Need.in_person,
            Need.languages,
            Child.id,
            Child.code,
            Child.birth_date,
            Child.township_code,
            Child.region_code,
            case((active, Child.pii)),
            Child.risk_level,
            Child.created_at,
            Need.recurring,
        )
        .select_from(Pairing)
        .join(Need, Need.id == Pairing.need_id)
        .join(Child, Child.id == Need.child_id)
        .outerjoin(Proposal, Proposal.id == Pairing.proposal_id)
        .order_by(Pairing.id)
    )
    if volunteer:
        mine = select(Volunteer.id).where(Volunteer.owner_id == bindparam("actor_id"))
        stmt = stmt.where(
            Pairing.provider_type == ProviderType.volunteer, Pairing.provider_id.in_(mine)
        )
    if since:
        stmt = stmt.where(Pairing.updated_at > bindparam("since", type_=UTCDateTime))
    if status:
        stmt = stmt.where(Pairing.status == bindparam("status", type_=Pairing.status.type))
    return stmt


def sync_inbox(user_id: int, *, since: datetime | None, session: Session) -> list[Any]:
    """The sync's notifications: the newest 200 (since the watermark), as `notify.inbox`
    orders them, read as columns by a statement built once."""
    params: dict[str, Any] = {"user_id": user_id}
    if since is not None:
        params["since"] = since
    return list(session.connection().execute(_sync_inbox(since is not None), params))


SYNC_INBOX_SIZE = 200


@functools.cache
def _sync_inbox(since: bool) -> Select[Any]:
    stmt = select(
        Notification.id,
        Notification.kind,
        Notification.payload,
        Notification.created_at,
        Notification.read_at,
    ).where(Notification.recipient_id == bindparam("user_id"))
    if since:
        stmt = stmt.where(Notification.created_at > bindparam("since", type_=UTCDateTime))
    return stmt.order_by(Notification.id.desc()).limit(SYNC_INBOX_SIZE)


def removed_since(views: list[PairingView]) -> list[int]:
    return [v.id for v in views if v.status in (PairingStatus.ended, PairingStatus.declined)]
