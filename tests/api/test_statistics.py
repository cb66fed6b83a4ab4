"""Every statistic against the hand-counted field of `stats_fixture` (first quarter of 2026),
through the API, on SQLite and PostgreSQL; scope across accounts; published figures."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from app.models import Region, RiskLevel, Visit, VisitKind
from app.services.statistics import (
    Period,
    Query,
    Table,
    area_of_region,
    child_rhythm,
    compute,
    suppress,
)
from tests.api import stats_fixture
from tests.api.stats_fixture import local
from tests.conftest import ANHAI, JINJIANG, SHISHI

Q1 = {"period": "2026-Q1"}


@pytest.fixture
def field(db_session, coordinator):  # type: ignore[no-untyped-def]
    return stats_fixture.build(db_session, coordinator)


def get(client, headers, path: str, **args: Any) -> dict[str, Any]:
    response = client.get(f"/api/v1/stats/{path}", query_string={**Q1, **args}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def table(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in doc["tables"] if t["name"] == name)


def rows(doc: dict[str, Any], name: str, key: str) -> dict[str, dict[str, Any]]:
    return {r[key]: r for r in table(doc, name)["rows"]}


def test_children_by_risk_category_township_and_age(client, coord_headers, field):
    doc = get(client, coord_headers, "children", region=JINJIANG)
    assert doc["period"] == {
        "code": "2026-Q1",
        "kind": "quarter",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "title": "2026年第1季度",
    }
    risk = rows(doc, "children_by_risk", "risk_level")
    assert {k: (v["children"], v["new_in_period"]) for k, v in risk.items()} == {
        "high": (2, 0),
        "medium": (1, 0),
        "low": (2, 1),
    }
    assert table(doc, "children_by_risk")["total"] == {"children": 5, "new_in_period": 1}
    assert risk["high"]["risk_level_label"] == "高"
    category = {k: v["children"] for k, v in rows(doc, "children_by_category", "category").items()}
    assert category == {
        "left_behind": 3,
        "family_hardship": 1,
        "disability": 1,
        "serious_illness": 0,
        "autism": 0,
        "guardianship_hardship": 0,
        "orphan": 1,
        "de_facto_unsupported": 0,
        "hiv_affected": 0,
    }
    township = rows(doc, "children_by_township", "township_code")
    assert {
        k[6:9]: (v["children"], v["high"], v["medium"], v["low"]) for k, v in township.items()
    } == {
        "100": (3, 2, 1, 0),
        "101": (2, 0, 0, 2),
    }
    assert township["350582100000"]["township"] == "安海镇"
    ages = {k: v["children"] for k, v in rows(doc, "children_by_age", "age_band").items()}
    assert ages == {"0-2": 1, "3-5": 1, "6-11": 2, "12-14": 0, "15-17": 1, "18+": 0}


def test_needs_by_status_at_the_end_and_time_to_matched(client, coord_headers, field):
    doc = get(client, coord_headers, "needs")
    needs = rows(doc, "needs_by_category", "category")
    assert {k: (v["needs"], v["children"], v["opened_in_period"]) for k, v in needs.items()} == {
        "tutoring": (3, 3, 2),
        "companionship": (1, 1, 1),
        "goods": (1, 1, 1),
        "funds": (1, 1, 1),
    }
    # status on 31 March: B's need was fulfilled and C's matched only in April
    assert (needs["tutoring"]["matched"], needs["tutoring"]["open"]) == (2, 1)
    assert needs["tutoring"]["fulfilled"] == 0
    assert needs["funds"]["closed"] == 1 and needs["goods"]["matched"] == 1
    assert table(doc, "needs_by_category")["total"]["needs"] == 6
    assert table(doc, "needs_by_category")["total"]["children"] == 5
    timing = rows(doc, "time_to_matched", "category")
    assert {k: (v["matched"], v["median_days"], v["p90_days"]) for k, v in timing.items()} == {
        "tutoring": (2, 10.0, 30.0),
        "goods": (1, 20.0, 20.0),
    }
    total = table(doc, "time_to_matched")["total"]
    assert (total["matched"], total["median_days"], total["p90_days"]) == (3, 20.0, 30.0)


def test_children_served_by_risk(client, coord_headers, field):
    doc = get(client, coord_headers, "served")
    served = rows(doc, "children_served", "risk_level")
    assert {k: (v["with_needs"], v["served"], v["served_pct"]) for k, v in served.items()} == {
        "high": (2, 2, 100.0),
        "medium": (1, 0, 0.0),
        "low": (2, 1, 50.0),
    }
    assert table(doc, "children_served")["total"] == {
        "with_needs": 5,
        "served": 3,
        "served_pct": 60.0,
    }


def test_visits_due_and_done_follow_the_rhythm(client, coord_headers, field):
    doc = get(client, coord_headers, "visits")
    rhythm = rows(doc, "visit_rhythm", "risk_level")
    figures = {
        k: (v["visits_due"], v["visits_done"], v["contacts_due"], v["contacts_done"])
        for k, v in rhythm.items()
    }
    assert figures == {"high": (6, 3, 6, 4), "medium": (3, 0, 3, 0), "low": (1, 0, 4, 3)}
    assert rhythm["high"]["visits_pct"] == 50.0
    kinds = {
        k: (v["visits"], v["children"]) for k, v in rows(doc, "visits_by_kind", "kind").items()
    }
    assert kinds == {"home_visit": (4, 3), "school": (1, 1), "phone": (2, 2), "video": (1, 1)}
    assert table(doc, "visits_by_kind")["total"] == {"visits": 8, "children": 4}


def test_urgent_reports_and_time_to_first_handling(client, coord_headers, field):
    doc = get(client, coord_headers, "urgent-reports")
    reports = rows(doc, "urgent_reports", "danger")
    assert {
        k: (v["reports"], v["handled"], v["closed"], v["median_hours"], v["p90_hours"])
        for k, v in reports.items()
    } == {"abuse": (2, 2, 1, 2.0, 6.0), "neglect": (1, 0, 0, None, None)}
    assert table(doc, "urgent_reports")["total"] == {
        "reports": 3,
        "handled": 2,
        "closed": 1,
        "median_hours": 2.0,
        "p90_hours": 6.0,
    }


def test_providers_registered_and_active(client, coord_headers, field):
    doc = get(client, coord_headers, "providers")
    providers = rows(doc, "providers", "provider")
    assert {k: (v["registered"], v["active"]) for k, v in providers.items()} == {
        "volunteer": (2, 1),
        "agency": (0, 0),
        "organization": (1, 1),
    }
    assert providers["volunteer"]["cleared"] == 1


def test_service_hours_goods_and_funds(client, coord_headers, field):
    doc = get(client, coord_headers, "delivery")
    hours = rows(doc, "service_hours", "role")
    assert {
        k: (v["visits"], v["children"], v["people"], v["hours_confirmed"], v["hours_pending"])
        for k, v in hours.items()
    } == {"volunteer": (5, 2, 1, 4.0, 1.0), "coordinator": (3, 2, 1, 0.0, 3.0)}
    assert table(doc, "service_hours")["total"]["children"] == 4
    goods = table(doc, "goods_and_funds")["rows"]
    assert [
        (r["kind"], r["item"], r["unit"], r["deliveries"], r["children"], r["quantity"])
        for r in goods
    ] == [("goods", "school_supplies", "套", 1, 1, 2)]
    assert goods[0]["item_label"] == "书包文具"


def test_a_township_coordinator_counts_their_township_only(client, accounts, field):
    anhai = accounts.headers(accounts.create("coordinator", areas=(ANHAI,)))
    doc = get(client, anhai, "children")
    assert table(doc, "children_by_risk")["total"]["children"] == 3
    assert doc["area"]["name"] == "安海镇"
    refused = client.get(
        "/api/v1/stats/children",
        query_string={**Q1, "region": JINJIANG},
        headers=anhai,
    )
    assert refused.status_code == 422 and "region" in refused.json["errors"]
    shishi = accounts.headers(accounts.create("coordinator", areas=(SHISHI,)))
    assert table(get(client, shishi, "children"), "children_by_risk")["total"]["children"] == 0
    volunteer = accounts.headers(accounts.create("volunteer"))
    assert client.get("/api/v1/stats/children", headers=volunteer).status_code == 403
    assert client.get("/api/v1/stats/report").status_code == 401


def test_admins_see_everything(client, accounts, field):
    admin = accounts.headers(accounts.create("admin"))
    doc = get(client, admin, "children")
    assert table(doc, "children_by_risk")["total"]["children"] == 5


def test_published_figures_blank_cells_under_five_children(client, coord_headers, field):
    doc = get(client, coord_headers, "children", published="true")
    assert doc["published"] is True
    for t in doc["tables"]:
        for row in t["rows"]:
            for key in row.get("suppressed", []):
                assert row[key] is None
            for column in t["columns"]:
                value = row.get(column["key"])
                if column["role"] == "measure" and isinstance(value, int):
                    assert value == 0 or value >= 5, (t["name"], row)
    assert table(doc, "children_by_risk")["suppressed"] > 0


def test_english_labels(client, coord_headers, field):
    doc = get(client, {**coord_headers, "Accept-Language": "en"}, "children")
    assert table(doc, "children_by_risk")["title"] == "Children by risk level"
    assert rows(doc, "children_by_risk", "risk_level")["high"]["risk_level_label"] == "High"


@pytest.mark.parametrize(
    "args, field_name",
    [
        ({"period": "2026-Q5"}, "period"),
        ({"period": "2026-13"}, "period"),
        ({"period": "2026", "start": "2026-01-01"}, "period"),
        ({"start": "2026-02-01"}, "end"),
        ({"start": "2026-02-01", "end": "2026-01-01"}, "end"),
        ({"region": "999999"}, "region"),
    ],
)
def test_bad_periods_and_regions_are_422(client, coord_headers, args, field_name):
    response = client.get("/api/v1/stats/needs", query_string=args, headers=coord_headers)
    assert response.status_code == 422
    assert field_name in response.json["errors"]


def test_periods():
    assert Period.parse("2026").code == "2026"
    q = Period.parse("2026-Q4")
    assert (q.start.isoformat(), q.end.isoformat(), q.title_zh) == (
        "2026-10-01",
        "2027-01-01",
        "2026年第4季度",
    )
    assert [a.month for a, _ in q.months(1)] == [10, 11, 12]
    assert [a.month for a, _ in Period.parse("2026").months(3)] == [1, 4, 7, 10]
    assert Period.parse("2026-02").months(3) == []


def test_secondary_suppression_hides_what_a_total_would_give_away():
    t = Table(
        "t",
        ("k",),
        ("children", "pct"),
        [
            {"k": "a", "children": 3, "pct": 10.0},
            {"k": "b", "children": 7, "pct": 20.0},
            {"k": "c", "children": 20, "pct": 30.0},
            {"k": "d", "children": 0, "pct": None},
        ],
        counts=("children",),
        basis="children",
        total={"children": 30, "pct": 25.0},
    )
    out = suppress(t)
    values = {r["k"]: r["children"] for r in out.rows}
    # 3 is small; 7, the next smallest, goes too so 30 - 20 cannot tell it
    assert values == {"a": None, "b": None, "c": 20, "d": 0}
    assert out.rows[0]["pct"] is None and out.rows[1]["suppressed"] == ["children", "pct"]
    assert out.total == {"children": 30, "pct": 25.0}
    assert out.suppressed == 4


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_quarterly_report_as_xlsx_one_sheet_per_table(client, coord_headers, field):
    import io

    from openpyxl import load_workbook

    response = client.get(
        "/api/v1/stats/report",
        query_string={**Q1, "region": JINJIANG, "format": "xlsx"},
        headers=coord_headers,
    )
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "report-350582000000-2026-Q1.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "说明" and len(book.sheetnames) == 14
    risk = book["儿童（按风险等级）"]
    cells = [[c.value for c in row] for row in risk.iter_rows()]
    assert (
        cells[0][0]
        == "福建省泉州市晋江市2026年第1季度儿童关爱服务季度统计报表 — 儿童（按风险等级）"
    )
    assert cells[1] == ["风险等级", "儿童数", "本期新建档"]
    assert cells[2:] == [["高", 2, 0], ["中", 1, 0], ["低", 2, 1], ["合计", 5, 1]]
    rhythm = [[c.value for c in row] for row in book["走访和联系：应完成与已完成"].iter_rows()]
    assert rhythm[2][:5] == ["高", 2, 6, 3, 50]


def test_annual_report_is_published_and_prints_as_pdf(client, coord_headers, field):
    doc = client.get(
        "/api/v1/stats/report", query_string={"period": "2026"}, headers=coord_headers
    ).json
    assert doc["published"] is True and len(doc["tables"]) == 13
    response = client.get(
        "/api/v1/stats/report",
        query_string={"period": "2026", "format": "pdf"},
        headers=coord_headers,
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    assert "2026年儿童关爱服务年度统计报表" in text
    assert "儿童（按风险等级）" in text and "强制报告（按情形）" in text
    assert "涉及儿童不足5名，不予公布" in text


def test_the_public_list_of_organisations(client, db_session, coordinator, field):
    from app.models import Agency, PairingStatus, ProviderType

    f = stats_fixture.Field(db_session, coordinator)
    village = f.world.village("100")
    agency = Agency(
        name="晋江市阳光社工服务中心",
        categories=["companionship"],
        skills=[],
        caseload_capacity=20,
        region_code=village.code,
        region_path=village.path,
        lat=village.lat,
        lon=village.lon,
    )
    db_session.add(agency)
    db_session.flush()
    for _ in range(6):
        child = f.child(
            "100",
            "low",
            ["left_behind"],
            stats_fixture.date(2015, 1, 1),
            stats_fixture.local(2025, 12, 1),
        )
        need = f.need(
            child, "companionship", stats_fixture.local(2026, 1, 2), [], hours_per_week=1.0
        )
        f.pairing(
            need,
            ProviderType.agency,
            agency.id,
            stats_fixture.local(2026, 1, 3),
            PairingStatus.active,
        )
    db_session.commit()
    response = client.get(
        "/api/v1/stats/organizations", query_string={"region": JINJIANG, "period": "2026-Q1"}
    )  # no account: these figures are public
    assert response.status_code == 200, response.json
    doc = response.json
    assert doc["published"] is True
    listed = table(doc, "organisations")["rows"]
    assert [(r["kind"], r["name"], r["children"]) for r in listed] == [
        ("agency", "晋江市阳光社工服务中心", 6),
        ("enterprise", "爱心企业", None),  # one child: not shown
    ]
    assert listed[1]["suppressed"] == ["children", "funds_yuan"]
    assert listed[0]["kind_label"] == "社工机构"
    missing = client.get("/api/v1/stats/organizations", query_string={"period": "2026"})
    assert missing.status_code == 422 and "region" in missing.json["errors"]


@pytest.mark.parametrize(
    "period", ["2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-05", "2024-01-01..2026-12-31"]
)
def test_the_rhythm_adds_up_each_childs_months_and_quarters(db_session, coordinator, field, period):
    """The area's rhythm, counted in one pass (each child's months as bit sets), equals the
    sum of every child's rhythm counted bucket by bucket (`child_rhythm`, as spot-checks
    do), over periods of one to ten months, with visits through the year: two in a month,
    home and school visits, a low-risk child seen once a quarter, contacts that are not
    visits."""
    a, b, c, d, e, late = field["children"]
    extra = [
        (a, VisitKind.home_visit, local(2026, 5, 3)),
        (a, VisitKind.school, local(2026, 5, 20)),
        (a, VisitKind.home_visit, local(2026, 7, 1)),
        (b, VisitKind.phone, local(2026, 6, 2)),
        (b, VisitKind.home_visit, local(2026, 8, 31, 23)),  # 31 August, 23:00 in China
        (c, VisitKind.school, local(2026, 9, 30)),
        (d, VisitKind.home_visit, local(2026, 5, 15)),  # low risk: the second quarter
        (e, VisitKind.video, local(2026, 8, 1)),
        (late, VisitKind.home_visit, local(2026, 6, 10)),
        (late, VisitKind.home_visit, local(2026, 10, 31, 20)),
    ]
    for child, kind, at in extra:
        db_session.add(
            Visit(
                id=str(uuid.uuid4()),
                child_id=child.id,
                author_id=coordinator.id,
                kind=kind,
                occurred_at=at,
                duration_minutes=30,
                notes={"done": "走访", "problems": ""},
                editable_until=at + timedelta(hours=2),
            )
        )
    db_session.commit()
    region = db_session.get(Region, JINJIANG)
    q = Query(
        area=area_of_region(region, session=db_session),
        period=Period.between(*map(date.fromisoformat, period.split("..")))
        if ".." in period
        else Period.parse(period),
        now=local(2026, 11, 20),
        tz=stats_fixture.TZ,
    )
    rhythm = compute(q, session=db_session, sections=["visits"]).table("visit_rhythm")
    expected = {r.value: [0, 0] for r in RiskLevel}
    for child in field["children"]:
        due, done = child_rhythm(child.id, q, session=db_session)
        expected[child.risk_level.value][0] += due
        expected[child.risk_level.value][1] += done
    assert {r["risk_level"]: [r["visits_due"], r["visits_done"]] for r in rhythm.rows} == expected
    if period in ("2026", "2024-01-01..2026-12-31"):  # January to October are over; counted by hand
        # A: 1, 3, 4, 5, 7; B: 2 and 8 (June was a call); the late file: 6 and 10 of its
        # five months; C: 9; D: the second quarter of three; E's March visit came before
        # the first quarter it is due (opened in February)
        assert expected == {"high": [25, 9], "medium": [10, 1], "low": [5, 1]}


def test_the_sections_on_two_connections_answer_what_one_answers(committed_app, monkeypatch):  # type: ignore[no-untyped-def]
    """On PostgreSQL the sections run on two connections when the transaction has written
    nothing (the other connection could not see its rows): the same tables either way, and
    a report asked through the API takes that way."""
    from sqlalchemy import text

    from app.demo import create_account
    from app.extensions import db
    from app.services import statistics

    app, _headers = committed_app
    with app.app_context():
        with db.session() as session:
            coordinator = create_account(
                session,
                role="coordinator",
                display_name="县督导",
                password="Stats-Passw0rd",
                phone="13900000077",
                region_code=JINJIANG,
                areas=(JINJIANG,),
            )
            stats_fixture.build(session, coordinator)
            session.commit()

        def figures(*, write_first: bool) -> Any:
            with db.session() as session:
                if write_first:  # this transaction now has an id, as after any write
                    session.execute(text("SELECT txid_current()"))
                region = session.get(Region, JINJIANG)
                assert region is not None
                q = Query(
                    area=area_of_region(region, session=session),
                    period=Period.parse("2026-Q1"),
                    now=local(2026, 6, 1),
                    tz=stats_fixture.TZ,
                )
                return compute(q, session=session, published=False)

        together, alone = figures(write_first=False), figures(write_first=True)
    assert (together.lanes, alone.lanes) == (2, 1)
    assert [t.as_dict() for t in together.tables] == [t.as_dict() for t in alone.tables]
    visits = {r["risk_level"]: r for r in together.table("visit_rhythm").rows}
    assert visits["high"]["children"] == 2  # the hand-counted field, not two empty answers

    seen: list[int] = []
    compute_once = statistics.compute

    def watched(*args: Any, **kwargs: Any) -> Any:
        figures = compute_once(*args, **kwargs)
        seen.append(figures.lanes)
        return figures

    monkeypatch.setattr(statistics, "compute", watched)
    client = app.test_client()
    signin = client.post(
        "/api/v1/auth/signin", json={"identifier": "13900000077", "password": "Stats-Passw0rd"}
    )
    assert signin.status_code == 200, signin.json
    report = client.get(
        "/api/v1/stats/report",
        query_string={"region": JINJIANG, "period": "2026-Q1", "format": "json"},
        headers={"Authorization": f"Bearer {signin.json['access_token']}"},
    )
    assert report.status_code == 200, report.json
    assert seen == [2]
    rhythm = next(t for t in report.json["tables"] if t["name"] == "visit_rhythm")
    assert rhythm["total"] == together.table("visit_rhythm").total


def test_an_area_holding_every_file_is_counted_without_the_area_filter(
    db_session, field, monkeypatch
):  # type: ignore[no-untyped-def]
    """Every child of the field is in Jinjiang: its figures skip joining the files to each
    visit, and are the figures of the filtered queries; Anhai holds only some."""
    from app.services import statistics

    def query(code: str) -> Query:
        region = db_session.get(Region, code)
        return Query(
            area=area_of_region(region, session=db_session),
            period=Period.parse("2026-Q1"),
            now=local(2026, 6, 1),
            tz=stats_fixture.TZ,
        )

    quick = query(JINJIANG)
    shortcut = compute(quick, session=db_session)
    assert quick.memo["every_child"] is True
    anhai = query(ANHAI)
    compute(anhai, session=db_session, sections=["visits"])
    assert anhai.memo["every_child"] is False

    monkeypatch.setattr(statistics, "_holds_every_child", lambda q, session: False)
    filtered = query(JINJIANG)
    full = compute(filtered, session=db_session)
    assert filtered.memo["every_child"] is False
    assert [t.as_dict() for t in shortcut.tables] == [t.as_dict() for t in full.tables]
    assert shortcut.table("visits_by_kind").total["visits"] > 0
