"""A donor's gift of goods from approval to delivery (签收), and the accounts of agency staff
and donors naming what they act for."""

from __future__ import annotations

from sqlalchemy import select

from app.models import AuditEvent, Need, NeedStatus, OrgMember, Pairing
from tests.api.builders import World
from tests.api.test_weekly_loop import ANHAI, decide, proposals_of, run_county


def _donor_of(accounts, db_session, org):
    user = accounts.create("donor")
    db_session.add(OrgMember(user_id=user.id, organization_id=org.id))
    db_session.commit()
    return user


def test_the_donor_confirms_delivery_and_the_need_is_fulfilled(
    client, accounts, coord_headers, db_session, coordinator
):
    world = World(db_session, coordinator)
    village = world.village(ANHAI)
    org = world.donor(village)
    world.resource(org, "goods", quantity=10, item="books")
    need = world.need(world.child(village), "goods", quantity=4, unit="本", item_code="books")
    world.commit()
    donor = _donor_of(accounts, db_session, org)
    headers = accounts.headers(donor)
    me = client.get("/api/v1/users/me", headers=headers).json
    assert me["organization_id"] == org.id and me["agency_id"] is None

    run_county(client, coord_headers)
    decide(client, coord_headers, approve=proposals_of(client, coord_headers))
    (pairing,) = client.get("/api/v1/pairings/", headers=headers).json
    assert pairing["need"]["item_code"] == "books" and "name" not in pairing["need"]["child"]
    url = f"/api/v1/pairings/{pairing['id']}"

    early = client.post(f"{url}/delivery", headers=headers)
    assert early.status_code == 409  # not accepted yet
    assert client.post(f"{url}/acceptance", headers=headers).status_code == 200
    other = accounts.headers(_donor_of(accounts, db_session, world.donor(village, "别家")))
    assert client.post(f"{url}/delivery", headers=other).status_code == 404
    coordinator_try = client.post(f"{url}/delivery", headers=coord_headers)
    assert coordinator_try.status_code == 403

    done = client.post(f"{url}/delivery", headers=headers)
    assert done.status_code == 200, done.json
    assert done.json["delivered_at"] and done.json["status"] == "ended"
    assert done.json["end_reason"] == "delivered"
    db_session.expire_all()
    assert db_session.get(Need, need.id).status is NeedStatus.fulfilled
    assert db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "pairing.deliver", AuditEvent.object_id == str(pairing["id"])
        )
    )
    again = client.post(f"{url}/delivery", headers=headers)
    assert again.status_code == 409
    assert db_session.get(Pairing, pairing["id"]).delivered_by == donor.id


def test_only_goods_are_signed_for(client, accounts, coord_headers, db_session, coordinator):
    world = World(db_session, coordinator)
    village = world.village(ANHAI)
    org = world.donor(village)
    world.resource(org, "funds", amount=5000, uses=())
    world.need(world.child(village), "funds", amount=800, item_code="tuition")
    world.commit()
    headers = accounts.headers(_donor_of(accounts, db_session, org))
    run_county(client, coord_headers)
    decide(client, coord_headers, approve=proposals_of(client, coord_headers))
    (pairing,) = client.get("/api/v1/pairings/", headers=headers).json
    url = f"/api/v1/pairings/{pairing['id']}"
    assert client.post(f"{url}/acceptance", headers=headers).status_code == 200
    refused = client.post(f"{url}/delivery", headers=headers)
    assert refused.status_code == 409


def test_agency_staff_see_their_agency_on_their_account(client, accounts, db_session):
    staff = accounts.create("agency_staff")
    headers = accounts.headers(staff)
    created = client.post(
        "/api/v1/agencies/",
        headers=headers,
        json={
            "name": "晋江某社会工作服务中心",
            "categories": ["companionship"],
            "staff_count": 3,
            "caseload_capacity": 12,
            "region_code": "350582100000",
            "township_codes": ["350582100000"],
        },
    )
    assert created.status_code == 201, created.json
    me = client.get("/api/v1/users/me", headers=headers).json
    assert me["agency_id"] == created.json["id"] and me["organization_id"] is None
