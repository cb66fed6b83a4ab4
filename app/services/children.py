"""Children's files (一人一档): create, read (audited), update with version checks, risk,
consent and the file's history. Only the child's coordinators see personal data."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.crypto import cipher
from app.db import json_text_contains, utcnow
from app.errors import Conflict, NotFound, ValidationFailed
from app.geo import to_wgs84
from app.models import (
    Child,
    ChildCategory,
    Consent,
    FileRecord,
    Gender,
    RecordKind,
    Region,
    RegionLevel,
    RiskLevel,
    Role,
)
from app.services import audit, regions, scope
from app.services.users import Actor

CONSENT_AGE = 14  # PIPL: a child under 14 needs a guardian's consent
# Files are for minors and for the young people whose training or job placement they follow
# into early adulthood (大龄孤独症青年, 001): a birth date further back is a typing error.
OLDEST_AGE = 25
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def id_number_birth_date(id_number: str) -> date:
    """Birth date of an 18-digit resident ID (GB 11643), after checking its check digit."""
    value = id_number.strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        raise ValueError("An ID number has 17 digits and a check character.")
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        raise ValueError("The ID number's check character is wrong.")
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValueError("The ID number's birth date is not a date.") from None


def id_number_index(id_number: str | None) -> str | None:
    """Blind index of an ID number (case of the check character ignored), or None."""
    return cipher().blind_index(id_number.strip()) if id_number else None


# Age bands shown to anyone but the child's coordinators, and used by the statistics.
AGE_BANDS = ((0, 2), (3, 5), (6, 11), (12, 14), (15, 17))


def age_band(age: int) -> str:
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return "18+"


def new_code() -> str:
    return "TX" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def new_codes(count: int) -> list[str]:
    """`count` distinct codes as `new_code` makes them, from one draw of random bytes (32
    letters: a byte modulo 32 is uniform)."""
    assert 256 % len(_CODE_ALPHABET) == 0
    codes: set[str] = set()
    while len(codes) < count:
        need = count - len(codes)
        draw = secrets.token_bytes(8 * need)
        codes.update(
            "TX" + "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in draw[8 * i : 8 * i + 8])
            for i in range(need)
        )
    return list(codes)


def visible(actor: Actor) -> Select[tuple[Child]]:
    return select(Child).where(scope.area_or_all(actor, Child.region_path))


def coordinates_child(actor: Actor, child: Child) -> bool:
    """True when the actor is one of this child's coordinators (sees personal data)."""
    return any(child.region_path.startswith(p) for p in actor.area_paths)


def get(
    child_id: int,
    *,
    actor: Actor,
    session: Session,
    purpose: str = "read",
    detail: dict[str, Any] | None = None,
) -> Child:
    child = session.scalar(visible(actor).where(Child.id == child_id))
    if child is None:
        raise NotFound()
    audit.record_by(
        actor,
        f"child.{purpose}",
        session=session,
        object_type="child",
        object_id=child.id,
        detail=detail,
    )
    return child


def _place(
    data: dict[str, Any], *, actor: Actor, session: Session
) -> tuple[Region, Region, float, float]:
    try:
        region = regions.get(data["region_code"], session=session)
    except NotFound:
        raise ValidationFailed({"region_code": ["No such region."]}) from None
    if region.level is not RegionLevel.village:
        raise ValidationFailed({"region_code": ["Give the child's village (12-digit code)."]})
    scope.require_in_area(actor, region)
    township = session.get(Region, region.parent_code) if region.parent_code else None
    assert township is not None
    if data.get("lat") is not None and data.get("lon") is not None:
        lat, lon = to_wgs84(data["lat"], data["lon"], data.get("coord_system", "wgs84"))
        regions.check_place(region, lat, lon, session=session)
    elif region.lat is not None and region.lon is not None:
        lat, lon = region.lat, region.lon
    else:
        raise ValidationFailed({"lat": ["No location given and the village has none."]})
    return region, township, lat, lon


def _pii(data: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, Any]:
    pii = dict(current or {})
    for key in ("name", "id_number", "phone", "address", "guardian", "entrusted_care"):
        if key in data:
            pii[key] = data[key]
    return pii


def _birth_date(data: dict[str, Any]) -> date | None:
    if data.get("id_number"):
        try:
            born = id_number_birth_date(data["id_number"])
        except ValueError as exc:
            raise ValidationFailed({"id_number": [str(exc)]}) from None
        if data.get("birth_date") and data["birth_date"] != born:
            raise ValidationFailed({"birth_date": ["Does not match the ID number."]})
        return born
    birth = data.get("birth_date")
    return birth if isinstance(birth, date) else None


def check_birth_date(birth: date, *, field: str = "birth_date", today: date | None = None) -> None:
    today = today or date.today()
    if birth > today:
        raise ValidationFailed({field: ["The birth date is in the future."]})
    if birth < date(today.year - OLDEST_AGE, 1, 1):
        raise ValidationFailed(
            {field: [f"Files are kept for people up to {OLDEST_AGE} years old."]}
        )


