"""Demo data that looks like the field: a county (Jinjiang by default) or every county of
Fujian, with children clustered around villages, volunteers around towns, social-work
agencies with township contracts and enterprises and charities with resources.

Reproducible: each county draws from its own generator seeded by (seed, county code), so
the same seed gives the same names, ID numbers, codes and counts. Fast: rows go in with
bulk INSERTs (`session.execute(insert(Model), rows)`); the `Encrypted` column type
encrypts `pii` per row, and the demo password is hashed once for every account.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.crypto import cipher
from app.demo import DEMO_COUNTY, DEMO_PASSWORD, JINJIANG_TOWNSHIPS, seed_regions
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
    Need,
    NeedCategory,
    NeedTransition,
    Organization,
    Region,
    RegionLevel,
    Resource,
    Role,
    User,
    UserStatus,
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
DISABILITY_TYPES = ("physical", "intellectual", "hearing", "visual", "speech", "mental", "multiple")
DISABILITY_P = (0.30, 0.25, 0.14, 0.1, 0.08, 0.08, 0.05)
RISK = (("high", 0.10), ("medium", 0.30), ("low", 0.60))
NEEDS_PER_CHILD = ((1, 0.5), (2, 0.35), (3, 0.15))
URGENCY = (("normal", 0.80), ("urgent", 0.15), ("critical", 0.05))
GOODS = (
    ("书包文具", 1, "套", "school_supplies"),
    ("冬衣", 2, "件", "winter_clothes"),
    ("课外书", 10, "本", "books"),
    ("营养品", 1, "箱", "nutrition"),
)
FUND_PURPOSES = ("tuition", "living", "medical", "rehabilitation")
FUND_PURPOSES_P = (0.5, 0.25, 0.15, 0.1)
# what a donor's fund may pay for (an empty list: any purpose)
FUND_USES = (("tuition",), ("tuition", "living"), ("medical", "rehabilitation"), ())
ORG_WORDS = "鸿星安踏恒安七匹狼特步柒牌361利郎九牧劲霸匹克盼盼达利"
AGENCY_WORDS = ("同心", "阳光", "启航", "暖阳", "新希望", "益家", "仁爱", "春苗", "向日葵")
TOWN_WORDS = "东西南北中新安永福德龙凤石溪山洋塘岭坑前后上下"
LANGUAGES = ("minnan", "mandarin", "hakka", "sign")
TRANSPORT = ("walk", "bicycle", "ebike", "car", "public")
TRANSPORT_P = (0.1, 0.1, 0.45, 0.25, 0.1)
RADII = (3.0, 5.0, 8.0, 10.0, 15.0, 20.0)
RADII_P = (0.1, 0.3, 0.25, 0.2, 0.1, 0.05)

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

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


Progress = Callable[[str, int], None]


def _pick(rng: np.random.Generator, table: Sequence[tuple[Any, float]], size: int) -> list[Any]:
    values = [v for v, _ in table]
    p = np.array([w for _, w in table], dtype=float)
    return [values[i] for i in rng.choice(len(values), size, p=p / p.sum())]


def _name(rng: np.random.Generator, gender: str) -> str:
    surname = SURNAMES[int(rng.choice(len(SURNAMES), p=_SURNAME_P))]
    pool = GIVEN_MALE if gender == "male" else GIVEN_FEMALE
    if rng.random() < 0.8:
        first = GIVEN_ANY if rng.random() < 0.35 else pool
        given = first[int(rng.integers(len(first)))] + pool[int(rng.integers(len(pool)))]
    else:
        given = pool[int(rng.integers(len(pool)))]
    return surname + given


def _code(rng: np.random.Generator) -> str:
    return "TX" + "".join(CODE_ALPHABET[i] for i in rng.integers(0, len(CODE_ALPHABET), 8))


def _jitter(rng: np.random.Generator, lat: float, lon: float, sd_km: float) -> tuple[float, float]:
    dlat = rng.normal(0.0, sd_km / 111.2)
    dlon = rng.normal(0.0, sd_km / (111.2 * math.cos(math.radians(lat))))
    return round(lat + dlat, 6), round(lon + dlon, 6)


# --- regions ----------------------------------------------------------------------------


def fujian_counties() -> list[CountySpec]:
    return [
        CountySpec(p.adcode.ljust(12, "0"), p.name, p.lat, p.lon)
        for p in _fujian_counties()
        if not p.name.startswith("grid-")
    ]


def ensure_county_regions(
    session: Session, county: CountySpec, townships: int = 12, villages: int = 12
) -> tuple[list[Region], list[Region]]:
    """The county's townships and villages, created beneath it when it has none."""
    if county.code == DEMO_COUNTY:
        seed_regions(session, villages_per_township=21)
    parent = session.get(Region, county.code)
    if parent is None:
        raise ValueError(f"no region {county.code}: run `flask regions load` first")
    towns = list(
        session.scalars(
            select(Region)
            .where(Region.parent_code == parent.code, Region.level == RegionLevel.township)
            .order_by(Region.code)
        )
    )
    if not towns:
        rng = np.random.default_rng(int(county.code[:6]))
        stem = parent.name.removesuffix("县").removesuffix("市").removesuffix("区")[:2]
        rows: list[dict[str, Any]] = []
        for t in range(townships):
            tcode = f"{parent.code[:6]}{100 + t:03d}000"
            tlat, tlon = _jitter(rng, parent.lat or county.lat, parent.lon or county.lon, 12.0)
            word = TOWN_WORDS[t % len(TOWN_WORDS)]
            tname = f"{stem}城关镇" if t == 0 else f"{word}{TOWN_WORDS[(t * 7) % 20]}镇"
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
            for v in range(villages):
                vcode = f"{tcode[:9]}{200 + v + 1:03d}"
                vlat, vlon = _jitter(rng, tlat, tlon, 3.0)
                word = TOWN_WORDS[(v * 3 + t) % len(TOWN_WORDS)]
                vname = f"{tname[:2]}{word}{'村' if v % 5 else '社区'}"
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
        session.execute(insert(Region), rows)
        towns = list(
            session.scalars(
                select(Region)
                .where(Region.parent_code == parent.code, Region.level == RegionLevel.township)
                .order_by(Region.code)
            )
        )
    villages_of = list(
        session.scalars(
            select(Region)
            .where(Region.path.startswith(parent.path), Region.level == RegionLevel.village)
            .order_by(Region.code)
        )
    )
    return towns, villages_of


