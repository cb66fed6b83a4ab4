"""Demo data that looks like the field: a county (Jinjiang by default) or every county of
Fujian, with children clustered around villages, volunteers around towns, social-work
agencies with township contracts and enterprises and charities with resources. The county
also gets its field work: a children's director (儿童主任) per village who visits and calls
as the risk level asks, pairings in progress with their visits, and the demo volunteer,
agency staff and donor accounts acting for a volunteer profile, an agency and an enterprise.

Reproducible: each county draws from its own generator seeded by (seed, county code), so
the same seed gives the same names, ID numbers, codes and counts. Fast: every random draw
of a county is made as arrays up front, ids are reserved ahead (a sequence's values on
PostgreSQL, the next rowids on SQLite) and rows go in with the project's `bulk_insert` (COPY
on PostgreSQL, executemany elsewhere); personal data is encrypted per row, a reason code
shared by many rows once, and the demo password is hashed once for every account.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import numpy as np
from sqlalchemy import Table, func, select, text, update
from sqlalchemy.orm import Session

from app.crypto import cipher, seal
from app.db import Base, bulk_insert, chunked
from app.demo import DEMO_COUNTY, DEMO_PASSWORD, JINJIANG_TOWNSHIPS, place_names, seed_regions
from app.matching.synthetic import CATEGORIES, CATEGORY_WEIGHTS, REMOTE_OK, SKILLS
from app.matching.synthetic import fujian_counties as _fujian_counties
from app.models import (
    Agency,
    AgencyArea,
    AuditEvent,
    CheckState,
    Child,
    Consent,
    CoordinatorRegion,
    FileRecord,
    HoursStatus,
    Need,
    NeedCategory,
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
    UserStatus,
    Visit,
    VisitKind,
    Volunteer,
)
from app.services import users

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# Fujian's commonest surnames first (陈林黄 lead in Minnan), then the national ones.
SURNAMES = (
    "陈林黄张李王吴刘蔡杨郑许洪谢郭曾庄周苏叶施柯邱卢赖徐江何游颜朱高方潘萧余詹蒋"
    "傅沈彭欧胡戴康魏董钟丁姚廖骆吕孙汪唐严龚宋程范罗石连尤卓温"
)
_SURNAME_W = np.array([1.0 / (i + 2) ** 0.9 for i in range(len(SURNAMES))])
_SURNAME_P = _SURNAME_W / _SURNAME_W.sum()
GIVEN_MALE = "伟杰浩宇轩然子俊博文豪鑫涛明辉强磊晨阳泽凯鹏翔睿诚嘉毅志斌龙航铭哲瑞建坤"
GIVEN_FEMALE = "婷欣怡雅静丽琳萱涵颖佳敏雪梦思琪妍晴芳慧淑蕾倩诗悦菲璐瑶岚彤婉蓉琴月楠"
GIVEN_ANY = "子一小诗嘉梓晓雨思欣宇佳梦家文天安心可若俊"
RELATIONS: tuple[tuple[str, float], ...] = (
    ("祖母", 0.34),
    ("祖父", 0.16),
    ("母亲", 0.22),
    ("父亲", 0.12),
    ("外祖母", 0.1),
    ("姑妈", 0.03),
    ("叔叔", 0.03),
)
# A left-behind child's parents work away: grandparents and relatives look after them.
RELATIONS_LEFT_BEHIND: tuple[tuple[str, float], ...] = (
    ("祖母", 0.44),
    ("祖父", 0.2),
    ("外祖母", 0.2),
    ("外祖父", 0.06),
    ("姑妈", 0.05),
    ("叔叔", 0.05),
)
FEMALE_RELATIONS = frozenset({"祖母", "母亲", "外祖母", "姑妈"})
SAME_SURNAME = frozenset({"祖父", "父亲", "叔叔"})
# where the parents of left-behind children work (委托照护: 父母外出务工)
WORK_PLACES = (
    "广东省深圳市",
    "广东省东莞市",
    "广东省广州市",
    "浙江省义乌市",
    "浙江省宁波市",
    "上海市",
    "江苏省苏州市",
    "福建省厦门市",
    "福建省福州市",
)
CHILD_CATEGORIES = (
    ("left_behind", 0.52),
    ("family_hardship", 0.16),
    ("disability", 0.10),
    ("autism", 0.04),
    ("serious_illness", 0.04),
    ("guardianship_hardship", 0.05),
    ("orphan", 0.03),
    ("de_facto_unsupported", 0.05),
    ("hiv_affected", 0.01),
)
LEFT_BEHIND_UNDER = 16  # 农村留守儿童: under 16 with both parents away
DISABILITY_TYPES = ("physical", "intellectual", "hearing", "visual", "speech", "mental", "multiple")
DISABILITY_P = (0.30, 0.25, 0.14, 0.1, 0.08, 0.08, 0.05)
RISK = (("high", 0.10), ("medium", 0.30), ("low", 0.60))
NEEDS_PER_CHILD = ((1, 0.5), (2, 0.35), (3, 0.15))
URGENCY = (("normal", 0.80), ("urgent", 0.15), ("critical", 0.05))
# title, quantity, unit, item, youngest age it suits
GOODS = (
    ("书包文具", 1, "套", "school_supplies", 6),
    ("冬衣", 2, "件", "winter_clothes", 0),
    ("课外书", 10, "本", "books", 3),
    ("营养品", 1, "箱", "nutrition", 0),
)
FUND_PURPOSES = ("tuition", "living", "medical", "rehabilitation")
FUND_PURPOSES_P = (0.5, 0.25, 0.15, 0.1)
# what a donor's fund may pay for (an empty list: any purpose)
FUND_USES = (("tuition",), ("tuition", "living"), ("medical", "rehabilitation"), ())
# Enterprise names as a county's register reads: the county, a trade name, the trade.
TRADE_NAMES = (
    "鑫盛",
    "恒达",
    "宏源",
    "顺发",
    "嘉盛",
    "华泰",
    "永丰",
    "瑞隆",
    "晋兴",
    "源昌",
    "协盛",
    "丰泽",
    "裕发",
    "东升",
    "鸿发",
    "长兴",
    "建盛",
    "德昌",
    "荣兴",
    "新源",
    "锦华",
    "铭鑫",
    "腾达",
    "亿佳",
    "国顺",
    "信和",
    "联胜",
    "金钟",
    "振华",
    "远通",
    "华联",
    "兴达",
    "隆盛",
    "泰和",
    "宝丰",
    "金源",
    "盛达",
    "益升",
    "万顺",
    "中和",
)
TRADES = ("鞋业", "纺织", "食品", "服装", "陶瓷", "包装", "伞业", "机械")
AGENCY_WORDS = ("同心", "阳光", "启航", "暖阳", "新希望", "益家", "仁爱", "春苗", "向日葵")
LANGUAGES = ("minnan", "mandarin", "hakka", "sign")
TRANSPORT = ("walk", "bicycle", "ebike", "car", "public")
TRANSPORT_P = (0.1, 0.1, 0.45, 0.25, 0.1)
RADII = (3.0, 5.0, 8.0, 10.0, 15.0, 20.0)
RADII_P = (0.1, 0.3, 0.25, 0.2, 0.1, 0.05)
GUARDIAN_PHONES = (135, 137, 138, 139, 158, 159, 188)

# What a visit's notes say, in the words of the one who made it.
HOME_VISIT_NOTES = (
    "入户走访，了解孩子近期学习和生活情况，家中整洁，孩子精神状态良好。",
    "入户走访，与祖辈监护人交流孩子的饮食和作息，提醒注意用电和防溺水安全。",
    "入户走访，查看孩子作业完成情况，孩子反映在校与同学相处融洽。",
    "入户走访，了解监护人身体状况，孩子由监护人照料，生活有保障。",
    "入户走访，核实家庭情况，告知可申请的救助政策。",
)
SCHOOL_NOTES = (
    "到校与班主任沟通，孩子出勤正常，学习成绩稳定。",
    "到校了解孩子在校表现，班主任反映上课注意力有所提高。",
)
CONTACT_NOTES = (
    "电话联系监护人，了解孩子近况，无异常。",
    "电话联系在外务工的父母，转达孩子近况，提醒多与孩子视频通话。",
    "电话回访监护人，孩子身体健康，按时上学。",
)
VIDEO_NOTES = ("视频通话，孩子与父母一同参与，情绪稳定。",)
PROBLEM_NOTES = (
    "监护人年老体弱，孩子放学后无人看护，需协调邻里照看。",
    "孩子近期情绪低落，与同学发生矛盾，建议安排心理疏导。",
    "家中房屋漏雨，已报告村委会协调修缮。",
)
PAIRING_NOTES = {
    "tutoring": ("辅导数学和语文作业，讲解错题。", "陪孩子复习功课，检查背诵。"),
    "companionship": ("陪孩子读绘本、做手工，聊学校里的事。", "陪孩子在村里散步、打球。"),
    "psychological": ("开展个案面谈，孩子愿意表达自己的感受。", "与孩子做沙盘游戏，情绪较平稳。"),
    "family_guidance": ("与监护人沟通亲子相处方式，讲解家庭教育知识。",),
    "rehabilitation": ("上门指导康复训练动作，监护人已学会辅助方法。",),
}

SIZES = {
    # children, volunteers, agencies (per county), organisations (per county)
    "county": (4_000, 1_200, 12, 36),
    "province": (60_000, 30_000, 3, 6),
}


def id_number(area: str, birth: date, sequence: int) -> str:
    """An 18-digit resident ID (GB 11643) with a valid check character."""
    body = f"{area[:6]}{birth:%Y%m%d}{sequence % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


@dataclass(frozen=True)
class CountySpec:
    code: str  # 12 digits
    name: str
    lat: float
    lon: float


@dataclass
class Counts:
    counties: int = 0
    skipped: list[str] = field(default_factory=list)
    regions: int = 0
    children: int = 0
    needs: int = 0
    consents: int = 0
    volunteers: int = 0
    agencies: int = 0
    organizations: int = 0
    resources: int = 0
    coordinators: int = 0
    entrusted_care: int = 0
    pairings: int = 0
    visits: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


Progress = Callable[[str, int], None]


def _draw(rng: np.random.Generator, table: Sequence[tuple[Any, float]], size: int) -> np.ndarray:
    """Indices into `table`, drawn by its weights."""
    p = np.array([w for _, w in table], dtype=float)
    return rng.choice(len(table), size, p=p / p.sum())


def _pick(rng: np.random.Generator, table: Sequence[tuple[Any, float]], size: int) -> list[Any]:
    values = [v for v, _ in table]
    return [values[i] for i in _draw(rng, table, size)]


def _name(rng: np.random.Generator, gender: str) -> str:
    return _names(rng, np.array([gender == "male"]))[0]


def _names(rng: np.random.Generator, male: np.ndarray) -> list[str]:
    """A Fujian name for each entry (True: a boy's or man's)."""
    n = len(male)
    surnames = rng.choice(len(SURNAMES), n, p=_SURNAME_P)
    two = rng.random(n) < 0.8
    shared_first = rng.random(n) < 0.35
    first = rng.integers(0, 1 << 30, n)
    last = rng.integers(0, 1 << 30, n)
    out = []
    for i in range(n):
        pool = GIVEN_MALE if male[i] else GIVEN_FEMALE
        given = pool[last[i] % len(pool)]
        if two[i]:
            lead = GIVEN_ANY if shared_first[i] else pool
            given = lead[first[i] % len(lead)] + given
        out.append(SURNAMES[surnames[i]] + given)
    return out


def reserve_ids(session: Session, model: type[Base], n: int) -> list[int]:
    """`n` primary keys for rows written next in this transaction: the table's sequence's
    next values on PostgreSQL, the next rowids elsewhere (the transaction holds SQLite's
    write lock once it has written)."""
    if n <= 0:
        return []
    table = cast(Table, model.__table__)
    if session.connection().dialect.name == "postgresql":
        return list(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"table": table.name, "n": n},
            )
        )
    start = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(start, start + n))


# --- regions ----------------------------------------------------------------------------


def fujian_counties() -> list[CountySpec]:
    return [
        CountySpec(p.adcode.ljust(12, "0"), p.name, p.lat, p.lon)
        for p in _fujian_counties()
        if not p.name.startswith("grid-")
    ]


@dataclass(frozen=True)
class Place:
    """A township or village as the generator needs it (no ORM object per row)."""

    code: str
    name: str
    parent_code: str | None
    path: str
    lat: float | None
    lon: float | None


def _places(session: Session, *conditions: Any) -> list[Place]:
    return [
        Place(*row)
        for row in session.execute(
            select(
                Region.code, Region.name, Region.parent_code, Region.path, Region.lat, Region.lon
            )
            .where(*conditions)
            .order_by(Region.code)
        )
    ]


def ensure_county_regions(
    session: Session, county: CountySpec, townships: int = 12, villages: int = 12
) -> tuple[list[Place], list[Place]]:
    """The county's townships and villages, created beneath it when it has none."""
    if county.code == DEMO_COUNTY:
        seed_regions(session, villages_per_township=21)
    parent = session.get(Region, county.code)
    if parent is None:
        raise ValueError(f"no region {county.code}: run `flask regions load` first")
    towns = _places(
        session, Region.parent_code == parent.code, Region.level == RegionLevel.township
    )
    if not towns:
        rng = np.random.default_rng(int(county.code[:6]))
        stem = parent.name.removesuffix("县").removesuffix("市").removesuffix("区")[:2]
        town_names = place_names(int(county.code[:6]), townships - 1, taken={stem})
        rows: list[dict[str, Any]] = []
        for t in range(townships):
            tcode = f"{parent.code[:6]}{100 + t:03d}000"
            tlat, tlon = _jitter(rng, parent.lat or county.lat, parent.lon or county.lon, 12.0)
            tname = f"{stem}镇" if t == 0 else f"{town_names[t - 1]}{'镇' if t % 4 else '乡'}"
            rows.append(
                {
                    "code": tcode,
                    "name": tname,
                    "level": RegionLevel.township,
                    "parent_code": parent.code,
                    "path": f"{parent.path}{tcode}/",
                    "lat": tlat,
                    "lon": tlon,
                }
            )
            names = place_names(int(tcode), villages)
            for v in range(villages):
                vcode = f"{tcode[:9]}{200 + v + 1:03d}"
                vlat, vlon = _jitter(rng, tlat, tlon, 3.0)
                # the town's centre is a community (社区), the rest are villages
                vname = names[v] + ("社区" if v < 2 else "村")
                rows.append(
                    {
                        "code": vcode,
                        "name": vname,
                        "level": RegionLevel.village,
                        "parent_code": tcode,
                        "path": f"{parent.path}{tcode}/{vcode}/",
                        "lat": vlat,
                        "lon": vlon,
                    }
                )
        bulk_insert(session, Region, rows)
        towns = _places(
            session, Region.parent_code == parent.code, Region.level == RegionLevel.township
        )
    villages_of = _places(
        session, Region.path.startswith(parent.path), Region.level == RegionLevel.village
    )
    return towns, villages_of


