"""Builders for match-run tests: children with consent and needs, volunteers, donors and
their resources, placed in the test database's Jinjiang villages."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import create_account
from app.models import (
    CheckState,
    Child,
    Need,
    Organization,
    OrgKind,
    Region,
    RegionLevel,
    Resource,
    ResourceKind,
    Volunteer,
)
from app.services import children, needs, regions
from app.services.users import Actor
from tests.conftest import JINJIANG, TEST_PASSWORD

_phones = itertools.count(1)


class World:
    """A small field in the test county, built through the services."""

    def __init__(self, session: Session, coordinator: Any) -> None:
        self.session = session
        self.actor = Actor(
            id=coordinator.id,
            role=coordinator.role,
            area_paths=regions.area_paths([JINJIANG], session=session),
        )
        self.villages = {
            r.code: r
            for r in session.scalars(
                select(Region).where(
                    Region.level == RegionLevel.village, Region.code.startswith("350582")
                )
            )
        }

    def village(self, township_suffix: str, n: int = 1) -> Region:
        return self.villages[f"350582{township_suffix}{200 + n:03d}"]

    def child(self, village: Region, *, risk: str = "high", born: date | None = None) -> Child:
        child = children.create(
            {
                "name": f"儿童{next(_phones)}",
                "birth_date": born or date(2014, 5, 1),
                "region_code": village.code,
                "risk_level": risk,
                "categories": ["left_behind"],
                "lat": village.lat,
                "lon": village.lon,
            },
            actor=self.actor,
            session=self.session,
        )
        children.record_consent(
            child,
            {
                "guardian_name": "监护人",
                "guardian_relation": "母亲",
                "given_on": date(2026, 1, 1),
                "scope": ["matching"],
                "evidence_ref": "E1",
            },
            actor=self.actor,
            session=self.session,
        )
        return child

    def need(self, child: Child, category: str = "tutoring", **data: Any) -> Need:
        defaults: dict[str, Any] = {"tutoring": {"hours_per_week": 2.0}}.get(category, {})
        return needs.create(
            child,
            {"category_code": category, **defaults, **data},
            actor=self.actor,
            session=self.session,
        )

    def volunteer(
        self,
        village: Region,
        *,
        capacity: int = 1,
        travel_km: float = 40.0,
        categories: tuple[str, ...] = ("tutoring",),
        skills: tuple[str, ...] = (),
    ) -> Volunteer:
        user = create_account(
            self.session,
            role="volunteer",
            display_name="志愿者",
            password=TEST_PASSWORD,
            phone=f"1371{next(_phones):07d}",
        )
        volunteer = Volunteer(
            owner_id=user.id,
            skills=[{"skill": s, "verified": True} for s in skills],
            categories=list(categories),
            languages=[],
            availability=[],
            max_children=capacity,
            hours_per_week=4,
            region_code=village.code,
            region_path=village.path,
            lat=village.lat,
            lon=village.lon,
            travel_km=travel_km,
            check_state=CheckState.cleared,
            check_expires_on=date.today() + timedelta(days=365),
        )
        self.session.add(volunteer)
        self.session.flush()
        return volunteer

    def donor(self, village: Region, name: str = "爱心企业") -> Organization:
        org = Organization(
            kind=OrgKind.enterprise,
            name=name,
            region_code=village.code,
            region_path=village.path,
            lat=village.lat,
            lon=village.lon,
        )
        self.session.add(org)
        self.session.flush()
        return org

    def resource(
        self,
        org: Organization,
        kind: str,
        *,
        amount: float | None = None,
        quantity: float | None = None,
        item: str | None = None,
        uses: tuple[str, ...] = (),
        radius_km: float = 60.0,
    ) -> Resource:
        resource = Resource(
            organization_id=org.id,
            kind=ResourceKind(kind),
            category_code={"goods": "goods", "funds": "funds"}[kind],
            title=item or "助学金",
            item_code=item,
            quantity=quantity,
            unit="件" if quantity else None,
            amount=amount,
            allowed_uses=list(uses),
            region_code=org.region_code,
            region_path=org.region_path,
            lat=org.lat,
            lon=org.lon,
            delivery_radius_km=radius_km,
        )
        self.session.add(resource)
        self.session.flush()
        return resource

    def commit(self) -> None:
        self.session.commit()
