"""Providers: volunteers (own profile, background check), social-work agencies,
enterprises and charities, and the resources they post. Each is owned by its accounts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.db import json_text_contains
from app.errors import (
    Conflict,
    Forbidden,
    InvalidTransition,
    NotFound,
    ValidationFailed,
)
from app.geo import to_wgs84
from app.models import (
    CHECK_TRANSITIONS,
    Agency,
    AgencyArea,
    CheckState,
    NeedCategory,
    Organization,
    OrgMember,
    Region,
    RegionLevel,
    Resource,
    ResourceKind,
    Role,
    Volunteer,
)
from app.services import aid_items, audit, regions, scope
from app.services.users import Actor

CHECK_VALID_YEARS = 5  # a criminal-record check older than this is done again


def _locate(
    data: dict[str, Any], session: Session, field: str = "region_code"
) -> tuple[Region, float, float]:
    try:
        region = regions.get(data[field], session=session)
    except NotFound:
        raise ValidationFailed({field: ["No such region."]}) from None
    if data.get("lat") is not None and data.get("lon") is not None:
        lat, lon = to_wgs84(data["lat"], data["lon"], data.get("coord_system", "wgs84"))
        regions.check_place(region, lat, lon, session=session)
    elif region.lat is not None and region.lon is not None:
        lat, lon = region.lat, region.lon
    else:
        raise ValidationFailed({"lat": ["No location given and the region has none."]})
    return region, lat, lon


PLACE = {"region_code", "lat", "lon"}


def _check_categories(codes: list[str], session: Session, field: str = "categories") -> None:
    known = set(session.scalars(select(NeedCategory.code).where(NeedCategory.code.in_(codes))))
    unknown = sorted(set(codes) - known)
    if unknown:
        raise ValidationFailed({field: [f"Unknown category: {c}" for c in unknown]})


def _audit(
    action: str,
    obj_type: str,
    obj_id: Any,
    actor: Actor,
    session: Session,
    detail: dict[str, Any] | None = None,
) -> None:
    audit.record(
        action,
        session=session,
        actor_id=actor.id,
        actor_role=actor.role.value,
        object_type=obj_type,
        object_id=obj_id,
        detail=detail,
    )


# --- volunteers ---------------------------------------------------------------------------


def own_volunteer(actor: Actor, *, session: Session) -> Volunteer:
    volunteer = session.scalar(select(Volunteer).where(Volunteer.owner_id == actor.id))
    if volunteer is None:
        raise NotFound("You have no volunteer profile yet.")
    return volunteer


def save_volunteer(data: dict[str, Any], *, actor: Actor, session: Session) -> Volunteer:
    """Create or replace the caller's own profile. Verified flags and the background check
    are kept: a volunteer cannot verify themselves."""
    volunteer = session.scalar(select(Volunteer).where(Volunteer.owner_id == actor.id))
    region, lat, lon = _locate(data, session)
    _check_categories(data.get("categories", []), session)
    verified = {s["skill"] for s in (volunteer.skills if volunteer else []) if s.get("verified")}
    skills = [
        {"skill": name, "verified": name in verified}
        for name in sorted(set(data.get("skills", [])))
    ]
    fields = {
        k: v
        for k, v in data.items()
        if k not in {"skills", "region_code", "lat", "lon", "coord_system"}
    }
    if volunteer is None:
        volunteer = Volunteer(owner_id=actor.id, check_state=CheckState.registered)
        session.add(volunteer)
        action = "volunteer.create"
    else:
        action = "volunteer.update"
    for key, value in fields.items():
        setattr(volunteer, key, value)
    volunteer.skills = skills
    volunteer.region_code, volunteer.region_path = region.code, region.path
    volunteer.lat, volunteer.lon = lat, lon
    session.flush()
    _audit(action, "volunteer", volunteer.id, actor, session)
    return volunteer


def visible_volunteers(actor: Actor) -> Select[tuple[Volunteer]]:
    stmt = select(Volunteer)
    if actor.role is Role.volunteer:
        return stmt.where(Volunteer.owner_id == actor.id)
    return stmt.where(scope.area_or_all(actor, Volunteer.region_path))


def get_volunteer(volunteer_id: int, *, actor: Actor, session: Session) -> Volunteer:
    volunteer = session.scalar(visible_volunteers(actor).where(Volunteer.id == volunteer_id))
    if volunteer is None:
        raise NotFound()
    return volunteer


def search_volunteers(
    *,
    actor: Actor,
    session: Session,
    region: str | None = None,
    category: str | None = None,
    check_state: CheckState | None = None,
    skill: str | None = None,
) -> Select[tuple[Volunteer]]:
    stmt = visible_volunteers(actor)
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Volunteer.region_path.startswith(path, autoescape=True))
    if check_state:
        stmt = stmt.where(Volunteer.check_state == check_state)
    if category:
        stmt = stmt.where(json_text_contains(Volunteer.categories, category))
    if skill:
        stmt = stmt.where(json_text_contains(Volunteer.skills, {"skill": skill}))
    return stmt.order_by(Volunteer.id)


def set_check(
    volunteer: Volunteer,
    state: CheckState,
    *,
    actor: Actor,
    session: Session,
    decided_on: date | None = None,
    expires_on: date | None = None,
) -> Volunteer:
    """Background check: registered → pending → cleared (with expiry and verifier) or
    rejected; cleared → expired. Only outcome, verifier and date are stored."""
    before = volunteer.check_state
    if state not in CHECK_TRANSITIONS[before]:
        raise InvalidTransition(
            f"A background check cannot go from {before.value} to {state.value}.",
            from_status=before.value,
            to_status=state.value,
        )
    today = date.today()
    if decided_on is not None and decided_on > today:
        raise ValidationFailed({"decided_on": ["The date is in the future."]})
    if state is CheckState.cleared:
        if expires_on is None:
            raise ValidationFailed({"expires_on": ["A cleared check has an expiry date."]})
        if expires_on <= today:
            raise ValidationFailed({"expires_on": ["The expiry date has passed."]})
        if expires_on > date(today.year + CHECK_VALID_YEARS, today.month, min(today.day, 28)):
            raise ValidationFailed({"expires_on": ["A check is valid for at most five years."]})
    volunteer.check_state = state
    volunteer.check_decided_on = decided_on or date.today()
    volunteer.check_expires_on = expires_on if state is CheckState.cleared else None
    volunteer.check_verifier_id = actor.id
    session.flush()
    _audit(
        "volunteer.check",
        "volunteer",
        volunteer.id,
        actor,
        session,
        {"from": before.value, "to": state.value},
    )
    return volunteer


def verify_skills(
    volunteer: Volunteer, names: list[str], *, actor: Actor, session: Session
) -> Volunteer:
    declared = {s["skill"] for s in volunteer.skills}
    unknown = sorted(set(names) - declared)
    if unknown:
        raise ValidationFailed({"skills": [f"Not declared by the volunteer: {n}" for n in unknown]})
    volunteer.skills = [
        {
            "skill": s["skill"],
            "verified": s.get("verified") or s["skill"] in names,
            **(
                {"verified_by": actor.id}
                if s["skill"] in names
                else {k: v for k, v in s.items() if k == "verified_by"}
            ),
        }
        for s in volunteer.skills
    ]
    session.flush()
    _audit(
        "volunteer.skills_verify",
        "volunteer",
        volunteer.id,
        actor,
        session,
        {"skills": sorted(names)},
    )
    return volunteer


# --- agencies and organisations ---------------------------------------------------------


def _membership(actor: Actor, session: Session) -> OrgMember | None:
    return session.get(OrgMember, actor.id)


def create_agency(data: dict[str, Any], *, actor: Actor, session: Session) -> Agency:
    if _membership(actor, session) is not None:
        raise Conflict("Your account already acts for an organisation.")
    region, lat, lon = _locate(data, session)
    _check_categories(data.get("categories", []), session)
    _check_contract(data.get("contract_start"), data.get("contract_end"))
    townships = data.pop("township_codes", [])
    agency = Agency(
        **{k: v for k, v in data.items() if k not in {"region_code", "lat", "lon", "coord_system"}},
        region_code=region.code,
        region_path=region.path,
        lat=lat,
        lon=lon,
    )
    session.add(agency)
    session.flush()
    _set_townships(agency, townships, session)
    session.add(OrgMember(user_id=actor.id, agency_id=agency.id))
    session.flush()
    _audit("agency.create", "agency", agency.id, actor, session)
    return agency


def _set_townships(agency: Agency, codes: list[str], session: Session) -> None:
    """The townships an agency is contracted for lie in its own county."""
    county = regions.county_of(agency_region(agency, session))
    resolved = []
    for code in codes:
        try:
            region = regions.get(code, session=session)
        except NotFound:
            raise ValidationFailed({"township_codes": [f"No such region: {code}"]}) from None
        if region.level is not RegionLevel.township:
            raise ValidationFailed({"township_codes": [f"Not a township: {code}"]})
        if f"/{county}/" not in region.path:
            raise ValidationFailed(
                {"township_codes": [f"Not a township of the agency's county: {code}"]}
            )
        resolved.append(region.code)
    agency.areas = [AgencyArea(region_code=c) for c in sorted(set(resolved))]


def agency_region(agency: Agency, session: Session) -> Region:
    region = session.get(Region, agency.region_code)
    assert region is not None  # a foreign key
    return region


def _check_contract(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed({"contract_end": ["The contract ends before it starts."]})


def member_of_agency(actor: Actor, agency: Agency, session: Session) -> bool:
    member = _membership(actor, session)
    return member is not None and member.agency_id == agency.id


def get_agency(agency_id: int, *, session: Session) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound()
    return agency


def update_agency(
    agency: Agency,
    data: dict[str, Any],
    *,
    actor: Actor,
    session: Session,
) -> Agency:
    if not (actor.is_admin or member_of_agency(actor, agency, session)):
        raise NotFound()
    if "categories" in data:
        _check_categories(data["categories"], session)
    _check_contract(
        data.get("contract_start", agency.contract_start),
        data.get("contract_end", agency.contract_end),
    )
    if PLACE & set(data):
        region, lat, lon = _locate({"region_code": agency.region_code, **data}, session)
        agency.region_code, agency.region_path, agency.lat, agency.lon = (
            region.code,
            region.path,
            lat,
            lon,
        )
    if "township_codes" in data or "region_code" in data:
        # checked against the agency's county, which may just have changed
        _set_townships(agency, data.pop("township_codes", agency.township_codes), session)
    for key, value in data.items():
        if key not in {"region_code", "lat", "lon", "coord_system"}:
            setattr(agency, key, value)
    session.flush()
    _audit("agency.update", "agency", agency.id, actor, session, {"fields": sorted(data)})
    return agency


def create_organization(data: dict[str, Any], *, actor: Actor, session: Session) -> Organization:
    if _membership(actor, session) is not None:
        raise Conflict("Your account already acts for an organisation.")
    _check_alliance(data, actor)
    region, lat, lon = _locate(data, session)
    org = Organization(
        **{k: v for k, v in data.items() if k not in {"region_code", "lat", "lon", "coord_system"}},
        region_code=region.code,
        region_path=region.path,
        lat=lat,
        lon=lon,
    )
    session.add(org)
    session.flush()
    session.add(OrgMember(user_id=actor.id, organization_id=org.id))
    session.flush()
    _audit("organization.create", "organization", org.id, actor, session)
    return org


def _check_alliance(data: dict[str, Any], actor: Actor) -> None:
    """Membership of the county's enterprise alliance (晋爱同行企业助残联盟) is confirmed by
    an admin or a coordinator, never declared by the organisation itself."""
    if "alliance_member" in data and actor.role not in (Role.admin, Role.coordinator):
        raise ValidationFailed(
            {"alliance_member": ["Only an admin or a coordinator confirms alliance membership."]}
        )


def get_organization(org_id: int, *, session: Session) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise NotFound()
    return org


def member_of_org(actor: Actor, org: Organization, session: Session) -> bool:
    member = _membership(actor, session)
    return member is not None and member.organization_id == org.id


def may_edit_organization(actor: Actor, org: Organization, session: Session) -> bool:
    """Its members and admins; coordinators of its area (alliance membership only)."""
    if actor.is_admin or member_of_org(actor, org, session):
        return True
    return actor.role is Role.coordinator and regions.path_within(org.region_path, actor.area_paths)


def update_organization(
    org: Organization,
    data: dict[str, Any],
    *,
    actor: Actor,
    session: Session,
) -> Organization:
    if not may_edit_organization(actor, org, session):
        raise NotFound()
    coordinator = actor.role is Role.coordinator
    _check_alliance(data, actor)
    if coordinator:
        others = sorted(set(data) - {"alliance_member", "coord_system"})
        if others:
            message = "Coordinators confirm alliance membership only."
            raise ValidationFailed({name: [message] for name in others})
    if PLACE & set(data):
        region, lat, lon = _locate({"region_code": org.region_code, **data}, session)
        org.region_code, org.region_path, org.lat, org.lon = region.code, region.path, lat, lon
    for key, value in data.items():
        if key not in {"region_code", "lat", "lon", "coord_system"}:
            setattr(org, key, value)
    session.flush()
    _audit("organization.update", "organization", org.id, actor, session, {"fields": sorted(data)})
    return org


# --- resources --------------------------------------------------------------------------


_KIND_OF_CATEGORY = {
    "goods": ResourceKind.goods,
    "funds": ResourceKind.funds,
    "post": ResourceKind.post,
}


def create_resource(
    org: Organization, data: dict[str, Any], *, actor: Actor, session: Session
) -> Resource:
    if not member_of_org(actor, org, session):
        raise Forbidden("Only members of the organisation post its resources.")
    category = session.get(NeedCategory, data["category_code"])
    if category is None or category.kind.value not in _KIND_OF_CATEGORY:
        raise ValidationFailed({"category_code": ["Not a goods, funds or post category."]})
    kind = _KIND_OF_CATEGORY[category.kind.value]
    errors: dict[str, list[str]] = {}
    if kind is ResourceKind.goods and not (data.get("quantity") and data.get("unit")):
        errors["quantity"] = ["Goods need a quantity and a unit."]
    if kind is ResourceKind.funds and not data.get("amount"):
        errors["amount"] = ["Funds need an amount."]
    errors.update(
        aid_items.resource_errors(
            kind, data.get("item_code"), data.get("allowed_uses") or [], session=session
        )
    )
    if kind is ResourceKind.post:
        if not data.get("posts"):
            errors["posts"] = ["Say how many posts."]
        if (data.get("min_age") or 16) < 16:
            errors["min_age"] = ["Training posts are for youth from 16."]
    if errors:
        raise ValidationFailed(errors)
    located = {"region_code": data.get("region_code") or org.region_code, **data}
    region, lat, lon = _locate(located, session)
    resource = Resource(
        organization_id=org.id,
        kind=kind,
        **{k: v for k, v in data.items() if k not in {"region_code", "lat", "lon", "coord_system"}},
        region_code=region.code,
        region_path=region.path,
        lat=lat,
        lon=lon,
    )
    if kind is ResourceKind.post and resource.min_age is None:
        resource.min_age = 16
    session.add(resource)
    session.flush()
    _audit("resource.create", "resource", resource.id, actor, session)
    return resource


def search_resources(
    *,
    actor: Actor,
    session: Session,
    organization_id: int | None = None,
    kind: ResourceKind | None = None,
    region: str | None = None,
    category: str | None = None,
) -> Select[tuple[Resource]]:
    """Posted resources are a public offer: every signed-in role may browse them."""
    stmt = select(Resource)
    if organization_id:
        stmt = stmt.where(Resource.organization_id == organization_id)
    if kind:
        stmt = stmt.where(Resource.kind == kind)
    if category:
        stmt = stmt.where(Resource.category_code == category)
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(Resource.region_path.startswith(path, autoescape=True))
    return stmt.order_by(Resource.id)


def _public_search(
    model: Any, *, session: Session, region: str | None, category: str | None
) -> Select[Any]:
    stmt = select(model).order_by(model.id)
    if region:
        path = regions.path_of(region, session=session)
        stmt = stmt.where(model.region_path.startswith(path, autoescape=True))
    if category and hasattr(model, "categories"):
        stmt = stmt.where(json_text_contains(model.categories, category))
    return stmt


def search_agencies(
    *, session: Session, region: str | None = None, category: str | None = None
) -> Select[tuple[Agency]]:
    """The published list of agencies (003: the list of delivering organisations is public)."""
    return _public_search(Agency, session=session, region=region, category=category)


def search_organizations(
    *,
    session: Session,
    region: str | None = None,
    kind: Any = None,
    alliance_member: bool | None = None,
) -> Select[tuple[Organization]]:
    stmt = _public_search(Organization, session=session, region=region, category=None)
    if kind:
        stmt = stmt.where(Organization.kind == kind)
    if alliance_member is not None:
        stmt = stmt.where(Organization.alliance_member.is_(alliance_member))
    return stmt