def _jitter(rng: np.random.Generator, lat: float, lon: float, sd_km: float) -> tuple[float, float]:
    dlat = rng.normal(0.0, sd_km / 111.2)
    dlon = rng.normal(0.0, sd_km / (111.2 * math.cos(math.radians(lat))))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def _jitter_many(
    rng: np.random.Generator, lat: np.ndarray, lon: np.ndarray, sd_km: float
) -> tuple[np.ndarray, np.ndarray]:
    n = len(lat)
    dlat = rng.normal(0.0, 1.0, n) * (sd_km / 111.2)
    dlon = rng.normal(0.0, 1.0, n) * (sd_km / (111.2 * np.cos(np.radians(lat))))
    return np.round(lat + dlat, 6), np.round(lon + dlon, 6)


def _km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances in km from one point (equirectangular: plenty within a county)."""
    dy = (lats - lat) * 111.2
    dx = (lons - lon) * 111.2 * math.cos(math.radians(lat))
    return np.sqrt(dx * dx + dy * dy)


# --- what needs suit whom -----------------------------------------------------------------


def need_suits(category: str, age: int, child_categories: set[str]) -> bool:
    """Whether a need of `category` fits a child of `age` in `child_categories`: tutoring is
    for school age, 送教上门 for disabled children of compulsory-school age who cannot attend,
    rehabilitation for disabled or seriously ill children, training posts from 16, legal aid
    in guardianship cases or for teenagers."""
    disabled = bool(child_categories & {"disability", "autism"})
    if category == "tutoring":
        return 6 <= age <= 17
    if category == "home_education":
        return disabled and 6 <= age <= 15
    if category == "rehabilitation":
        return disabled or "serious_illness" in child_categories
    if category == "companionship":
        return age >= 3
    if category == "psychological":
        return age >= 4
    if category == "training_post":
        return age >= 16
    if category == "legal_aid":  # guardianship cases, or a teenager's own
        return age >= 12 or bool(
            child_categories & {"guardianship_hardship", "de_facto_unsupported", "orphan"}
        )
    return True


def tutoring_skills(age: int) -> tuple[str, ...]:
    """Subjects a tutor may help a child of `age` with."""
    return (
        ("chinese", "math")
        + (("english",) if age >= 9 else ())
        + (("physics",) if age >= 13 else ())
    )


# --- the generator ----------------------------------------------------------------------


@dataclass
class ChildSet:
    """What field work needs of the children and needs just written."""

    ids: list[int]
    ages: list[int]
    risks: list[str]
    created: list[datetime]
    consented: list[bool]
    village: list[int]  # index into the county's villages
    lat: np.ndarray
    lon: np.ndarray
    # per need: (need id, child index, category, in person, item, load)
    needs: list[tuple[int, int, str, bool, str | None, int]]


@dataclass
class Generator:
    session: Session
    seed: int = 1
    progress: Progress | None = None
    password_hash: str = ""
    field_work: bool = False
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    categories: dict[str, str] = field(default_factory=dict)  # code -> kind

    def __post_init__(self) -> None:
        self.password_hash = self.password_hash or users.hash_password(DEMO_PASSWORD)
        self.categories = {
            c.code: c.kind.value
            for c in self.session.scalars(select(NeedCategory).where(NeedCategory.active))
        }

    def _tick(self, what: str, n: int) -> None:
        if self.progress is not None:
            self.progress(what, n)

    def county(
        self,
        county: CountySpec,
        *,
        children: int,
        volunteers: int,
        agencies: int,
        organizations: int,
        coordinator: bool = False,
        counts: Counts,
    ) -> None:
        towns, villages = ensure_county_regions(self.session, county)
        county_region = self.session.get(Region, county.code)
        assert county_region is not None
        rng = np.random.default_rng([self.seed, int(county.code[:6])])
        counts.counties += 1
        counts.regions += len(towns) + len(villages)
        author = self._coordinator(county_region, counts) if coordinator else None
        if author is None:
            author = self.session.scalar(
                select(CoordinatorRegion.user_id)
                .where(CoordinatorRegion.region_code == county.code)
                .order_by(CoordinatorRegion.user_id)
                .limit(1)
            )
        kids = self._children(rng, county, villages, children, author, counts)
        self._volunteers(rng, county, towns, villages, volunteers, counts)
        self._agencies(rng, county_region, towns, agencies, counts)
        self._organizations(rng, county_region, towns, organizations, counts)
        if self.field_work and kids is not None:
            FieldWork(self, rng, county_region, towns, villages, kids, author, counts).run()

    def _coordinator(self, county: Region, counts: Counts) -> int:
        phone = f"137{county.code[:6]}01"
        existing = self.session.scalar(select(User.id).where(User.phone == phone))
        if existing is not None:
            return existing
        (user_id,) = reserve_ids(self.session, User, 1)
        bulk_insert(
            self.session,
            User,
            [
                self._user_row(
                    user_id, phone, f"{county.name}儿童督导员", Role.coordinator, county.code
                )
            ],
        )
        bulk_insert(
            self.session,
            CoordinatorRegion,
            [
                {
                    "user_id": user_id,
                    "region_code": county.code,
                    "assigned_at": self.now,
                    "assigned_by": None,
                }
            ],
        )
        counts.coordinators += 1
        return user_id

    def _user_row(
        self, user_id: int, phone: str, name: str, role: Role, region_code: str
    ) -> dict[str, Any]:
        return {
            "id": user_id,
            "phone": phone,
            "email": None,
            "password_hash": self.password_hash,
            "display_name": name,
            "role": role,
            "status": UserStatus.active,
            "region_code": region_code,
            "locale": None,
            "created_at": self.now,
            "updated_at": self.now,
            "password_changed_at": self.now,
            "last_sign_in_at": None,
        }

    # --- children, their files and needs ---------------------------------------------

    def _children(
        self,
        rng: np.random.Generator,
        county: CountySpec,
        villages: list[Place],
        n: int,
        author: int | None,
        counts: Counts,
    ) -> ChildSet | None:
        if n <= 0 or not villages:
            return None
        today = self.now.date()
        # every draw of the county's children, as arrays
        weights = rng.gamma(1.5, 1.0, len(villages))
        village_of = rng.choice(len(villages), n, p=weights / weights.sum())
        male = rng.random(n) < 0.53
        ages_days = rng.integers(0, 18 * 365 - 1, n)
        risk_of = _draw(rng, RISK, n)
        primary = _draw(rng, CHILD_CATEGORIES, n)
        second = _draw(rng, CHILD_CATEGORIES, n)
        add_second = rng.random(n) < 0.2
        seq = rng.permutation(1000 * max(1, math.ceil(n / 1000)))[:n]
        names = _names(rng, male)
        autism_disabled = rng.random(n) < 0.6
        disability_type = rng.choice(len(DISABILITY_TYPES), n, p=DISABILITY_P)
        disability_grade = rng.integers(1, 5, n)
        relation_any = _draw(rng, RELATIONS, n)
        relation_away = _draw(rng, RELATIONS_LEFT_BEHIND, n)
        carer_female = _names(rng, np.zeros(n, dtype=bool))
        carer_male = _names(rng, np.ones(n, dtype=bool))
        phone_prefix = rng.choice(GUARDIAN_PHONES, n)
        phone_rest = rng.integers(0, 10**8, n)
        village_lat = np.array([villages[v].lat or county.lat for v in village_of])
        village_lon = np.array([villages[v].lon or county.lon for v in village_of])
        lats, lons = _jitter_many(rng, village_lat, village_lon, 0.6)
        changed_days = rng.integers(0, 400, n)
        code_chars = rng.integers(0, len(CODE_ALPHABET), (n, 8))
        house = rng.integers(1, 200, n)
        consent_draw = rng.random(n)
        consent_days = rng.integers(0, 30, n)
        entrusted_draw = rng.random(n)
        entrusted_days = rng.integers(30, 700, n)
        entrusted_years = rng.integers(1, 4, n)
        father_names = _names(rng, np.ones(n, dtype=bool))
        mother_names = _names(rng, np.zeros(n, dtype=bool))
        work_place = rng.integers(0, len(WORK_PLACES), (n, 2))
        parent_phone = rng.integers(0, 10**8, (n, 2))
        need_count = _draw(rng, NEEDS_PER_CHILD, n) + 1
        p = np.array(CATEGORY_WEIGHTS) / sum(CATEGORY_WEIGHTS)
        candidates = rng.choice(len(CATEGORIES), (n, 16), p=p)
        rehab_first = rng.random((n, 2))
        draws = NeedDraws(rng, 3 * n)

        index = cipher().blind_index
        ids = reserve_ids(self.session, Child, n)
        child_rows: list[dict[str, Any]] = []
        consents: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = []
        need_rows: list[dict[str, Any]] = []
        kids = ChildSet([], [], [], [], [], [], lats, lons, [])
        for i in range(n):
            village = villages[int(village_of[i])]
            gender = "male" if male[i] else "female"
            birth = today - timedelta(days=int(ages_days[i]) + 1)
            age = age_on(birth, today)
            name = names[i]
            # odd 17th digit for boys, even for girls
            s = int(seq[i]) // 2 * 2 % 1000 + (1 if male[i] else 0)
            ident = id_number(county.code, birth, s)
            first = CHILD_CATEGORIES[primary[i]][0]
            if first == "left_behind" and age >= LEFT_BEHIND_UNDER:
                first = "family_hardship"
            cats = {first}
            other = CHILD_CATEGORIES[second[i]][0]
            if (
                add_second[i]
                and other != first
                and (other != "left_behind" or age < LEFT_BEHIND_UNDER)
            ):
                cats.add(other)
            disability = None
            if "autism" in cats and autism_disabled[i]:
                cats.add("disability")
                disability = {"type": "mental", "grade": int(disability_grade[i])}
            elif "disability" in cats:
                disability = {
                    "type": DISABILITY_TYPES[int(disability_type[i])],
                    "grade": int(disability_grade[i]),
                }
            left_behind = "left_behind" in cats
            relation = (
                RELATIONS_LEFT_BEHIND[relation_away[i]][0]
                if left_behind
                else RELATIONS[relation_any[i]][0]
            )
            if relation in SAME_SURNAME:
                carer = name[0] + carer_male[i][1:]
            elif relation in FEMALE_RELATIONS:
                carer = carer_female[i]
            else:
                carer = carer_male[i]
            guardian = {
                "name": carer,
                "relation": relation,
                "phone": f"{phone_prefix[i]}{phone_rest[i]:08d}",
            }
            changed = self.now - timedelta(days=int(changed_days[i]))
            pii: dict[str, Any] = {
                "name": name,
                "id_number": ident,
                "address": f"{village.name}{int(house[i])}号",
                "guardian": guardian,
            }
            care_until = None
            if left_behind and entrusted_draw[i] < 0.35:
                # 委托照护: the parents who work away entrust the child to the carer
                start = max(birth, changed.date() - timedelta(days=int(entrusted_days[i])))
                care_until = start + timedelta(days=365 * int(entrusted_years[i]))
                if care_until <= today:
                    care_until = today + timedelta(days=int(entrusted_days[i]) % 300 + 30)
                pii["entrusted_care"] = {
                    "parents": [
                        {
                            "name": name[0] + father_names[i][1:],
                            "relation": "父亲",
                            "phone": f"13{parent_phone[i][0] % 10}{parent_phone[i][0]:08d}",
                            "work_place": WORK_PLACES[int(work_place[i][0])],
                        },
                        {
                            "name": mother_names[i],
                            "relation": "母亲",
                            "phone": f"15{parent_phone[i][1] % 10}{parent_phone[i][1]:08d}",
                            "work_place": WORK_PLACES[int(work_place[i][1])],
                        },
                    ],
                    "carer": dict(guardian),
                    "start": start.isoformat(),
                    "end": care_until.isoformat(),
                }
                counts.entrusted_care += 1
            child_id = ids[i]
            risk = RISK[risk_of[i]][0]
            child_rows.append(
                {
                    "id": child_id,
                    "code": "TX" + "".join(CODE_ALPHABET[c] for c in code_chars[i]),
                    "region_code": village.code,
                    "township_code": village.parent_code,
                    "region_path": village.path,
                    "lat": float(lats[i]),
                    "lon": float(lons[i]),
                    "birth_date": birth,
                    "gender": gender,
                    "categories": sorted(cats),
                    "disability": disability,
                    "risk_level": risk,
                    "risk_changed_at": changed,
                    "risk_changed_by": author,
                    "pii": pii,
                    "name_index": index(name),
                    "id_number_index": index(ident),
                    "entrusted_care_until": care_until,
                    "created_at": changed,
                    "created_by": author,
                    "updated_at": changed,
                    "version": 1,
                }
            )
            # the file opens with the initial assessment (no "from": nothing before it)
            records.append(
                {
                    "child_id": child_id,
                    "kind": "risk_change",
                    "at": changed,
                    "author_id": author,
                    "body": None,
                    "data": {"to": risk},
                    "resolved_at": None,
                    "resolution": None,
                }
            )
            consented = (age < 14 and consent_draw[i] < 0.85) or (
                age >= 14 and consent_draw[i] < 0.5
            )
            if consented:
                consents.append(
                    {
                        "child_id": child_id,
                        "guardian": {"name": guardian["name"], "relation": relation},
                        "given_on": (changed - timedelta(days=int(consent_days[i]))).date(),
                        "scope": ["matching", "visits"],
                        "evidence_ref": f"{county.code[:6]}-TY-{i + 1:05d}",
                        "recorded_by": author,
                        "recorded_at": changed,
                        "revoked_at": None,
                        "revoked_by": None,
                    }
                )
            chosen: list[str] = []
            if cats & {"disability", "autism"} and rehab_first[i][0] < 0.5:
                home = rehab_first[i][1] >= 0.6 and need_suits("home_education", age, cats)
                chosen.append("home_education" if home else "rehabilitation")
            for c in candidates[i]:
                if len(chosen) >= need_count[i]:
                    break
                cat = CATEGORIES[c]
                if cat not in chosen and cat in self.categories and need_suits(cat, age, cats):
                    chosen.append(cat)
            if not chosen:
                chosen.append(
                    "family_guidance" if "family_guidance" in self.categories else "goods"
                )
            for cat in chosen:
                need_rows.append(draws.need(self, cat, age, changed, author, child_id))
            kids.ids.append(child_id)
            kids.ages.append(age)
            kids.risks.append(risk)
            kids.created.append(changed)
            kids.consented.append(consented)
            kids.village.append(int(village_of[i]))
        bulk_insert(self.session, Child, child_rows)
        self._tick("children", n)
        bulk_insert(self.session, Consent, consents)
        need_ids = reserve_ids(self.session, Need, len(need_rows))
        created = seal("created")  # one reason code shared by every row: encrypted once
        transitions = []
        position = {child_id: i for i, child_id in enumerate(ids)}
        for need_id, need in zip(need_ids, need_rows, strict=True):
            need["id"] = need_id
            transitions.append(
                {
                    "need_id": need_id,
                    "from_status": None,
                    "to_status": "open",
                    "at": need["created_at"],
                    "actor_id": author,
                    "reason": created,
                    "data": None,
                }
            )
            records.append(
                {
                    "child_id": need["child_id"],
                    "kind": "need_change",
                    "at": need["created_at"],
                    "author_id": author,
                    "body": None,
                    "data": {"need_id": need_id, "to": "open"},
                    "resolved_at": None,
                    "resolution": None,
                }
            )
            kids.needs.append(
                (
                    need_id,
                    position[need["child_id"]],
                    need["category_code"],
                    need["in_person"],
                    need["item_code"],
                    int(need["quantity"] or need["amount"] or 1),
                )
            )
        bulk_insert(self.session, Need, need_rows)
        bulk_insert(self.session, NeedTransition, transitions)
        bulk_insert(self.session, FileRecord, records)
        counts.children += n
        counts.consents += len(consents)
        counts.needs += len(need_rows)
        self._tick("needs", len(need_rows))
        return kids

    # --- providers ---------------------------------------------------------------------

    def _volunteers(
        self,
        rng: np.random.Generator,
        county: CountySpec,
        towns: list[Place],
        villages: list[Place],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        if n > 99_999:
            raise ValueError("at most 99,999 volunteers per county")
        villages_by_town: dict[str, list[Place]] = {}
        for v in villages:
            villages_by_town.setdefault(v.parent_code or "", []).append(v)
        # Most volunteers live in the bigger towns (the county seat first).
        weights = rng.gamma(1.2, 1.0, len(towns))
        weights[0] *= 3
        town_of = rng.choice(len(towns), n, p=weights / weights.sum())
        service_cats = [c for c in CATEGORIES if self.categories.get(c) == "service"]
        p = np.array([CATEGORY_WEIGHTS[CATEGORIES.index(c)] for c in service_cats])
        p = p / p.sum()
        home_pick = rng.integers(0, 1 << 30, n)
        female = rng.random(n) < 0.58
        names = _names(rng, ~female)
        cat_count = rng.integers(1, 4, n)
        cat_candidates = rng.choice(len(service_cats), (n, 12), p=p)
        skill_count = rng.integers(1, 3, n)
        skill_keys = rng.random((n, 12))
        skill_verified = rng.random((n, 2)) < 0.4
        slot_count = rng.integers(1, 4, n)
        weekdays = rng.integers(0, 7, (n, 3))
        weekend_start = rng.choice([9, 14, 18, 19], (n, 3))
        weekday_start = rng.choice([18, 19, 20], (n, 3))
        check_draw = rng.random(n)
        decided_days = rng.integers(1, 700, n)
        town_lat = np.array([towns[t].lat or county.lat for t in town_of])
        town_lon = np.array([towns[t].lon or county.lon for t in town_of])
        lats, lons = _jitter_many(rng, town_lat, town_lon, 2.5)
        minnan = rng.random(n) < 0.6
        sign = rng.random(n) < 0.02
        max_children = rng.choice([1, 1, 2, 2, 3, 4], n)
        hours = rng.choice([2.0, 3.0, 4.0, 6.0], n)
        travel = rng.choice(RADII, n, p=RADII_P)
        transport = rng.choice(len(TRANSPORT), n, p=TRANSPORT_P)

        prefix = f"16{county.code[2:6]}"
        taken = set(self.session.scalars(select(User.phone).where(User.phone.startswith(prefix))))
        wanted = [j for j in range(n) if f"{prefix}{j + 1:05d}" not in taken]
        user_ids = reserve_ids(self.session, User, len(wanted))
        volunteer_ids = reserve_ids(self.session, Volunteer, len(wanted))
        today = self.now.date()
        user_rows, vol_rows = [], []
        for j, user_id, volunteer_id in zip(wanted, user_ids, volunteer_ids, strict=True):
            town = towns[int(town_of[j])]
            homes = villages_by_town.get(town.code) or [town]
            home = homes[int(home_pick[j]) % len(homes)]
            user_rows.append(
                self._user_row(user_id, f"{prefix}{j + 1:05d}", names[j], Role.volunteer, home.code)
            )
            cats: list[str] = []
            for c in cat_candidates[j]:
                if service_cats[c] not in cats:
                    cats.append(service_cats[c])
                if len(cats) == cat_count[j]:
                    break
            offered = sorted({s for c in cats for s in SKILLS.get(c, ())})
            order = np.argsort(skill_keys[j][: len(offered)])
            skills = sorted(offered[int(k)] for k in order[: min(len(offered), skill_count[j])])
            slots = []
            for k in range(int(slot_count[j])):
                weekday = int(weekdays[j][k])
                start = int(weekend_start[j][k] if weekday >= 5 else weekday_start[j][k])
                slots.append(
                    {"weekday": weekday, "start": f"{start:02d}:00", "end": f"{start + 2:02d}:00"}
                )
            draw = check_draw[j]
            decided: date | None
            expires: date | None
            if draw < 0.85:
                state = CheckState.cleared
                decided = today - timedelta(days=int(decided_days[j]))
                expires = decided + timedelta(days=3 * 365)
            elif draw < 0.92:
                state, decided, expires = CheckState.pending, None, None
            elif draw < 0.97:
                state, decided, expires = CheckState.registered, None, None
            else:
                state, decided, expires = (
                    CheckState.expired,
                    today - timedelta(days=1200),
                    None,
                )
            vol_rows.append(
                {
                    "id": volunteer_id,
                    "owner_id": user_id,
                    "gender": "female" if female[j] else "male",
                    "skills": [
                        {"skill": s, "verified": bool(skill_verified[j][k])}
                        for k, s in enumerate(skills)
                    ],
                    "categories": sorted(cats),
                    "languages": sorted(
                        {"mandarin"}
                        | ({"minnan"} if minnan[j] else set())
                        | ({"sign"} if sign[j] else set())
                    ),
                    "availability": sorted(slots, key=lambda s: (s["weekday"], s["start"])),
                    "max_children": int(max_children[j]),
                    "hours_per_week": float(hours[j]),
                    "region_code": home.code,
                    "region_path": home.path,
                    "lat": float(lats[j]),
                    "lon": float(lons[j]),
                    "travel_km": float(travel[j]),
                    "transport": TRANSPORT[int(transport[j])],
                    "check_state": state,
                    "check_decided_on": decided,
                    "check_expires_on": expires,
                    "check_verifier_id": None,
                    "active": True,
                    "created_at": self.now,
                    "updated_at": self.now,
                    "version": 1,
                }
            )
        bulk_insert(self.session, User, user_rows)
        bulk_insert(self.session, Volunteer, vol_rows)
        counts.volunteers += len(vol_rows)
        self._tick("volunteers", len(vol_rows))

    def _agencies(
        self,
        rng: np.random.Generator,
        county: Region,
        towns: list[Place],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        order = rng.permutation(len(towns))
        ids = reserve_ids(self.session, Agency, n)
        rows: list[dict[str, Any]] = []
        areas: list[dict[str, Any]] = []
        for a, agency_id in enumerate(ids):
            base = towns[int(order[a % len(towns)])]
            lat, lon = _jitter(rng, base.lat or 0.0, base.lon or 0.0, 1.0)
            word = AGENCY_WORDS[a % len(AGENCY_WORDS)]
            suffix = "" if a < len(AGENCY_WORDS) else str(a // len(AGENCY_WORDS) + 1)
            staff = int(rng.integers(3, 21))
            start = date(self.now.year, 1, 1) - timedelta(days=int(rng.integers(0, 365)))
            rows.append(
                {
                    "id": agency_id,
                    "name": f"{county.name}{word}{suffix}社会工作服务中心",
                    "credit_code": f"52{county.code[:6]}MJ{a + 1:07d}X",
                    "categories": sorted(
                        {"companionship", "psychological", "family_guidance"}
                        | ({"rehabilitation"} if rng.random() < 0.3 else set())
                    ),
                    "skills": ["counseling"] + (["play_therapy"] if rng.random() < 0.5 else []),
                    "staff_count": staff,
                    "caseload_capacity": staff * int(rng.integers(4, 9)),
                    "region_code": base.code,
                    "region_path": base.path,
                    "lat": lat,
                    "lon": lon,
                    "service_radius_km": float(rng.choice([10.0, 15.0, 20.0, 30.0])),
                    "contract_start": start,
                    "contract_end": start + timedelta(days=3 * 365),
                    "created_at": self.now,
                    "version": 1,
                }
            )
            contracted = {base.code} | {
                towns[int(i)].code
                for i in rng.choice(len(towns), int(rng.integers(0, 3)), replace=False)
            }
            areas.extend({"agency_id": agency_id, "region_code": c} for c in sorted(contracted))
        bulk_insert(self.session, Agency, rows)
        bulk_insert(self.session, AgencyArea, areas)
        counts.agencies += n

    def _organizations(
        self,
        rng: np.random.Generator,
        county: Region,
        towns: list[Place],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        ids = reserve_ids(self.session, Organization, n)
        trade_names = [TRADE_NAMES[int(i)] for i in rng.permutation(len(TRADE_NAMES))]
        rows: list[dict[str, Any]] = []
        resources: list[dict[str, Any]] = []
        for o, org_id in enumerate(ids):
            charity = o % 3 == 2
            town = towns[int(rng.integers(len(towns)))]
            lat, lon = _jitter(rng, town.lat or 0.0, town.lon or 0.0, 1.5)
            word = trade_names[o % len(trade_names)]
            if o >= len(trade_names):  # more than the list holds: a second branch of a name
                word += trade_names[(o // len(trade_names) + o) % len(trade_names)][0]
            if charity:
                # a foundation set up by one of the county's enterprises bears its name
                name = f"{county.name}{trade_names[(o - 2) % len(trade_names)]}慈善基金会"
                if o >= len(trade_names):
                    name = f"{county.name}{word}公益基金会"
            else:
                name = f"{county.name}{word}{TRADES[int(rng.integers(len(TRADES)))]}有限公司"
            rows.append(
                {
                    "id": org_id,
                    "kind": "charity" if charity else "enterprise",
                    "name": name,
                    "credit_code": f"{'53' if charity else '91'}{county.code[:6]}"
                    f"{'MJ' if charity else 'MA'}{o + 1:07d}Y",
                    "alliance_member": bool(rng.random() < 0.5),
                    "region_code": town.code,
                    "region_path": town.path,
                    "lat": lat,
                    "lon": lon,
                    "created_at": self.now,
                    "version": 1,
                }
            )
            for _ in range(int(rng.integers(1, 4))):
                kind = str(rng.choice(["goods", "funds", "post"], p=[0.5, 0.3, 0.2]))
                row: dict[str, Any] = {
                    "organization_id": org_id,
                    "kind": kind,
                    "quantity": None,
                    "unit": None,
                    "amount": None,
                    "item_code": None,
                    "allowed_uses": [],
                    "posts": None,
                    "min_age": None,
                    "autism_friendly": bool(rng.random() < 0.15),
                    "region_code": town.code,
                    "region_path": town.path,
                    "lat": lat,
                    "lon": lon,
                    "delivery_radius_km": float(rng.choice([10.0, 20.0, 30.0, 50.0])),
                    "status": "available",
                    "created_at": self.now,
                    "version": 1,
                }
                if kind == "goods":
                    title, qty, unit, item, _age = GOODS[int(rng.integers(len(GOODS)))]
                    row.update(
                        category_code="goods",
                        title=title,
                        item_code=item,
                        quantity=float(qty * 100),
                        unit=unit,
                    )
                elif kind == "funds":
                    uses = list(FUND_USES[int(rng.integers(len(FUND_USES)))])
                    row.update(
                        category_code="funds",
                        title="助学金" if uses[:1] == ["tuition"] else "爱心救助金",
                        amount=float(rng.choice([20_000, 50_000, 100_000])),
                        allowed_uses=uses,
                    )
                else:
                    row.update(
                        category_code="training_post",
                        title="技能实训岗位",
                        posts=int(rng.integers(2, 11)),
                        min_age=16,
                    )
                if row["category_code"] in self.categories:
                    resources.append(row)
        bulk_insert(self.session, Organization, rows)
        for resource_id, row in zip(
            reserve_ids(self.session, Resource, len(resources)), resources, strict=True
        ):
            row["id"] = resource_id
        bulk_insert(self.session, Resource, resources)
        counts.organizations += n
        counts.resources += len(resources)


class NeedDraws:
    """Every random draw the needs of a county's children take, made as arrays at once and
    handed out need by need."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self.k = 0
        self.skill = rng.random(size)
        self.skill_pick = rng.integers(0, 1 << 30, size)
        self.remote = rng.random(size)
        self.urgency = _draw(rng, URGENCY, size)
        self.female = rng.random(size) < 0.03
        self.minnan = rng.random(size) < 0.1
        self.opened = rng.integers(0, 60, size)
        self.hours = rng.choice([1.0, 1.5, 2.0, 3.0, 4.0], size)
        self.goods = rng.integers(0, 1 << 30, size)
        self.amount = rng.choice([500, 1000, 2000, 3000, 5000], size)
        self.purpose = rng.choice(len(FUND_PURPOSES), size, p=FUND_PURPOSES_P)

    def need(
        self,
        generator: Generator,
        category: str,
        age: int,
        opened: datetime,
        author: int | None,
        child_id: int,
    ) -> dict[str, Any]:
        k = self.k
        self.k += 1
        kind = generator.categories[category]
        pool: tuple[str, ...] = SKILLS.get(category, ())
        if category == "tutoring":
            pool = tutoring_skills(age)
        elif category == "psychological":
            pool = ("play_therapy",) if age < 12 else ("counseling",)
        row: dict[str, Any] = {
            "child_id": child_id,
            "category_code": category,
            "status": "open",
            "skills": [pool[self.skill_pick[k] % len(pool)]]
            if pool and self.skill[k] < 0.5
            else [],
            "in_person": not (category in REMOTE_OK and self.remote[k] < 0.12),
            "hours_per_week": None,
            "quantity": None,
            "unit": None,
            "amount": None,
            "item_code": None,
            "urgency": URGENCY[self.urgency[k]][0],
            "recurring": kind == "service",
            "preferred_gender": "female" if self.female[k] else None,
            "languages": ["minnan"] if self.minnan[k] else [],
            "description": None,
            "opened_at": min(opened + timedelta(days=int(self.opened[k])), generator.now),
            "created_at": opened,
            "created_by": author,
            "updated_at": opened,
            "version": 1,
        }
        if kind == "service":
            row["hours_per_week"] = float(self.hours[k])
        elif kind == "goods":
            suited = [g for g in GOODS if g[4] <= age]
            title, qty, unit, item, _age = suited[self.goods[k] % len(suited)]
            row.update(quantity=float(qty), unit=unit, description=title, item_code=item)
        elif kind == "funds":
            row["amount"] = float(self.amount[k])
            purpose = FUND_PURPOSES[int(self.purpose[k])]
            if purpose == "tuition" and age < 3:
                purpose = "living"
            row["item_code"] = purpose
        return row


