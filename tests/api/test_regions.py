from __future__ import annotations

from sqlalchemy import select

from app.models import Region, RegionLevel
from app.services import regions
from tests.conftest import ANHAI, JINJIANG


def test_gb2260_divisions_are_loaded_with_parents_and_centroids(db_session):
    assert regions.count(session=db_session) > 3200
    jinjiang = db_session.get(Region, JINJIANG)
    assert jinjiang.name == "晋江市" and jinjiang.level is RegionLevel.county
    assert jinjiang.parent_code == "350500000000"
    assert jinjiang.path == "/350000000000/350500000000/350582000000/"
    assert abs(jinjiang.lat - 24.78) < 0.1 and abs(jinjiang.lon - 118.55) < 0.1
    # Municipality districts hang under the province when no city row exists.
    dongcheng = db_session.get(Region, "110101000000")
    assert dongcheng.path.startswith("/110000000000/")


def test_within_area_is_a_hierarchical_query(db_session):
    county = db_session.get(Region, JINJIANG)
    under = db_session.scalars(
        select(Region.code).where(regions.within(Region.path, [county.path]))
    ).all()
    assert JINJIANG in under and ANHAI in under
    assert all(code.startswith("350582") for code in under)
    assert "350581000000" not in under


def test_public_region_search(client):
    response = client.get("/api/v1/regions/", query_string={"parent": "350582", "page_size": 50})
    assert response.status_code == 200
    names = {r["name"] for r in response.json}
    assert "安海镇" in names
    one = client.get("/api/v1/regions/350582")
    assert one.status_code == 200 and one.json["code"] == JINJIANG
    assert "ETag" in one.headers


def test_admin_creates_township_and_village(client, accounts):
    headers = accounts.headers(accounts.create("admin"))
    township = client.post(
        "/api/v1/regions/",
        headers=headers,
        json={
            "code": "350582199",
            "name": "测试镇",
            "parent_code": "350582",
            "lat": 24.7,
            "lon": 118.5,
        },
    )
    assert township.status_code == 201, township.json
    assert township.json["level"] == "township" and township.json["code"] == "350582199000"
    village = client.post(
        "/api/v1/regions/",
        headers=headers,
        json={"code": "350582199201", "name": "测试村", "parent_code": "350582199000"},
    )
    assert village.status_code == 201 and village.json["lat"] == 24.7
    wrong_parent = client.post(
        "/api/v1/regions/",
        headers=headers,
        json={"code": "350582199202", "name": "错村", "parent_code": "350581"},
    )
    assert wrong_parent.status_code == 422 and "parent_code" in wrong_parent.json["errors"]
    duplicate = client.post(
        "/api/v1/regions/",
        headers=headers,
        json={"code": "350582199201", "name": "测试村", "parent_code": "350582199000"},
    )
    assert duplicate.status_code == 409


def test_region_import_is_all_or_nothing(db_session):
    import pytest

    from app.errors import ValidationFailed

    bad = (
        "code,name,parent_code\n350582198,新镇,350582\n"
        "350582198201,新村,350582198\n350582198202,坏村,350581\n"
    )
    with pytest.raises(ValidationFailed) as info, db_session.begin_nested():
        regions.import_csv(bad, session=db_session)
    assert list(info.value.fields) == ["row 4 (350582198202)"]
    assert db_session.get(Region, "350582198000") is None
    good = bad.rsplit("\n", 2)[0] + "\n"
    assert regions.import_csv(good, session=db_session) == 2
