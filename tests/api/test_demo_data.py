"""Field-like demo data: reproducible, valid ID numbers, visible to the county's coordinator
and to nobody else."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from app.demo import DEMO_ACCOUNTS, seed_accounts, seed_regions
from app.demo_data import generate
from app.models import (
    Agency,
    Child,
    CoordinatorRegion,
    FileRecord,
    HoursStatus,
    Need,
    NeedStatus,
    NeedTransition,
    Organization,
    OrgMember,
    Pairing,
    PairingStatus,
    ProviderType,
    Region,
    RegionLevel,
    Resource,
    Role,
    User,
    Visit,
    VisitKind,
    Volunteer,
)
from app.services import field
from app.services.children import id_number_birth_date
from app.services.users import Actor
from tests.conftest import JINJIANG

_FIRST: dict[str, str] = {}
for _role, _phone, *_ in DEMO_ACCOUNTS:
    _FIRST.setdefault(_role, _phone)  # the first account of a role is its demo one
VOL, STAFF, DONOR = (_FIRST[r] for r in ("volunteer", "agency_staff", "donor"))

SMALL = {"children": 60, "volunteers": 20, "agencies": 2, "organizations": 3}


def _snapshot(session) -> tuple[list[str], Counter[str], int, int]:
    codes = sorted(session.scalars(select(Child.code)))
    cats = Counter(session.scalars(select(Need.category_code)))
    volunteers = session.scalar(select(func.count()).select_from(Volunteer))
    orgs = session.scalar(select(func.count()).select_from(Organization))
    return codes, cats, volunteers, orgs


def test_same_seed_same_data(app, db_session):
    first = db_session.begin_nested()
    counts = generate(db_session, seed=7, **SMALL)
    one = _snapshot(db_session)
    names = sorted(c.pii["name"] for c in db_session.scalars(select(Child)))
    first.rollback()
    db_session.expunge_all()
    second = db_session.begin_nested()
    generate(db_session, seed=7, **SMALL)
    assert _snapshot(db_session) == one
    assert sorted(c.pii["name"] for c in db_session.scalars(select(Child))) == names
    second.rollback()
    assert counts.children == 60 and len(one[0]) == 60 and one[2] == 20
    assert 60 <= sum(one[1].values()) <= 180  # 1-3 needs per child


def test_other_seed_other_data_and_no_second_run(app, db_session):
    generate(db_session, seed=1, **SMALL)
    codes = set(db_session.scalars(select(Child.code)))
    again = generate(db_session, seed=2, **SMALL)
    assert again.counties == 0 and again.skipped == ["350582000000"]
    assert set(db_session.scalars(select(Child.code))) == codes


def test_children_look_like_the_field(app, db_session):
    generate(db_session, seed=3, children=400, volunteers=100, agencies=12, organizations=6)
    kids = list(db_session.scalars(select(Child)))
    for child in kids:
        number = child.pii["id_number"]
        assert id_number_birth_date(number) == child.birth_date
        assert number.startswith("350582")
        assert int(number[16]) % 2 == (1 if child.gender.value == "male" else 0)
        assert 2 <= len(child.pii["name"]) <= 3
        assert child.region_code.startswith("350582") and child.region_path.endswith(
            f"{child.region_code}/"
        )
        if "disability" in child.categories:
            assert child.disability and 1 <= child.disability["grade"] <= 4
    risks = Counter(c.risk_level.value for c in kids)
    assert risks["low"] > risks["medium"] > risks["high"] > 0
    assert Counter(c for k in kids for c in k.categories).most_common(1)[0][0] == "left_behind"
    young = [k for k in kids if k.age_on(k.birth_date.today()) < 14]
    with_consent = sum(1 for k in young if k.active_consent is not None)
    assert 0.7 * len(young) < with_consent < len(young)
    needs = Counter(db_session.scalars(select(Need.category_code)))
    assert needs.most_common(2)[0][0] in {"tutoring", "companionship"}
    remote = db_session.scalar(select(func.count()).select_from(Need).where(~Need.in_person))
    assert remote > 0
    volunteers = list(db_session.scalars(select(Volunteer)))
    cleared = sum(1 for v in volunteers if v.cleared_on(v.created_at.date()))
    assert 0.7 < cleared / len(volunteers) < 0.95
    assert all(v.check_expires_on for v in volunteers if v.check_state.value == "cleared")
    agencies = list(db_session.scalars(select(Agency)))
    assert len(agencies) == 12 and all(a.areas and a.caseload_capacity > 0 for a in agencies)
    # one password hash for every generated account
    hashes = set(
        db_session.scalars(
            select(User.password_hash).join(Volunteer, Volunteer.owner_id == User.id)
        )
    )
    assert len(hashes) == 1


def test_coordinator_sees_the_children_a_volunteer_sees_no_names(client, accounts, db_session):
    generate(db_session, seed=5, **SMALL)
    db_session.commit()
    names = {c.pii["name"] for c in db_session.scalars(select(Child))}
    coordinator = accounts.create("coordinator", areas=(JINJIANG,))
    headers = accounts.headers(coordinator)
    listed = client.get("/api/v1/children/?page_size=100", headers=headers)
    assert listed.status_code == 200
    assert {c["name"] for c in listed.json} == names
    needs = client.get("/api/v1/needs/?page_size=100", headers=headers)
    assert needs.status_code == 200 and len(needs.json) >= 60

    volunteer = accounts.create("volunteer", region="350582100201")
    vheaders = accounts.headers(volunteer)
    assert client.get("/api/v1/children/", headers=vheaders).status_code == 403
    published = client.get("/api/v1/needs/?page_size=100", headers=vheaders)
    assert published.status_code == 200 and published.json  # consented needs are published
    text = published.get_data(as_text=True)
    assert not any(name in text for name in names)
    assert all("name" not in n["child"] for n in published.json)


# --- the demo county as a coordinator opens it (issue 12) ---------------------------------

FIELD = {"children": 400, "volunteers": 150, "agencies": 4, "organizations": 8}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
BRANDS = ("安踏", "特步", "七匹狼", "恒安", "361", "劲霸", "九牧", "利郎", "柒牌", "匹克")
BRANDS += ("鸿星", "盼盼", "达利", "安踏")


def _demo_county(db_session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    seed_regions(db_session)
    accounts = {u.phone: u.id for u in seed_accounts(db_session)}
    generate(db_session, seed=1, **FIELD)
    db_session.flush()
    return accounts


def test_demo_accounts_act_for_a_profile_an_agency_and_an_enterprise(app, db_session):
    accounts = _demo_county(db_session)
    live = select(Pairing).where(Pairing.status == PairingStatus.active)

    volunteer = db_session.scalar(select(Volunteer).where(Volunteer.owner_id == accounts[VOL]))
    assert volunteer is not None and volunteer.cleared_on(date.today())
    mine = db_session.scalars(
        live.where(
            Pairing.provider_type == ProviderType.volunteer, Pairing.provider_id == volunteer.id
        )
    ).all()
    assert mine and all(p.need.status is NeedStatus.matched for p in mine)
    assert db_session.scalar(
        select(func.count()).select_from(Visit).where(Visit.author_id == accounts[VOL])
    )

    staff = db_session.get(OrgMember, accounts[STAFF])
    assert staff is not None and staff.agency_id is not None
    assert db_session.scalars(
        live.where(
            Pairing.provider_type == ProviderType.agency, Pairing.provider_id == staff.agency_id
        )
    ).all()

    donor = db_session.get(OrgMember, accounts[DONOR])
    assert donor is not None and donor.organization_id is not None
    resources = db_session.scalars(
        select(Resource.id).where(Resource.organization_id == donor.organization_id)
    ).all()
    assert resources
    assert db_session.scalars(
        live.where(
            Pairing.provider_type == ProviderType.resource, Pairing.provider_id.in_(resources)
        )
    ).all()
    # each pairing's need went open -> matched with the approval in the child's file
    for pairing in db_session.scalars(live):
        steps = db_session.scalars(
            select(NeedTransition.to_status).where(NeedTransition.need_id == pairing.need_id)
        ).all()
        assert steps == ["open", "matched"]


def test_visits_make_overdue_the_exception(app, db_session):
    _demo_county(db_session)
    admin = Actor(id=0, role=Role.admin, area_paths=())
    overdue = db_session.execute(field.overdue(actor=admin, session=db_session, today=date.today()))
    share = len(overdue.all()) / FIELD["children"]
    assert 0 < share < 0.2  # some, not 3,681 of 4,000
    kinds = Counter(db_session.scalars(select(Visit.kind)))
    assert kinds[VisitKind.home_visit] > kinds[VisitKind.phone] > 0
    directors = db_session.scalars(
        select(User.display_name)
        .join(CoordinatorRegion, CoordinatorRegion.user_id == User.id)
        .where(CoordinatorRegion.region_code.startswith("350582100"))
    ).all()
    assert any("儿童主任" in name for name in directors)
    pending = db_session.scalar(
        select(func.count()).select_from(Visit).where(Visit.hours_status == HoursStatus.pending)
    )
    assert pending  # hours waiting for the coordinator


def test_names_of_places_and_organisations_are_plausible(app, db_session):
    _demo_county(db_session)
    generate(db_session, scale="province", counties=["350583"], children=50, volunteers=20)
    villages = db_session.execute(
        select(Region.name, Region.parent_code).where(
            Region.level == RegionLevel.village, Region.code.startswith("3505")
        )
    ).all()
    assert villages
    for name, _town in villages:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2}(村|社区)", name), name
    per_town = Counter(villages)
    assert max(per_town.values()) == 1  # no two villages of a township share a name
    towns = db_session.scalars(
        select(Region.name).where(Region.parent_code == "350583000000")
    ).all()
    assert towns and all(t.endswith(("镇", "乡")) for t in towns)
    assert len(set(towns)) == len(towns)
    for kind, name in db_session.execute(select(Organization.kind, Organization.name)):
        assert not any(brand in name for brand in BRANDS), name
        assert name.endswith("有限公司" if kind.value == "enterprise" else "基金会"), name
        assert name.startswith(("晋江市", "南安市")), name
    for name in db_session.scalars(select(Agency.name)):
        assert name.startswith(("晋江市", "南安市")) and name.endswith("社会工作服务中心")


def test_needs_fit_the_child_and_left_behind_children_are_under_16(app, db_session):
    _demo_county(db_session)
    today = date.today()
    kids = list(db_session.scalars(select(Child)))
    for child in kids:
        if "left_behind" in child.categories:
            assert child.age_on(today) < 16
    rows = db_session.execute(
        select(Need.category_code, Need.skills, Need.item_code, Child.birth_date).join(Child)
    ).all()
    for category, skills, item, birth in rows:
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        if category in ("tutoring", "home_education"):
            assert 6 <= age <= 17, (category, age)
        if age <= 2:
            assert category not in ("tutoring", "companionship", "psychological", "training_post")
            assert item not in ("school_supplies", "tuition")
        if "physics" in skills:
            assert age >= 13
    care = [c for c in kids if c.entrusted_care_until is not None]
    assert care  # some entrusted-care records (委托照护)
    for child in care:
        record = child.pii["entrusted_care"]
        assert record["start"] <= record["end"] == child.entrusted_care_until.isoformat()
        assert record["carer"]["relation"] and len(record["parents"]) == 2


def test_no_english_in_childrens_files_and_the_coordinators_words(app, db_session):
    _demo_county(db_session)
    for body, data in db_session.execute(select(FileRecord.body, FileRecord.data)):
        assert body is None or not LATIN_WORD.search(str(body))
        for value in (data or {}).values():
            assert not (isinstance(value, str) and " " in value), data  # codes, not sentences
    for (notes,) in db_session.execute(select(Visit.notes)):
        assert CJK.search(notes["done"]) and not LATIN_WORD.search(
            notes["done"] + notes["problems"]
        )
    for description in db_session.scalars(select(Need.description)):
        assert description is None or not LATIN_WORD.search(description)
    names = db_session.scalars(select(User.display_name).where(User.role == Role.coordinator))
    for name in names:
        assert "协调员" not in name and ("儿童主任" in name or "儿童督导员" in name), name


def test_messages_say_what_coordinators_say():
    """儿童督导员 / 儿童主任, not 协调员; 名额, not 容量 (the words of the field)."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2] / "app" / "translations"
    for po in root.glob("zh*/LC_MESSAGES/messages.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            text = message.string if isinstance(message.string, str) else "".join(message.string)
            assert "协调员" not in text and "容量" not in text, (message.id, text)