# --- field work (the county's) --------------------------------------------------------------

# Visits (走访) and contacts (联系) as the risk level asks: high and medium monthly, low a visit
# a quarter and a call a month (see app/services/field.py); a few children are overdue.
VISIT_DAYS = {"high": 30, "medium": 30, "low": 90}
CONTACT_DAYS = 30
OVERDUE_SHARE = {"high": 0.04, "medium": 0.07, "low": 0.1}
HISTORY_DAYS = 120
PAIRED_SHARE = 0.15  # service needs of consented children in progress with a volunteer


@dataclass
class FieldWork:
    """The county's field work: children's directors and their visits and calls, pairings in
    progress with their visits, and the demo providers' accounts acting for their profile,
    agency and enterprise."""

    gen: Generator
    rng: np.random.Generator
    county: Region
    towns: list[Place]
    villages: list[Place]
    kids: ChildSet
    author: int | None
    counts: Counts
    visits: list[dict[str, Any]] = field(default_factory=list)
    pairings: list[dict[str, Any]] = field(default_factory=list)
    transitions: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    paired_records: list[dict[str, Any]] = field(default_factory=list)
    # scalar draws, visit by visit (a stdlib generator: far cheaper per draw than NumPy's),
    # seeded from the county's generator so the county stays reproducible
    r: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self.r = random.Random(int(self.rng.integers(1 << 62)))

    @property
    def session(self) -> Session:
        return self.gen.session

    def run(self) -> None:
        directors = self._directors()
        self._demo_providers()
        self._volunteer_pairings()
        self._rhythm(directors)
        ids = reserve_ids(self.session, Pairing, len(self.pairings))
        for pairing, pairing_id in zip(self.pairings, ids, strict=True):
            pairing["id"] = pairing_id
        for visit in self.visits:
            if visit["pairing_id"] is not None:
                visit["pairing_id"] = ids[visit["pairing_id"]]
        for data in self.paired_records:
            data["pairing_id"] = ids[data["pairing_id"]]
        approved = seal("proposal_approved")
        for t in self.transitions:
            t["reason"] = approved
        bulk_insert(self.session, Pairing, self.pairings)
        bulk_insert(self.session, NeedTransition, self.transitions)
        bulk_insert(self.session, FileRecord, self.records)
        bulk_insert(self.session, Visit, self.visits)
        needs = cast(Table, Need.__table__)
        matched = [t["need_id"] for t in self.transitions]
        for part in chunked(matched):
            self.session.execute(
                update(needs)
                .where(needs.c.id.in_(part))
                .values(status="matched", version=needs.c.version + 1)
            )
        self.counts.pairings += len(self.pairings)
        self.counts.visits += len(self.visits)
        self.gen._tick("visits", len(self.visits))

    # children's directors (儿童主任), one per village
    def _directors(self) -> list[int]:
        prefix = f"139{self.county.code[2:6]}"
        taken = set(self.session.scalars(select(User.phone).where(User.phone.startswith(prefix))))
        names = _names(self.rng, self.rng.random(len(self.villages)) < 0.3)
        ids = reserve_ids(self.session, User, len(self.villages))
        users_rows, areas = [], []
        out = []
        for k, (village, user_id) in enumerate(zip(self.villages, ids, strict=True)):
            phone = f"{prefix}{k + 1:04d}"
            if phone in taken:
                out.append(self.author or user_id)
                continue
            users_rows.append(
                self.gen._user_row(
                    user_id,
                    phone,
                    f"{village.name}儿童主任{names[k]}",
                    Role.coordinator,
                    village.code,
                )
            )
            areas.append(
                {
                    "user_id": user_id,
                    "region_code": village.code,
                    "assigned_at": self.gen.now - timedelta(days=400),
                    "assigned_by": self.author,
                }
            )
            out.append(user_id)
        bulk_insert(self.session, User, users_rows)
        bulk_insert(self.session, CoordinatorRegion, areas)
        self.counts.coordinators += len(users_rows)
        return out

    def _pair(
        self,
        need: tuple[int, int, str, bool, str | None, int],
        provider_type: ProviderType,
        provider_id: int,
        amount: int,
        *,
        active: bool,
        approved_days_ago: int,
    ) -> int:
        """A pairing approved by the county's coordinator, accepted unless not yet; returns
        its index in `self.pairings` (`run` turns indices into ids)."""
        need_id, child, _cat, _in_person, _item, _load = need
        approved = self.gen.now - timedelta(days=approved_days_ago, hours=3)
        responded = approved + timedelta(days=1) if active else None
        pairing_id = len(self.pairings)  # an index until ids are reserved (in `run`)
        self.pairings.append(
            {
                "id": pairing_id,
                "need_id": need_id,
                "proposal_id": None,
                "provider_type": provider_type,
                "provider_id": provider_id,
                "amount": amount,
                "status": PairingStatus.active if active else PairingStatus.awaiting_acceptance,
                "approved_by": self.author,
                "approved_at": approved,
                "responded_at": responded,
                "ended_at": None,
                "ended_by": None,
                "end_reason": None,
                "updated_at": responded or approved,
                "version": 1,
            }
        )
        self.transitions.append(
            {
                "need_id": need_id,
                "from_status": "open",
                "to_status": "matched",
                "at": approved,
                "actor_id": self.author,
                "reason": None,
                "data": None,
            }
        )
        child_id = self.kids.ids[child]
        for event, at in (("approved", approved), ("accepted", responded)):
            if at is None:
                continue
            data: dict[str, Any] = {"need_id": need_id, "event": event, "pairing_id": pairing_id}
            if event == "approved":
                data.update(provider_type=provider_type.value, amount=amount)
            self.paired_records.append(data)
            self.records.append(
                {
                    "child_id": child_id,
                    "kind": "pairing",
                    "at": at,
                    "author_id": self.author,
                    "body": None,
                    "data": data,
                    "resolved_at": None,
                    "resolution": None,
                }
            )
        return pairing_id

    def _open_needs(
        self, categories: set[str], *, in_person: bool | None = None
    ) -> list[tuple[int, int, str, bool, str | None, int]]:
        taken = {t["need_id"] for t in self.transitions}
        return [
            need
            for need in self.kids.needs
            if need[2] in categories
            and need[0] not in taken
            and self.kids.consented[need[1]]
            and (in_person is None or need[3] == in_person)
        ]

    def _provider_visits(
        self, pairing_id: int, child: int, author_id: int, category: str, since: datetime
    ) -> None:
        """Weekly or fortnightly visits of a provider to a paired child, since the pairing's
        start; hours of the last two weeks wait for the coordinator."""
        now = self.gen.now
        notes = PAIRING_NOTES.get(category, PAIRING_NOTES["companionship"])
        step = self.r.choice((7, 14))
        at = since + timedelta(days=self.r.randrange(2, 8))
        while at < now - timedelta(hours=6):
            when = at.replace(hour=self.r.choice((1, 2, 10, 11)), minute=0, second=0)
            if when >= now:
                break
            self._visit(
                child,
                author_id,
                VisitKind.home_visit,
                when,
                {"done": self.r.choice(notes), "problems": ""},
                pairing_id=pairing_id,
                minutes=self.r.choice((60, 90, 120)),
            )
            at += timedelta(days=step + self.r.randrange(-1, 2))

    def _visit(
        self,
        child: int,
        author_id: int,
        kind: VisitKind,
        at: datetime,
        notes: dict[str, str],
        *,
        pairing_id: int | None = None,
        minutes: int = 30,
    ) -> None:
        now = self.gen.now
        in_person = kind in (VisitKind.home_visit, VisitKind.school)
        recent = now - at < timedelta(days=14)
        decided = not recent
        self.visits.append(
            {
                "id": str(uuid.UUID(int=self.r.getrandbits(128), version=4)),
                "pairing_id": pairing_id,
                "child_id": self.kids.ids[child],
                "author_id": author_id,
                "kind": kind,
                "occurred_at": at,
                "duration_minutes": minutes,
                "lat": float(self.kids.lat[child]) if in_person else None,
                "lon": float(self.kids.lon[child]) if in_person else None,
                "notes": notes,
                "problems_found": bool(notes.get("problems")),
                "corrects_id": None,
                "created_at": at + timedelta(minutes=minutes),
                "updated_at": at + timedelta(minutes=minutes),
                "editable_until": at + timedelta(minutes=minutes, hours=2),
                "hours_status": HoursStatus.confirmed if decided else HoursStatus.pending,
                "hours_decided_by": self.author if decided else None,
                "hours_decided_at": at + timedelta(days=3) if decided else None,
                "version": 1,
            }
        )

    # the demo accounts' volunteer profile, agency and enterprise, with pairings
    def _demo_providers(self) -> None:
        if self.county.code != DEMO_COUNTY:
            return
        from app.demo import DEMO_ACCOUNTS

        phones: dict[str, str] = {}
        for role, phone, *_ in DEMO_ACCOUNTS:
            phones.setdefault(role, phone)  # the first account of a role is its demo one
        accounts = {
            phone: user_id
            for phone, user_id in self.session.execute(
                select(User.phone, User.id).where(User.phone.in_(list(phones.values())))
            )
        }
        volunteer_user = accounts.get(phones["volunteer"])
        if volunteer_user is not None:
            self._demo_volunteer(volunteer_user)
        staff = accounts.get(phones["agency_staff"])
        if staff is not None:
            self._demo_agency(staff)
        donor = accounts.get(phones["donor"])
        if donor is not None:
            self._demo_enterprise(donor)

    def _demo_volunteer(self, user_id: int) -> None:
        if self.session.scalar(select(Volunteer.id).where(Volunteer.owner_id == user_id)):
            return
        home = self.session.get(Region, self.session.get(User, user_id).region_code)  # type: ignore[union-attr]
        assert home is not None
        lat, lon = (home.lat or self.county.lat or 0.0), (home.lon or self.county.lon or 0.0)
        (volunteer_id,) = reserve_ids(self.session, Volunteer, 1)
        today = self.gen.now.date()
        bulk_insert(
            self.session,
            Volunteer,
            [
                {
                    "id": volunteer_id,
                    "owner_id": user_id,
                    "gender": "female",
                    "skills": [
                        {"skill": "math", "verified": True},
                        {"skill": "chinese", "verified": True},
                    ],
                    "categories": ["companionship", "tutoring"],
                    "languages": ["mandarin", "minnan"],
                    "availability": [
                        {"weekday": 2, "start": "18:00", "end": "20:00"},
                        {"weekday": 5, "start": "09:00", "end": "11:00"},
                    ],
                    "max_children": 3,
                    "hours_per_week": 4.0,
                    "region_code": home.code,
                    "region_path": home.path,
                    "lat": lat,
                    "lon": lon,
                    "travel_km": 10.0,
                    "transport": "ebike",
                    "check_state": CheckState.cleared,
                    "check_decided_on": today - timedelta(days=200),
                    "check_expires_on": today - timedelta(days=200) + timedelta(days=3 * 365),
                    "check_verifier_id": self.author,
                    "active": True,
                    "created_at": self.gen.now - timedelta(days=230),
                    "updated_at": self.gen.now - timedelta(days=200),
                    "version": 1,
                }
            ],
        )
        self.counts.volunteers += 1
        near = self._nearest(
            self._open_needs({"tutoring", "companionship"}, in_person=True), lat, lon, 10.0
        )
        for k, need in enumerate(near[:3]):
            active = k < 2
            pairing_id = self._pair(
                need,
                ProviderType.volunteer,
                volunteer_id,
                1,
                active=active,
                approved_days_ago=60 - 25 * k if active else 1,
            )
            if active:
                self._provider_visits(
                    pairing_id, need[1], user_id, need[2], self.pairings[-1]["responded_at"]
                )

    def _demo_agency(self, user_id: int) -> None:
        if self.session.get(OrgMember, user_id) is not None:
            return
        agency = self.session.scalar(
            select(Agency)
            .where(Agency.region_path.startswith(self.county.path))
            .order_by(Agency.id)
            .limit(1)
        )
        if agency is None:
            return
        bulk_insert(
            self.session,
            OrgMember,
            [{"user_id": user_id, "agency_id": agency.id, "organization_id": None}],
        )
        areas = set(
            self.session.scalars(
                select(AgencyArea.region_code).where(AgencyArea.agency_id == agency.id)
            )
        )
        wanted = set(agency.categories) & {"psychological", "family_guidance", "companionship"}
        candidates = [
            need
            for need in self._open_needs(wanted, in_person=True)
            if self.villages[self.kids.village[need[1]]].parent_code in areas
        ]
        for k, need in enumerate(
            self._nearest(candidates, agency.lat, agency.lon, agency.service_radius_km)[:4]
        ):
            pairing_id = self._pair(
                need, ProviderType.agency, agency.id, 1, active=True, approved_days_ago=90 - 15 * k
            )
            self._provider_visits(
                pairing_id, need[1], user_id, need[2], self.pairings[-1]["responded_at"]
            )

    def _demo_enterprise(self, user_id: int) -> None:
        if self.session.get(OrgMember, user_id) is not None:
            return
        org = self.session.scalar(
            select(Organization)
            .where(
                Organization.region_path.startswith(self.county.path),
                Organization.kind == "enterprise",
            )
            .order_by(Organization.id)
            .limit(1)
        )
        if org is None:
            return
        bulk_insert(
            self.session,
            OrgMember,
            [{"user_id": user_id, "agency_id": None, "organization_id": org.id}],
        )
        goods = list(
            self.session.scalars(
                select(Resource).where(Resource.organization_id == org.id, Resource.kind == "goods")
            )
        )
        if not goods:
            (resource_id,) = reserve_ids(self.session, Resource, 1)
            bulk_insert(
                self.session,
                Resource,
                [
                    {
                        "id": resource_id,
                        "organization_id": org.id,
                        "kind": "goods",
                        "category_code": "goods",
                        "title": "书包文具",
                        "item_code": "school_supplies",
                        "quantity": 100.0,
                        "unit": "套",
                        "amount": None,
                        "allowed_uses": [],
                        "posts": None,
                        "min_age": None,
                        "autism_friendly": False,
                        "region_code": org.region_code,
                        "region_path": org.region_path,
                        "lat": org.lat,
                        "lon": org.lon,
                        "delivery_radius_km": 30.0,
                        "status": "available",
                        "created_at": self.gen.now,
                        "version": 1,
                    }
                ],
            )
            self.counts.resources += 1
            goods = [self.session.get(Resource, resource_id)]  # type: ignore[list-item]
        resource = goods[0]
        candidates = [need for need in self._open_needs({"goods"}) if need[4] == resource.item_code]
        left = int(resource.quantity or 0)
        for k, need in enumerate(
            self._nearest(candidates, resource.lat, resource.lon, resource.delivery_radius_km)[:3]
        ):
            if need[5] > left:
                break
            left -= need[5]
            self._pair(
                need,
                ProviderType.resource,
                resource.id,
                need[5],
                active=True,
                approved_days_ago=40 - 10 * k,
            )

    def _nearest(
        self,
        needs: list[tuple[int, int, str, bool, str | None, int]],
        lat: float,
        lon: float,
        radius_km: float,
    ) -> list[tuple[int, int, str, bool, str | None, int]]:
        if not needs:
            return []
        rows = np.array([n[1] for n in needs])
        km = _km(lat, lon, self.kids.lat[rows], self.kids.lon[rows])
        order = np.argsort(km, kind="stable")
        return [needs[int(i)] for i in order if km[i] <= radius_km]

    # pairings in progress between the county's volunteers and children
    def _volunteer_pairings(self) -> None:
        rows = self.session.execute(
            select(
                Volunteer.id,
                Volunteer.owner_id,
                Volunteer.categories,
                Volunteer.max_children,
                Volunteer.lat,
                Volunteer.lon,
                Volunteer.travel_km,
            )
            .join(User, User.id == Volunteer.owner_id)
            .where(
                Volunteer.region_path.startswith(self.county.path),
                Volunteer.check_state == CheckState.cleared,
                User.phone.startswith(f"16{self.county.code[2:6]}"),
            )
            .order_by(Volunteer.id)
        ).all()
        if not rows:
            return
        lats = np.array([r.lat for r in rows])
        lons = np.array([r.lon for r in rows])
        reach = np.array([r.travel_km for r in rows])
        free = np.array([r.max_children for r in rows])
        offers = {
            category: np.array([category in r.categories for r in rows])
            for category in {c for r in rows for c in r.categories}
        }
        service = {c for c, kind in self.gen.categories.items() if kind == "service"}
        open_needs = self._open_needs(service, in_person=True)
        chosen = self.rng.random(len(open_needs)) < PAIRED_SHARE
        started = self.rng.integers(20, 240, len(open_needs))
        for need, pick, days in zip(open_needs, chosen, started, strict=True):
            if not pick:
                continue
            child = need[1]
            km = _km(float(self.kids.lat[child]), float(self.kids.lon[child]), lats, lons)
            able = (km <= reach) & (free > 0) & offers.get(need[2], False)
            if not able.any():
                continue
            best = int(np.argmin(np.where(able, km, np.inf)))
            free[best] -= 1
            pairing_id = self._pair(
                need,
                ProviderType.volunteer,
                rows[best].id,
                1,
                active=True,
                approved_days_ago=int(days),
            )
            self._provider_visits(
                pairing_id, child, rows[best].owner_id, need[2], self.pairings[-1]["responded_at"]
            )

    # the directors' visits and calls
    def _rhythm(self, directors: list[int]) -> None:
        now = self.gen.now
        rng, r = self.rng, self.r
        n = len(self.kids.ids)
        overdue_draw = rng.random(n)
        lateness = rng.integers(3, 45, n)
        phase = rng.random(n)
        for i in range(n):
            risk = self.kids.risks[i]
            director = directors[self.kids.village[i]]
            start = max(self.kids.created[i], now - timedelta(days=HISTORY_DAYS))
            every = VISIT_DAYS[risk]
            overdue = overdue_draw[i] < OVERDUE_SHARE[risk]
            # the last visit: within its period, or (overdue) some days past it
            back = every + int(lateness[i]) if overdue else int(phase[i] * (every - 3)) + 1
            at = now - timedelta(days=back)
            visit_days = []
            while at >= start:
                visit_days.append(at)
                at -= timedelta(days=every + r.randrange(-4, 3))
            for when in visit_days:
                school = self.kids.ages[i] >= 6 and r.random() < 0.12
                problem = r.random() < 0.04
                notes = {
                    "done": (SCHOOL_NOTES if school else HOME_VISIT_NOTES)[
                        r.randrange(len(SCHOOL_NOTES if school else HOME_VISIT_NOTES))
                    ],
                    "problems": r.choice(PROBLEM_NOTES) if problem else "",
                }
                self._visit(
                    i,
                    director,
                    VisitKind.school if school else VisitKind.home_visit,
                    when.replace(hour=r.randrange(1, 9), minute=r.randrange(60)),
                    notes,
                    minutes=r.choice((30, 45, 60)),
                )
            if every <= CONTACT_DAYS:
                continue
            # low risk: a call a month between the quarterly visits
            last = visit_days[0] if visit_days else None
            back = CONTACT_DAYS + int(lateness[i]) if overdue else int(phase[i] * 25) + 1
            at = now - timedelta(days=back)
            while at >= start:
                if last is None or abs((at - last).days) > 10:
                    video = r.random() < 0.1
                    notes_pool = VIDEO_NOTES if video else CONTACT_NOTES
                    self._visit(
                        i,
                        director,
                        VisitKind.video if video else VisitKind.phone,
                        at.replace(hour=r.randrange(1, 12), minute=r.randrange(60)),
                        {"done": r.choice(notes_pool), "problems": ""},
                        minutes=r.choice((10, 15, 20)),
                    )
                at -= timedelta(days=CONTACT_DAYS + r.randrange(-3, 3))


