"""A hand-counted field for the statistics: five children of Jinjiang with needs, pairings,
visits and urgent reports placed in the first quarter of 2026 (Asia/Shanghai), and a few
things just outside it. The expected figures are written out in the tests, counted by hand
from what is built here."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.demo import create_account
from app.models import (
    Child,
    HoursStatus,
    Need,
    NeedStatus,
    NeedTransition,
    Pairing,
    PairingStatus,
    ProviderType,
    ReportEvent,
    ReportStatus,
    UrgentReport,
    Visit,
    VisitKind,
)
from tests.api.builders import World
from tests.conftest import TEST_PASSWORD

TZ = ZoneInfo("Asia/Shanghai")
ANHAI, CIZAO = "100", "101"


def local(y: int, m: int, d: int, h: int = 9) -> datetime:
    return datetime(y, m, d, h, tzinfo=TZ)


class Field:
    def __init__(self, session: Session, coordinator: Any) -> None:
        self.session = session
        self.world = World(session, coordinator)
        self.coordinator = coordinator

    def child(
        self, township: str, risk: str, categories: list[str], born: date, created: datetime
    ) -> Child:
        child = self.world.child(self.world.village(township), risk=risk, born=born)
        child.categories = categories
        child.created_at = created
        self.session.flush()
        return child

    def need(
        self,
        child: Child,
        category: str,
        opened: datetime,
        moves: list[tuple[str, datetime]],
        **data: Any,
    ) -> Need:
        need = self.world.need(child, category, **data)
        need.opened_at = opened
        self.session.flush()
        self.session.execute(
            update(NeedTransition).where(NeedTransition.need_id == need.id).values(at=opened)
        )
        for to, at in moves:
            self.session.add(NeedTransition(need_id=need.id, from_status=None, to_status=to, at=at))
        if moves:
            need.status = NeedStatus(moves[-1][0])
        self.session.flush()
        return need

    def pairing(
        self,
        need: Need,
        kind: ProviderType,
        provider_id: int,
        approved: datetime,
        status: PairingStatus,
        *,
        responded: datetime | None = None,
        ended: datetime | None = None,
        amount: int = 1,
    ) -> Pairing:
        pairing = Pairing(
            need_id=need.id,
            provider_type=kind,
            provider_id=provider_id,
            amount=amount,
            status=status,
            approved_by=self.coordinator.id,
            approved_at=approved,
            responded_at=responded,
            ended_at=ended,
        )
        self.session.add(pairing)
        self.session.flush()
        return pairing

    def visit(
        self,
        child: Child,
        author_id: int,
        kind: VisitKind,
        at: datetime,
        hours: HoursStatus = HoursStatus.pending,
        pairing: Pairing | None = None,
    ) -> Visit:
        visit = Visit(
            id=str(uuid.uuid4()),
            pairing_id=pairing.id if pairing else None,
            child_id=child.id,
            author_id=author_id,
            kind=kind,
            occurred_at=at,
            duration_minutes=60,
            notes={"done": "走访", "problems": ""},
            editable_until=at + timedelta(hours=2),
            hours_status=hours,
        )
        self.session.add(visit)
        self.session.flush()
        return visit

    def report(
        self,
        child: Child,
        danger: str,
        filed: datetime,
        events: list[tuple[ReportStatus, datetime]],
    ) -> UrgentReport:
        village = self.world.villages[child.region_code]
        report = UrgentReport(
            reporter_id=self.coordinator.id,
            danger=danger,
            details={"seen": "情况", "place": "", "child": ""},
            region_code=village.code,
            region_path=village.path,
            seen_at=filed,
            child_id=child.id,
            status=events[-1][0] if events else ReportStatus.received,
            created_at=filed,
        )
        self.session.add(report)
        self.session.flush()
        self.session.add(
            ReportEvent(
                report_id=report.id,
                author_id=self.coordinator.id,
                status=ReportStatus.received,
                note="filed",
                at=filed,
            )
        )
        for status, at in events:
            self.session.add(
                ReportEvent(
                    report_id=report.id,
                    author_id=self.coordinator.id,
                    status=status,
                    note="处置",
                    at=at,
                )
            )
        self.session.flush()
        return report


def build(session: Session, coordinator: Any) -> dict[str, Any]:
    f = Field(session, coordinator)
    before = local(2025, 12, 1)
    a = f.child(ANHAI, "high", ["left_behind"], date(2014, 5, 1), before)
    b = f.child(ANHAI, "high", ["left_behind", "orphan"], date(2020, 4, 1), before)
    c = f.child(ANHAI, "medium", ["family_hardship"], date(2010, 1, 15), before)
    d = f.child(CIZAO, "low", ["disability"], date(2014, 5, 1), before)
    d.disability = {"type": "physical", "grade": 2}
    e = f.child(CIZAO, "low", ["left_behind"], date(2024, 6, 1), local(2026, 2, 10))
    late = f.child(CIZAO, "high", ["left_behind"], date(2015, 1, 1), local(2026, 5, 1))

    volunteer = f.world.volunteer(f.world.village(ANHAI))
    volunteer.created_at = before
    idle_user = create_account(
        session,
        role="volunteer",
        display_name="新志愿者",
        password=TEST_PASSWORD,
        phone=f"1372{uuid.uuid4().int % 10**7:07d}",
    )
    idle = f.world.volunteer(f.world.village(CIZAO))
    idle.owner_id = idle_user.id
    idle.check_state = "registered"  # type: ignore[assignment]
    idle.created_at = before
    donor = f.world.donor(f.world.village(CIZAO))
    donor.created_at = before
    fund = f.world.resource(donor, "goods", quantity=10, item="school_supplies")
    session.flush()

    n_a1 = f.need(a, "tutoring", local(2025, 12, 10), [("matched", local(2026, 1, 9))])
    f.need(a, "companionship", local(2026, 2, 1), [], hours_per_week=1.0)
    n_b1 = f.need(
        b,
        "tutoring",
        local(2026, 1, 1),
        [("matched", local(2026, 1, 11)), ("fulfilled", local(2026, 4, 10))],
    )
    n_c1 = f.need(c, "tutoring", local(2026, 3, 1), [("matched", local(2026, 4, 5))])
    n_d1 = f.need(
        d,
        "goods",
        local(2026, 1, 5),
        [("matched", local(2026, 1, 25))],
        item_code="school_supplies",
        quantity=2,
        unit="套",
    )
    f.need(
        e,
        "funds",
        local(2026, 2, 15),
        [("closed", local(2026, 3, 1))],
        item_code="tuition",
        amount=500,
    )
    f.need(late, "tutoring", local(2026, 5, 2), [])

    p_a = f.pairing(
        n_a1,
        ProviderType.volunteer,
        volunteer.id,
        local(2026, 1, 9),
        PairingStatus.active,
        responded=local(2026, 1, 10),
    )
    f.pairing(
        n_b1,
        ProviderType.volunteer,
        volunteer.id,
        local(2026, 1, 11),
        PairingStatus.ended,
        responded=local(2026, 1, 12),
        ended=local(2026, 4, 10),
    )
    f.pairing(
        n_c1,
        ProviderType.volunteer,
        idle.id,
        local(2026, 3, 10),
        PairingStatus.declined,
        responded=local(2026, 3, 11),
    )
    f.pairing(
        n_d1,
        ProviderType.resource,
        fund.id,
        local(2026, 1, 25),
        PairingStatus.active,
        responded=local(2026, 1, 26),
        amount=2,
    )

    vol_user = volunteer.owner_id
    coord = coordinator.id
    for kind, at in (
        (VisitKind.home_visit, local(2026, 1, 15)),
        (VisitKind.home_visit, local(2026, 1, 20)),
        (VisitKind.phone, local(2026, 2, 10)),
        (VisitKind.school, local(2026, 3, 5)),
    ):
        f.visit(a, vol_user, kind, at, HoursStatus.confirmed, p_a)
    f.visit(b, vol_user, VisitKind.home_visit, local(2026, 2, 3))
    f.visit(d, coord, VisitKind.phone, local(2026, 1, 8))
    f.visit(d, coord, VisitKind.video, local(2026, 3, 9))
    f.visit(e, coord, VisitKind.home_visit, local(2026, 3, 20))
    f.visit(a, coord, VisitKind.home_visit, local(2026, 4, 2))  # after the quarter

    f.report(
        a,
        "abuse",
        local(2026, 1, 10, 10),
        [
            (ReportStatus.handling, local(2026, 1, 10, 12)),
            (ReportStatus.closed, local(2026, 1, 12)),
        ],
    )
    f.report(b, "abuse", local(2026, 2, 1, 8), [(ReportStatus.handling, local(2026, 2, 1, 14))])
    f.report(d, "neglect", local(2026, 3, 3), [])
    f.report(e, "neglect", local(2026, 4, 2), [(ReportStatus.handling, local(2026, 4, 2, 10))])
    session.commit()
    ids = session.scalars(select(Child.id).where(Child.id.in_([a.id, b.id]))).all()
    return {"children": [a, b, c, d, e, late], "ids": ids, "volunteer": volunteer, "org": donor}
