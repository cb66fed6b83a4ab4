"""Field-like demo data: reproducible, valid ID numbers, visible to the county's coordinator
and to nobody else."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.demo_data import generate
from app.models import Agency, Child, Need, Organization, User, Volunteer
from app.services.children import id_number_birth_date
from tests.conftest import JINJIANG

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