def validate_categories(data: dict[str, Any], birth: date | None = None) -> None:
    cats = set(data.get("categories") or [])
    if ChildCategory.disability in cats and not data.get("disability"):
        raise ValidationFailed({"disability": ["Give the disability type and grade."]})
    care = data.get("entrusted_care") or {}
    start, end = _as_date(care.get("start")), _as_date(care.get("end"))
    if start and end and end < start:
        raise ValidationFailed({"entrusted_care": ["The period ends before it starts."]})
    if birth and start and start < birth:
        raise ValidationFailed({"entrusted_care": ["The period starts before the child's birth."]})


def create(data: dict[str, Any], *, actor: Actor, session: Session) -> Child:
    region, township, lat, lon = _place(data, actor=actor, session=session)
    birth = _birth_date(data)
    if birth is None:
        raise ValidationFailed({"birth_date": ["Give the birth date or the ID number."]})
    check_birth_date(birth, field="id_number" if data.get("id_number") else "birth_date")
    validate_categories(data, birth)
    care = data.get("entrusted_care") or {}
    child = Child(
        code=new_code(),
        region_code=region.code,
        township_code=township.code,
        region_path=region.path,
        lat=lat,
        lon=lon,
        birth_date=birth,
        gender=Gender(data["gender"]) if data.get("gender") else None,
        categories=sorted(set(data.get("categories") or [])),
        disability=data.get("disability"),
        risk_level=RiskLevel(data.get("risk_level", RiskLevel.low)),
        risk_changed_by=actor.id,
        pii=_pii(data),
        name_index=cipher().blind_index(data["name"]),
        id_number_index=id_number_index(data.get("id_number")),
        entrusted_care_until=_as_date(care.get("end")),
        created_by=actor.id,
    )
    session.add(child)
    session.flush()
    add_record(
        child,
        RecordKind.risk_change,
        actor=actor,
        session=session,
        data={"to": child.risk_level.value},  # no "from": the initial assessment
    )
    audit.record_by(
        actor,
        "child.create",
        session=session,
        object_type="child",
        object_id=child.id,
    )
    return child


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def update(
    child: Child,
    data: dict[str, Any],
    *,
    actor: Actor,
    session: Session,
) -> Child:
    if "region_code" in data or "lat" in data or "lon" in data:
        merged = {"region_code": child.region_code, **data}
        region, township, lat, lon = _place(merged, actor=actor, session=session)
        child.region_code, child.township_code = region.code, township.code
        child.region_path, child.lat, child.lon = region.path, lat, lon
    if "id_number" in data or "birth_date" in data:
        birth = _birth_date(data)
        if birth is not None:
            check_birth_date(birth, field="id_number" if data.get("id_number") else "birth_date")
            child.birth_date = birth
    merged_cats = {
        "categories": data.get("categories", child.categories),
        "disability": data.get("disability", child.disability),
        **data,
    }
    validate_categories(merged_cats, child.birth_date)
    for key in ("gender", "disability"):
        if key in data:
            setattr(child, key, data[key])
    if "categories" in data:
        child.categories = sorted(set(data["categories"]))
    if any(
        k in data for k in ("name", "id_number", "phone", "address", "guardian", "entrusted_care")
    ):
        child.pii = _pii(data, child.pii)
        if "name" in data:
            child.name_index = cipher().blind_index(data["name"])
        if "id_number" in data:
            child.id_number_index = id_number_index(data["id_number"])
        if "entrusted_care" in data:
            child.entrusted_care_until = _as_date((data["entrusted_care"] or {}).get("end"))
    session.flush()
    audit.record_by(
        actor,
        "child.update",
        session=session,
        object_type="child",
        object_id=child.id,
        detail={"fields": sorted(data)},
    )
    return child


def set_risk(
    child: Child,
    level: RiskLevel,
    reason: str,
    *,
    actor: Actor,
    session: Session,
) -> Child:
    before = child.risk_level
    child.risk_level = level
    child.risk_changed_at = utcnow()
    child.risk_changed_by = actor.id
    session.flush()
    add_record(
        child,
        RecordKind.risk_change,
        actor=actor,
        session=session,
        body=reason,  # free text about the child: encrypted, never in `data`
        data={"from": before.value, "to": level.value},
    )
    audit.record_by(
        actor,
        "child.risk_change",
        session=session,
        object_type="child",
        object_id=child.id,
        detail={"from": before.value, "to": level.value},
    )
    return child