# --- the generator ----------------------------------------------------------------------


@dataclass
class Generator:
    session: Session
    seed: int = 1
    progress: Progress | None = None
    password_hash: str = ""
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
        self._children(rng, county, villages, children, author, counts)
        self._volunteers(rng, county, towns, villages, volunteers, counts)
        self._agencies(rng, county_region, towns, agencies, counts)
        self._organizations(rng, county_region, towns, organizations, counts)

    def _coordinator(self, county: Region, counts: Counts) -> int:
        phone = f"137{county.code[:6]}01"
        existing = self.session.scalar(select(User.id).where(User.phone == phone))
        if existing is not None:
            return existing
        user_id: int = self.session.execute(
            insert(User).returning(User.id),
            [self._user_row(phone, f"{county.name}儿童督导员", Role.coordinator, county.code)],
        ).scalar_one()
        self.session.execute(
            insert(CoordinatorRegion),
            [{"user_id": user_id, "region_code": county.code, "assigned_at": self.now}],
        )
        counts.coordinators += 1
        return user_id

    def _user_row(self, phone: str, name: str, role: Role, region_code: str) -> dict[str, Any]:
        return {
            "phone": phone,
            "email": None,
            "password_hash": self.password_hash,
            "display_name": name,
            "role": role,
            "status": UserStatus.active,
            "region_code": region_code,
            "created_at": self.now,
            "updated_at": self.now,
            "password_changed_at": self.now,
        }

    def _children(
        self,
        rng: np.random.Generator,
        county: CountySpec,
        villages: list[Region],
        n: int,
        author: int | None,
        counts: Counts,
    ) -> None:
        if n <= 0 or not villages:
            return
        today = self.now.date()
        # Children cluster in some villages more than others.
        weights = rng.gamma(1.5, 1.0, len(villages))
        village_of = rng.choice(len(villages), n, p=weights / weights.sum())
        genders = rng.choice(["male", "female"], n, p=[0.53, 0.47])
        ages_days = rng.integers(0, 18 * 365 - 1, n)
        risks = _pick(rng, RISK, n)
        primary = _pick(rng, CHILD_CATEGORIES, n)
        second = _pick(rng, CHILD_CATEGORIES, n)
        seq = rng.permutation(1000 * max(1, math.ceil(n / 1000)))[:n]
        index = cipher().blind_index
        child_rows: list[dict[str, Any]] = []
        extra: list[dict[str, Any]] = []  # per child: consent and needs, once ids are known
        for i in range(n):
            village = villages[int(village_of[i])]
            gender = str(genders[i])
            birth = today - timedelta(days=int(ages_days[i]) + 1)
            name = _name(rng, gender)
            # odd 17th digit for boys, even for girls
            s = int(seq[i]) // 2 * 2 % 1000 + (1 if gender == "male" else 0)
            ident = id_number(county.code, birth, s)
            cats = {primary[i]}
            if rng.random() < 0.2 and second[i] != primary[i]:
                cats.add(second[i])
            disability = None
            if "autism" in cats and rng.random() < 0.6:
                cats.add("disability")
                disability = {"type": "mental", "grade": int(rng.integers(1, 5))}
            elif "disability" in cats:
                kind = DISABILITY_TYPES[int(rng.choice(len(DISABILITY_TYPES), p=DISABILITY_P))]
                disability = {"type": kind, "grade": int(rng.integers(1, 5))}
            relation = _pick(rng, RELATIONS, 1)[0]
            guardian_gender = "female" if relation in ("祖母", "母亲", "外祖母", "姑妈") else "male"
            guardian = {
                "name": name[0] + _name(rng, guardian_gender)[1:]
                if relation in ("祖父", "父亲", "叔叔")
                else _name(rng, guardian_gender),
                "relation": relation,
                "phone": f"1{int(rng.choice([35, 37, 38, 39, 58, 59, 88]))}"
                f"{int(rng.integers(0, 10**8)):08d}",
            }
            lat, lon = _jitter(rng, village.lat or county.lat, village.lon or county.lon, 0.6)
            changed = self.now - timedelta(days=int(rng.integers(0, 400)))
            child_rows.append(
                {
                    "code": _code(rng),
                    "region_code": village.code,
                    "township_code": village.parent_code,
                    "region_path": village.path,
                    "lat": lat,
                    "lon": lon,
                    "birth_date": birth,
                    "gender": gender,
                    "categories": sorted(cats),
                    "disability": disability,
                    "risk_level": risks[i],
                    "risk_changed_at": changed,
                    "risk_changed_by": author,
                    "pii": {
                        "name": name,
                        "id_number": ident,
                        "address": f"{village.name}{int(rng.integers(1, 200))}号",
                        "guardian": guardian,
                    },
                    "name_index": index(name),
                    "id_number_index": index(ident),
                    "entrusted_care_until": None,
                    "created_at": changed,
                    "created_by": author,
                    "updated_at": changed,
                    "version": 1,
                }
            )
            age = int(ages_days[i]) // 365
            consent = None
            if (age < 14 and rng.random() < 0.85) or (age >= 14 and rng.random() < 0.5):
                consent = {
                    "guardian": {"name": guardian["name"], "relation": relation},
                    "given_on": (changed - timedelta(days=int(rng.integers(0, 30)))).date(),
                    "scope": ["matching", "visits"],
                    "evidence_ref": f"{county.code[:6]}-TY-{i + 1:05d}",
                    "recorded_by": author,
                    "recorded_at": changed,
                }
            extra.append(
                {"consent": consent, "needs": self._needs_of(rng, cats, age, changed, author)}
            )
        for start in range(0, n, 2000):
            chunk = child_rows[start : start + 2000]
            ids = list(
                self.session.scalars(
                    insert(Child).returning(Child.id, sort_by_parameter_order=True), chunk
                )
            )
            self._dependents(ids, extra[start : start + 2000], chunk, author, counts)
            counts.children += len(chunk)
            self._tick("children", len(chunk))

    def _needs_of(
        self,
        rng: np.random.Generator,
        cats: set[str],
        age: int,
        opened: datetime,
        author: int | None,
    ) -> list[dict[str, Any]]:
        k = _pick(rng, NEEDS_PER_CHILD, 1)[0]
        chosen: list[str] = []
        if cats & {"disability", "autism"} and rng.random() < 0.5:
            chosen.append("rehabilitation" if rng.random() < 0.6 else "home_education")
        p = np.array(CATEGORY_WEIGHTS) / sum(CATEGORY_WEIGHTS)
        while len(chosen) < k:
            cat = CATEGORIES[int(rng.choice(len(CATEGORIES), p=p))]
            if cat == "training_post" and age < 16:
                cat = "tutoring"
            if cat not in chosen and cat in self.categories:
                chosen.append(cat)
        out = []
        for cat in chosen:
            kind = self.categories[cat]
            skills_pool = SKILLS.get(cat, ())
            skills = (
                [skills_pool[int(rng.integers(len(skills_pool)))]]
                if skills_pool and rng.random() < 0.5
                else []
            )
            row: dict[str, Any] = {
                "category_code": cat,
                "status": "open",
                "skills": skills,
                "in_person": not (cat in REMOTE_OK and rng.random() < 0.12),
                "hours_per_week": None,
                "quantity": None,
                "unit": None,
                "amount": None,
                "item_code": None,
                "urgency": _pick(rng, URGENCY, 1)[0],
                "recurring": kind == "service",
                "preferred_gender": ("female" if rng.random() < 0.03 else None),
                "languages": ["minnan"] if rng.random() < 0.1 else [],
                "description": None,
                "opened_at": opened + timedelta(days=int(rng.integers(0, 60))),
                "created_at": opened,
                "created_by": author,
                "updated_at": opened,
                "version": 1,
            }
            if kind == "service":
                row["hours_per_week"] = float(rng.choice([1.0, 1.5, 2.0, 3.0, 4.0]))
            elif kind == "goods":
                title, qty, unit, item = GOODS[int(rng.integers(len(GOODS)))]
                row.update(quantity=float(qty), unit=unit, description=title, item_code=item)
            elif kind == "funds":
                row["amount"] = float(rng.choice([500, 1000, 2000, 3000, 5000]))
                row["item_code"] = str(rng.choice(FUND_PURPOSES, p=FUND_PURPOSES_P))
            if row["opened_at"] > self.now:
                row["opened_at"] = self.now
            out.append(row)
        return out

    def _dependents(
        self,
        ids: list[int],
        extra: list[dict[str, Any]],
        child_rows: list[dict[str, Any]],
        author: int | None,
        counts: Counts,
    ) -> None:
        consents, records, need_rows = [], [], []
        for child_id, more, child in zip(ids, extra, child_rows, strict=True):
            at = child["created_at"]
            records.append(
                {
                    "child_id": child_id,
                    "kind": "risk_change",
                    "at": at,
                    "author_id": author,
                    "body": None,
                    "data": {"to": child["risk_level"], "reason": "initial assessment"},
                }
            )
            if more["consent"]:
                consents.append({"child_id": child_id, **more["consent"]})
            for need in more["needs"]:
                need_rows.append({"child_id": child_id, **need})
        if consents:
            self.session.execute(insert(Consent), consents)
        need_ids = (
            list(
                self.session.scalars(
                    insert(Need).returning(Need.id, sort_by_parameter_order=True), need_rows
                )
            )
            if need_rows
            else []
        )
        transitions = []
        for need_id, need in zip(need_ids, need_rows, strict=True):
            transitions.append(
                {
                    "need_id": need_id,
                    "from_status": None,
                    "to_status": "open",
                    "at": need["created_at"],
                    "actor_id": author,
                    "reason": "created",
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
                }
            )
        if transitions:
            self.session.execute(insert(NeedTransition), transitions)
        self.session.execute(insert(FileRecord), records)
        counts.consents += len(consents)
        counts.needs += len(need_rows)

    def _volunteers(
        self,
        rng: np.random.Generator,
        county: CountySpec,
        towns: list[Region],
        villages: list[Region],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        if n > 99_999:
            raise ValueError("at most 99,999 volunteers per county")
        villages_by_town: dict[str, list[Region]] = {}
        for v in villages:
            villages_by_town.setdefault(v.parent_code or "", []).append(v)
        # Most volunteers live in the bigger towns (the county seat first).
        weights = rng.gamma(1.2, 1.0, len(towns))
        weights[0] *= 3
        town_of = rng.choice(len(towns), n, p=weights / weights.sum())
        service_cats = [c for c in CATEGORIES if self.categories.get(c) == "service"]
        p = np.array([CATEGORY_WEIGHTS[CATEGORIES.index(c)] for c in service_cats])
        p = p / p.sum()
        prefix = f"16{county.code[2:6]}"
        taken = set(self.session.scalars(select(User.phone).where(User.phone.startswith(prefix))))
        user_rows, vol_rows = [], []
        today = self.now.date()
        for j in range(n):
            phone = f"{prefix}{j + 1:05d}"
            if phone in taken:
                continue
            town = towns[int(town_of[j])]
            home = (villages_by_town.get(town.code) or [town])[
                int(rng.integers(len(villages_by_town.get(town.code) or [town])))
            ]
            gender = "female" if rng.random() < 0.58 else "male"
            name = _name(rng, gender)
            user_rows.append(self._user_row(phone, name, Role.volunteer, home.code))
            k = int(rng.integers(1, 4))
            cats = sorted(
                {service_cats[i] for i in rng.choice(len(service_cats), k, replace=False, p=p)}
            )
            offered = sorted({s for c in cats for s in SKILLS.get(c, ())})
            skills = (
                sorted(
                    {
                        str(s)
                        for s in rng.choice(
                            offered, min(len(offered), int(rng.integers(1, 3))), replace=False
                        )
                    }
                )
                if offered
                else []
            )
            slots = []
            for _ in range(int(rng.integers(1, 4))):
                weekday = int(rng.integers(0, 7))
                start = (
                    int(rng.choice([9, 14, 18, 19]))
                    if weekday >= 5
                    else int(rng.choice([18, 19, 20]))
                )
                slots.append(
                    {"weekday": weekday, "start": f"{start:02d}:00", "end": f"{start + 2:02d}:00"}
                )
            draw = rng.random()
            if draw < 0.85:
                state, decided = (
                    CheckState.cleared,
                    today - timedelta(days=int(rng.integers(1, 700))),
                )
                expires: date | None = decided + timedelta(days=3 * 365)
                if expires is not None and expires <= today:
                    expires = today + timedelta(days=int(rng.integers(30, 365)))
            elif draw < 0.92:
                state, decided, expires = CheckState.pending, None, None
            elif draw < 0.97:
                state, decided, expires = CheckState.registered, None, None
            else:
                state, decided = CheckState.expired, today - timedelta(days=1200)
                expires = None
            lat, lon = _jitter(rng, town.lat or county.lat, town.lon or county.lon, 2.5)
            vol_rows.append(
                {
                    "gender": gender,
                    "skills": [{"skill": s, "verified": bool(rng.random() < 0.4)} for s in skills],
                    "categories": cats,
                    "languages": sorted(
                        {"mandarin"}
                        | ({"minnan"} if rng.random() < 0.6 else set())
                        | ({"sign"} if rng.random() < 0.02 else set())
                    ),
                    "availability": sorted(slots, key=lambda s: (s["weekday"], s["start"])),
                    "max_children": int(rng.choice([1, 1, 2, 2, 3, 4])),
                    "hours_per_week": float(rng.choice([2.0, 3.0, 4.0, 6.0])),
                    "region_code": home.code,
                    "region_path": home.path,
                    "lat": lat,
                    "lon": lon,
                    "travel_km": float(rng.choice(RADII, p=RADII_P)),
                    "transport": TRANSPORT[int(rng.choice(len(TRANSPORT), p=TRANSPORT_P))],
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
        for start in range(0, len(user_rows), 2000):
            ids = list(
                self.session.scalars(
                    insert(User).returning(User.id, sort_by_parameter_order=True),
                    user_rows[start : start + 2000],
                )
            )
            chunk = vol_rows[start : start + 2000]
            for owner, row in zip(ids, chunk, strict=True):
                row["owner_id"] = owner
            self.session.execute(insert(Volunteer), chunk)
            counts.volunteers += len(chunk)
            self._tick("volunteers", len(chunk))

    def _agencies(
        self,
        rng: np.random.Generator,
        county: Region,
        towns: list[Region],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        stem = county.name.removesuffix("市").removesuffix("县").removesuffix("区")
        order = rng.permutation(len(towns))
        for a in range(n):
            base = towns[int(order[a % len(towns)])]
            lat, lon = _jitter(rng, base.lat or 0.0, base.lon or 0.0, 1.0)
            word = AGENCY_WORDS[a % len(AGENCY_WORDS)]
            suffix = "" if a < len(AGENCY_WORDS) else str(a // len(AGENCY_WORDS) + 1)
            staff = int(rng.integers(3, 21))
            start = date(self.now.year, 1, 1) - timedelta(days=int(rng.integers(0, 365)))
            agency_id = self.session.execute(
                insert(Agency).returning(Agency.id),
                [
                    {
                        "name": f"{stem}市{word}{suffix}社会工作服务中心"
                        if not stem.endswith("市")
                        else f"{stem}{word}{suffix}社会工作服务中心",
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
                ],
            ).scalar_one()
            contracted = {base.code} | {
                towns[int(i)].code
                for i in rng.choice(len(towns), int(rng.integers(0, 3)), replace=False)
            }
            self.session.execute(
                insert(AgencyArea),
                [{"agency_id": agency_id, "region_code": c} for c in sorted(contracted)],
            )
            counts.agencies += 1

    def _organizations(
        self,
        rng: np.random.Generator,
        county: Region,
        towns: list[Region],
        n: int,
        counts: Counts,
    ) -> None:
        if n <= 0 or not towns:
            return
        stem = county.name.removesuffix("市").removesuffix("县").removesuffix("区")
        resources: list[dict[str, Any]] = []
        for o in range(n):
            charity = o % 3 == 2
            town = towns[int(rng.integers(len(towns)))]
            lat, lon = _jitter(rng, town.lat or 0.0, town.lon or 0.0, 1.5)
            word = ORG_WORDS[(o * 2) % len(ORG_WORDS) : (o * 2) % len(ORG_WORDS) + 2]
            name = (
                f"{stem}{word}慈善基金会"
                if charity
                else f"福建{word}{['实业', '鞋业', '食品', '纺织'][o % 4]}有限公司"
            )
            org_id = self.session.execute(
                insert(Organization).returning(Organization.id),
                [
                    {
                        "kind": "charity" if charity else "enterprise",
                        "name": name + (f"（{o + 1}）" if o >= len(ORG_WORDS) else ""),
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
                ],
            ).scalar_one()
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
                    title, qty, unit, item = GOODS[int(rng.integers(len(GOODS)))]
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
            counts.organizations += 1
        if resources:
            self.session.execute(insert(Resource), resources)
            counts.resources += len(resources)


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
) -> Counts:
    """Generate the demo county (Jinjiang) or province (Fujian). Sizes are totals for the
    scale (children and volunteers spread over the counties); counties that already have
    children are skipped."""
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
        specs = [s for s in specs if session.get(Region, s.code) is not None]
    counts = Counts()
    generator = Generator(session, seed=seed, progress=progress, password_hash=password_hash or "")
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
        session.flush()
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
