"""Demonstration data for a fresh install: Jinjiang (晋江市, 350582) and demo accounts.

Township names are Jinjiang's 19 townships and sub-districts; their 9-digit codes and the
villages beneath them are illustrative, not the official statistical codes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Agency,
    CoordinatorRegion,
    Organization,
    OrgMember,
    Region,
    RegionLevel,
    Role,
    User,
    UserStatus,
)
from app.services import regions, users

DEMO_COUNTY = "350582000000"
DEMO_PASSWORD = "tongxing-demo"

JINJIANG_TOWNSHIPS = [
    ("001", "青阳街道", 24.813, 118.577),
    ("002", "梅岭街道", 24.800, 118.560),
    ("003", "西园街道", 24.790, 118.590),
    ("004", "罗山街道", 24.760, 118.600),
    ("005", "灵源街道", 24.830, 118.540),
    ("006", "新塘街道", 24.770, 118.570),
    ("100", "安海镇", 24.720, 118.460),
    ("101", "磁灶镇", 24.850, 118.490),
    ("102", "陈埭镇", 24.840, 118.600),
    ("103", "池店镇", 24.850, 118.550),
    ("104", "内坑镇", 24.760, 118.440),
    ("105", "紫帽镇", 24.890, 118.500),
    ("106", "东石镇", 24.670, 118.480),
    ("107", "永和镇", 24.690, 118.560),
    ("108", "英林镇", 24.640, 118.560),
    ("109", "金井镇", 24.610, 118.620),
    ("110", "龙湖镇", 24.680, 118.610),
    ("111", "深沪镇", 24.640, 118.650),
    ("112", "西滨镇", 24.760, 118.500),
]

# Village and community names in the Minnan way: two characters of landscape and settlement
# (溪头, 后埔, 塘边...) or a lineage's houses (陈厝, 许厝), then 村 or 社区. Deterministic per
# parent region, distinct within it.
_PLACE_FIRST = "山溪塘林洋坑埔湖岭石后前上下新东西南北大龙凤金玉莲梅竹桥田港沙古霞仑灵"
_PLACE_SECOND = "头尾边内外厝埔坑美兴林塘洋山坂浦口岭亭宅田厦埭兜安丰盛"
_LINEAGE = "陈林黄张李王吴刘蔡杨郑许洪谢郭曾庄苏施柯"


def place_names(seed: int, count: int, taken: set[str] | None = None) -> list[str]:
    """`count` distinct two-character place names (without 村 or 社区), reproducible by seed."""
    rng = random.Random(seed)
    seen = set(taken or ())
    out: list[str] = []
    while len(out) < count:
        if rng.random() < 0.15:
            name = rng.choice(_LINEAGE) + "厝"
        else:
            first, second = rng.choice(_PLACE_FIRST), rng.choice(_PLACE_SECOND)
            if first == second:
                continue
            name = first + second
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _village_offsets(count: int, spread_km: float = 3.0) -> list[tuple[float, float]]:
    # Villages on a small spiral around the township centre, deterministic.
    out = []
    for i in range(count):
        angle = i * 2.39996  # golden angle
        r = spread_km * math.sqrt((i + 1) / count)
        out.append((r * math.cos(angle) / 111.0, r * math.sin(angle) / 101.0))
    return out


def seed_regions(session: Session, villages_per_township: int = 21) -> None:
    """Townships and villages of the demo county (the country's divisions loaded first)."""
    if session.get(Region, DEMO_COUNTY) is None:
        regions.load_gb2260(session=session)
    county = session.get(Region, DEMO_COUNTY)
    assert county is not None
    existing = set(session.scalars(select(Region.code).where(Region.path.startswith(county.path))))
    for suffix, name, lat, lon in JINJIANG_TOWNSHIPS:
        code = f"350582{suffix}000"
        if code not in existing:
            session.add(
                Region(
                    code=code,
                    name=name,
                    level=RegionLevel.township,
                    parent_code=county.code,
                    path=f"{county.path}{code}/",
                    lat=lat,
                    lon=lon,
                )
            )
        names = place_names(int(code), villages_per_township)
        for i, (dlat, dlon) in enumerate(_village_offsets(villages_per_township)):
            vcode = f"350582{suffix}{200 + i + 1:03d}"
            if vcode in existing:
                continue
            level_name = names[i] + ("社区" if name.endswith("街道") else "村")
            session.add(
                Region(
                    code=vcode,
                    name=level_name,
                    level=RegionLevel.village,
                    parent_code=code,
                    path=f"{county.path}{code}/{vcode}/",
                    lat=round(lat + dlat, 6),
                    lon=round(lon + dlon, 6),
                )
            )
    session.flush()


def create_account(
    session: Session,
    *,
    role: str,
    display_name: str,
    password: str,
    phone: str | None = None,
    email: str | None = None,
    region_code: str | None = None,
    areas: Iterable[str] = (),
    password_hash: str | None = None,
) -> User:
    """An account of any role, for operators and demo data (admins are made only here).
    `password_hash`: the password's hash when the caller already made it (one per batch)."""
    user = User(
        phone=users.normalize_phone(phone) if phone else None,
        email=email.lower() if email else None,
        password_hash=password_hash or users.hash_password(password),
        display_name=display_name,
        role=Role(role),
        status=UserStatus.active,
        region_code=regions.get(region_code, session=session).code if region_code else None,
    )
    session.add(user)
    session.flush()
    for code in areas:
        user.areas.append(CoordinatorRegion(region_code=regions.get(code, session=session).code))
    session.flush()
    return user


DEMO_ACCOUNTS = [
    # role, phone, name, home region, areas
    ("admin", "13800000000", "系统管理员", None, ()),
    ("coordinator", "13800000001", "晋江市儿童督导员", "350582000000", ("350582",)),
    ("coordinator", "13800000002", "安海镇儿童主任", "350582100000", ("350582100",)),
    ("volunteer", "13800000003", "志愿者林老师", "350582100201", ()),
    ("agency_staff", "13800000004", "社工机构陈社工", "350582001000", ()),
    ("donor", "13800000005", "爱心企业王经理", "350582000000", ()),
    ("agency_staff", "13800000006", "社工机构李社工", "350582001000", ()),
]


def seed_accounts(session: Session) -> list[User]:
    """The demo accounts; existing ones (by phone) are left as they are. The demo password
    is hashed once for all of them (Argon2 costs about half a second a hash)."""
    out = []
    password_hash = None
    for role, phone, name, region_code, areas in DEMO_ACCOUNTS:
        user = session.scalar(select(User).where(User.phone == phone))
        if user is None:
            password_hash = password_hash or users.hash_password(DEMO_PASSWORD)
            user = create_account(
                session,
                role=role,
                phone=phone,
                display_name=name,
                password=DEMO_PASSWORD,
                region_code=region_code,
                areas=areas,
                password_hash=password_hash,
            )
        out.append(user)
    return out


def attach_demo_members(session: Session) -> int:
    """The demo agency staff join the demo county's first agency and the demo donor its first
    organisation (once those exist), so their phone screens have something to show."""
    county = session.get(Region, DEMO_COUNTY)
    if county is None:
        return 0
    agency_id = session.scalar(
        select(Agency.id).where(Agency.region_path.startswith(county.path)).order_by(Agency.id)
    )
    org_id = session.scalar(
        select(Organization.id)
        .where(Organization.region_path.startswith(county.path))
        .order_by(Organization.id)
    )
    attached = 0
    for role, phone, *_ in DEMO_ACCOUNTS:
        target = {"agency_staff": ("agency_id", agency_id), "donor": ("organization_id", org_id)}
        if role not in target or target[role][1] is None:
            continue
        user = session.scalar(select(User).where(User.phone == phone))
        if user is None or session.get(OrgMember, user.id) is not None:
            continue
        column, value = target[role]
        session.add(OrgMember(user_id=user.id, **{column: value}))
        attached += 1
    session.flush()
    return attached