def record_consent(
    child: Child, data: dict[str, Any], *, actor: Actor, session: Session
) -> Consent:
    if data["given_on"] > date.today():
        raise ValidationFailed({"given_on": ["The date is in the future."]})
    if data["given_on"] < child.birth_date:
        raise ValidationFailed({"given_on": ["The date is before the child's birth."]})
    for old in child.consents:
        if old.revoked_at is None:
            old.revoked_at, old.revoked_by = utcnow(), actor.id  # superseded
    consent = Consent(
        child_id=child.id,
        guardian={"name": data["guardian_name"], "relation": data["guardian_relation"]},
        given_on=data["given_on"],
        scope=sorted(set(data["scope"])),
        evidence_ref=data["evidence_ref"],
        recorded_by=actor.id,
    )
    child.consents.append(consent)
    session.flush()
    add_record(
        child,
        RecordKind.consent,
        actor=actor,
        session=session,
        data={"consent_id": consent.id, "scope": consent.scope},
    )
    audit.record_by(
        actor,
        "child.consent",
        session=session,
        object_type="child",
        object_id=child.id,
    )
    return consent


def revoke_consent(child: Child, *, actor: Actor, session: Session) -> None:
    consent = child.active_consent
    if consent is None:
        raise Conflict("There is no consent to revoke.")
    consent.revoked_at, consent.revoked_by = utcnow(), actor.id
    session.flush()
    add_record(
        child,
        RecordKind.consent,
        actor=actor,
        session=session,
        data={"consent_id": consent.id, "revoked": True},
    )
    audit.record_by(
        actor,
        "child.consent_revoke",
        session=session,
        object_type="child",
        object_id=child.id,
    )


def matchable(child: Child, today: date | None = None) -> bool:
    """Needs of a child under 14 can be matched only with recorded, unrevoked consent."""
    today = today or date.today()
    if child.age_on(today) >= CONSENT_AGE:
        return True
    consent = child.active_consent
    return consent is not None and "matching" in consent.scope


def add_record(
    child: Child | int,
    kind: RecordKind,
    *,
    actor: Actor | None,
    session: Session,
    body: Any = None,
    data: dict[str, Any] | None = None,
) -> FileRecord:
    """A record in the child's file (the child, or its id when the caller has no need to
    load it)."""
    child_id = child if isinstance(child, int) else child.id
    record = FileRecord(
        child_id=child_id, kind=kind, author_id=actor.id if actor else None, body=body, data=data
    )
    session.add(record)  # flushed with the unit of work
    return record


def write_entry(
    child: Child, kind: RecordKind, body: str, *, actor: Actor, session: Session
) -> FileRecord:
    """A coordinator's work-log entry, assistance record or problem found."""
    record = add_record(child, kind, actor=actor, session=session, body=body)
    session.flush()
    audit.record_by(
        actor,
        f"child.record_{kind.value}",
        session=session,
        object_type="child",
        object_id=child.id,
    )
    return record


def history(
    child: Child, *, session: Session, kind: RecordKind | None = None
) -> Select[tuple[FileRecord]]:
    stmt = select(FileRecord).where(FileRecord.child_id == child.id)
    if kind:
        stmt = stmt.where(FileRecord.kind == kind)
    return stmt.order_by(FileRecord.at.desc(), FileRecord.id.desc())


def resolve_problem(
    child: Child, record_id: int, resolution: str, *, actor: Actor, session: Session
) -> FileRecord:
    record = session.get(FileRecord, record_id)
    if record is None or record.child_id != child.id or record.kind is not RecordKind.problem:
        raise NotFound()
    if record.resolved_at is not None:
        raise Conflict("This problem is already resolved.")
    record.resolved_at, record.resolution = utcnow(), resolution
    session.flush()
    audit.record_by(
        actor,
        "child.problem_resolve",
        session=session,
        object_type="child",
        object_id=child.id,
    )
    return record


def search(
    *,
    actor: Actor,
    session: Session,
    region: str | None = None,
    category: ChildCategory | None = None,
    risk_level: RiskLevel | None = None,
    q: str | None = None,
) -> Select[tuple[Child]]:
    stmt = visible(actor)
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Child.region_path.startswith(path, autoescape=True))
    if risk_level:
        stmt = stmt.where(Child.risk_level == risk_level)
    if category:
        stmt = stmt.where(json_text_contains(Child.categories, category.value))
    if q:
        stmt = stmt.where(code_or_name(actor, q))
    return stmt.order_by(Child.id)


def code_or_name(actor: Actor, q: str) -> Any:
    """A search term: the pseudonymous code for anyone; the exact full name only for the
    child's coordinators (a name search is how a pseudonymous view is re-identified)."""
    by_code = Child.code == q.strip().upper()
    if actor.role is not Role.coordinator:
        return by_code
    return or_(by_code, Child.name_index == cipher().blind_index(q))


def audit_list(children: list[Child], *, actor: Actor, session: Session) -> None:
    if children:
        audit.record_by(
            actor,
            "child.list",
            session=session,
            object_type="child",
            object_id=None,
            detail={"ids": [c.id for c in children]},
        )