def already_generated(session: Session, county_code: str) -> bool:
    """A county is taken when it has any child's file (demo or real): never mix them."""
    path = session.scalar(select(Region.path).where(Region.code == county_code))
    if path is None:
        return False
    return bool(
        session.scalar(
            select(func.count()).select_from(Child).where(Child.region_path.startswith(path))
        )
    )


def generate(
    session: Session,
    *,
    scale: str = "county",
    seed: int = 1,
    children: int | None = None,
    volunteers: int | None = None,
    agencies: int | None = None,
    organizations: int | None = None,
    counties: Sequence[str] | None = None,
    progress: Progress | None = None,
    password_hash: str | None = None,
    field_work: bool | None = None,
) -> Counts:
    """Generate the demo county (Jinjiang) or province (Fujian). Sizes are totals for the
    scale (children and volunteers spread over the counties); counties that already have
    children are skipped. `field_work` (the county's default; the province's files, needs
    and providers stay as the benchmarks expect them) adds visits, pairings in progress and
    the demo providers' accounts."""
    if scale not in SIZES:
        raise ValueError(f"scale is county or province, not {scale}")
    d_children, d_volunteers, d_agencies, d_orgs = SIZES[scale]
    n_children = d_children if children is None else children
    n_volunteers = d_volunteers if volunteers is None else volunteers
    n_agencies = d_agencies if agencies is None else agencies
    n_orgs = d_orgs if organizations is None else organizations
    if session.get(Region, DEMO_COUNTY) is None:
        from app.services import regions

        regions.load_gb2260(session=session)
    if scale == "county":
        county = session.get(Region, DEMO_COUNTY)
        assert county is not None
        specs = [CountySpec(county.code, county.name, county.lat or 0.0, county.lon or 0.0)]
    else:
        specs = fujian_counties()
        if counties:
            wanted = {c.ljust(12, "0") for c in counties}
            specs = [s for s in specs if s.code in wanted]
        present = set(
            session.scalars(select(Region.code).where(Region.code.in_([s.code for s in specs])))
        )
        specs = [s for s in specs if s.code in present]
    counts = Counts()
    generator = Generator(
        session,
        seed=seed,
        progress=progress,
        password_hash=password_hash or "",
        field_work=scale == "county" if field_work is None else field_work,
    )
    rng = np.random.default_rng(seed)
    shares = rng.uniform(0.5, 1.5, len(specs))
    shares = shares / shares.sum()
    child_counts = _split(n_children, shares)
    volunteer_counts = _split(n_volunteers, shares)
    for spec, nc, nv in zip(specs, child_counts, volunteer_counts, strict=True):
        if already_generated(session, spec.code):
            counts.skipped.append(spec.code)
            continue
        generator.county(
            spec,
            children=nc,
            volunteers=nv,
            agencies=n_agencies,
            organizations=n_orgs,
            coordinator=scale == "province",
            counts=counts,
        )
    if counts.counties:
        session.add(
            AuditEvent(
                action="demo.generate",
                actor_id=None,
                object_type="region",
                object_id=specs[0].code if len(specs) == 1 else "350000000000",
                detail={"scale": scale, "seed": seed, **counts.as_dict()},
            )
        )
        session.flush()
    return counts


def _split(total: int, shares: np.ndarray) -> list[int]:
    """`total` split by `shares`, summing exactly (largest remainders)."""
    raw = shares * total
    out = np.floor(raw).astype(int)
    rest = total - int(out.sum())
    for i in np.argsort(-(raw - out))[:rest]:
        out[i] += 1
    return [int(x) for x in out]


JINJIANG_TOWNSHIP_CODES = [f"350582{s}000" for s, *_ in JINJIANG_TOWNSHIPS]
