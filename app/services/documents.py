"""Printable documents (PDF): a child's file summary for the coordinator, the entrusted-care
confirmation (委托照护确认书) filled in from the file, and a volunteer's service record
(志愿服务记录证明) with a verification code and QR code that anyone may check.

Printing a child's document reads the file: it goes through `children.get` (the child's
coordinators only) and is audited as a read, naming the document. A certificate freezes
what it certified; the public check answers those figures and nothing personal.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Forbidden, NotFound, ValidationFailed
from app.models import (
    Agency,
    Child,
    FileRecord,
    HoursStatus,
    Need,
    NeedCategory,
    Organization,
    Pairing,
    ProviderType,
    RecordKind,
    Region,
    Resource,
    Role,
    ServiceCertificate,
    User,
    Visit,
    Volunteer,
)
from app.services import audit, children, pdf, providers
from app.services.field import star_level
from app.services.labels import Labels
from app.services.users import Actor

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 32^12 ≈ 10^18: not guessable, and short enough to type
SENSITIVE = "本文件含儿童个人敏感信息，仅限工作使用，请妥善保管，不得外传。"
STATUS_ZH = {
    "open": "待匹配",
    "proposed": "已推荐",
    "matched": "已匹配",
    "fulfilled": "已完成",
    "closed": "已关闭",
    "awaiting_acceptance": "待接受",
    "active": "服务中",
    "declined": "已婉拒",
    "ended": "已结束",
}
URGENCY_ZH = {"normal": "一般", "urgent": "紧急", "critical": "危急"}
GENDER_ZH = {"male": "男", "female": "女"}
PROVIDER_ZH = {"volunteer": "志愿者", "agency": "社工机构", "resource": "爱心捐赠"}
DISABILITY_ZH = {
    "visual": "视力",
    "hearing": "听力",
    "speech": "言语",
    "physical": "肢体",
    "intellectual": "智力",
    "mental": "精神",
    "multiple": "多重",
}


def _date(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    try:
        return _date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _region_names(session: Session, path: str) -> str:
    codes = [c for c in path.strip("/").split("/") if c]
    names = {
        code: name
        for code, name in session.execute(
            select(Region.code, Region.name).where(Region.code.in_(codes))
        )
    }
    return "".join(names.get(c, "") for c in codes[2:])  # from the county down


def _child(child_id: int, document: str, *, actor: Actor, session: Session) -> Child:
    if actor.role is not Role.coordinator:
        raise Forbidden("Only the child's coordinators print the file.")
    return children.get(
        child_id, actor=actor, session=session, purpose="read", detail={"document": document}
    )


def _provider_names(session: Session, pairings: list[Pairing]) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    ids = {
        kind: [p.provider_id for p in pairings if p.provider_type is kind] for kind in ProviderType
    }
    if ids[ProviderType.volunteer]:
        for pk, name in session.execute(
            select(Volunteer.id, User.display_name)
            .join(User, User.id == Volunteer.owner_id)
            .where(Volunteer.id.in_(ids[ProviderType.volunteer]))
        ):
            out[("volunteer", pk)] = name
    if ids[ProviderType.agency]:
        for pk, name in session.execute(
            select(Agency.id, Agency.name).where(Agency.id.in_(ids[ProviderType.agency]))
        ):
            out[("agency", pk)] = name
    if ids[ProviderType.resource]:
        for pk, title, org in session.execute(
            select(Resource.id, Resource.title, Organization.name)
            .join(Organization, Organization.id == Resource.organization_id)
            .where(Resource.id.in_(ids[ProviderType.resource]))
        ):
            out[("resource", pk)] = f"{org}（{title}）"
    return out


def file_summary(
    child_id: int, *, actor: Actor, session: Session, now: datetime, tz: ZoneInfo
) -> bytes:
    """一人一档 on paper: basic information, consent, entrusted care, needs and their
    status, pairings, the latest visits and the problems still open."""
    child = _child(child_id, "file_summary", actor=actor, session=session)
    labels = Labels(session, "zh")
    styles = pdf.Styles()
    width = pdf.frame_width()
    local = now.astimezone(tz)
    pii = child.pii or {}
    guardian = pii.get("guardian") or {}
    consent = child.active_consent
    disability = child.disability or {}
    story: list[Any] = [
        pdf.para("儿童档案摘要（一人一档）", styles.title),
        pdf.para(f"档案编号 {child.code}　　打印日期 {pdf.stamp(local)}", styles.subtitle),
        pdf.Spacer(1, 8),
        pdf.para("一、基本信息", styles.heading),
        pdf.fields(
            [
                ("姓名", pii.get("name")),
                ("性别", GENDER_ZH.get(child.gender.value if child.gender else "", "")),
                ("出生日期", _date(child.birth_date)),
                ("年龄", f"{child.age_on(local.date())}岁"),
                ("身份证号", pii.get("id_number")),
                ("联系电话", pii.get("phone")),
                ("所在村（社区）", _region_names(session, child.region_path)),
                ("住址", pii.get("address")),
                ("儿童类别", "、".join(labels.of("child_category", c) for c in child.categories)),
                ("风险等级", labels.of("risk_level", child.risk_level.value)),
                (
                    "残疾情况",
                    DISABILITY_ZH.get(disability.get("type", ""), "")
                    + f"{disability.get('grade', '')}级"
                    if disability
                    else "无",
                ),
                ("风险评定日期", _date(child.risk_changed_at.astimezone(tz).date())),
                ("监护人", f"{guardian.get('name', '')} {guardian.get('relation', '')}".strip()),
                ("监护人电话", guardian.get("phone")),
                (
                    "监护人同意",
                    f"{_date(consent.given_on)}（{consent.evidence_ref}）" if consent else "未记录",
                ),
                ("建档日期", _date(child.created_at.astimezone(tz).date())),
            ],
            styles,
            width,
        ),
    ]
    care = pii.get("entrusted_care") or {}
    if care:
        carer = care.get("carer") or {}
        parents = "；".join(
            f"{p.get('name', '')}（"
            + "，".join(str(p.get(k) or "") for k in ("relation", "work_place", "phone"))
            + "）"
            for p in care.get("parents") or []
        )
        story += [
            pdf.para("二、委托照护", styles.heading),
            pdf.fields(
                [
                    ("父母", parents),
                    ("受托人", f"{carer.get('name', '')} {carer.get('relation', '')}".strip()),
                    ("受托人电话", carer.get("phone")),
                    ("委托期限", f"{_date(care.get('start'))}至{_date(care.get('end'))}"),
                ],
                styles,
                width,
            ),
        ]
    needs = session.execute(
        select(Need, NeedCategory.name_zh)
        .join(NeedCategory, NeedCategory.code == Need.category_code)
        .where(Need.child_id == child.id)
        .order_by(Need.opened_at)
    ).all()
    rows = [["需求类别", "品类/用途", "数量/金额", "紧急程度", "登记日期", "状态"]]
    for need, name in needs:
        load = (
            f"每周{need.hours_per_week:g}小时"
            if need.hours_per_week
            else f"{need.quantity:g}{need.unit or ''}"
            if need.quantity
            else f"{need.amount:g}元"
            if need.amount
            else ""
        )
        rows.append(
            [
                name,
                labels.of("aid_item", need.item_code) if need.item_code else "",
                load,
                URGENCY_ZH.get(need.urgency.value, ""),
                _date(need.opened_at.astimezone(tz).date()),
                STATUS_ZH.get(need.status.value, need.status.value),
            ]
        )
    story += [
        pdf.para("三、需求清单", styles.heading),
        pdf.grid(rows, styles) if needs else pdf.para("无", styles.body),
    ]
    pairings = list(
        session.scalars(
            select(Pairing)
            .join(Need, Need.id == Pairing.need_id)
            .where(Need.child_id == child.id)
            .order_by(Pairing.approved_at)
        )
    )
    names = _provider_names(session, pairings)
    category_names = {n.id: name for n, name in needs}
    rows = [["需求", "帮扶方", "类型", "批准日期", "状态"]]
    for p in pairings:
        rows.append(
            [
                category_names.get(p.need_id, ""),
                names.get((p.provider_type.value, p.provider_id), ""),
                PROVIDER_ZH.get(p.provider_type.value, ""),
                _date(p.approved_at.astimezone(tz).date()),
                STATUS_ZH.get(p.status.value, p.status.value),
            ]
        )
    story += [
        pdf.para("四、结对帮扶", styles.heading),
        pdf.grid(rows, styles) if pairings else pdf.para("无", styles.body),
    ]
    visits = session.execute(
        select(Visit, User.display_name)
        .join(User, User.id == Visit.author_id)
        .where(Visit.child_id == child.id)
        .order_by(Visit.occurred_at.desc())
        .limit(10)
    ).all()
    total_visits = session.scalar(select(func.count()).where(Visit.child_id == child.id))
    rows = [["日期", "方式", "时长（分钟）", "走访人", "情况", "发现问题"]]
    for visit, author in visits:
        notes = visit.notes or {}
        rows.append(
            [
                _date(visit.occurred_at.astimezone(tz).date()),
                labels.of("visit_kind", visit.kind.value),
                visit.duration_minutes,
                author,
                str(notes.get("done") or "")[:120],
                str(notes.get("problems") or "")[:120],
            ]
        )
    story += [
        pdf.para(f"五、走访记录（最近{len(visits)}次，共{total_visits}次）", styles.heading),
        pdf.grid(rows, styles, widths=[width * w for w in (0.14, 0.1, 0.1, 0.12, 0.3, 0.24)])
        if visits
        else pdf.para("无", styles.body),
    ]
    problems = session.scalars(
        select(FileRecord)
        .where(
            FileRecord.child_id == child.id,
            FileRecord.kind == RecordKind.problem,
            FileRecord.resolved_at.is_(None),
        )
        .order_by(FileRecord.at)
    ).all()
    rows = [["发现日期", "问题"]] + [
        [_date(r.at.astimezone(tz).date()), str(r.body or "")[:300]] for r in problems
    ]
    story += [
        pdf.para("六、尚未解决的问题", styles.heading),
        pdf.grid(rows, styles, widths=[width * 0.18, width * 0.82])
        if problems
        else pdf.para("无", styles.body),
        pdf.Spacer(1, 10),
        pdf.para(SENSITIVE, styles.small),
    ]
    return pdf.render(
        story, title=f"儿童档案摘要 {child.code}", footer=f"档案编号 {child.code}　{SENSITIVE}"
    )


def entrusted_care(
    child_id: int, *, actor: Actor, session: Session, now: datetime, tz: ZoneInfo
) -> bytes:
    """委托照护确认书 (004 item 8): the child, the parents with their work place and contact,
    the entrusted carer and contact, the period; filled in from the file, blank lines where
    the file has nothing, signatures by hand."""
    child = _child(child_id, "entrusted_care", actor=actor, session=session)
    styles = pdf.Styles()
    width = pdf.frame_width()
    pii = child.pii or {}
    care = pii.get("entrusted_care") or {}
    carer = care.get("carer") or {}
    parents = list(care.get("parents") or [])
    while len(parents) < 2:
        parents.append({})
    blank = "＿＿＿＿＿＿"
    story: list[Any] = [
        pdf.para("农村留守儿童委托照护确认书", styles.title),
        pdf.Spacer(1, 8),
        pdf.para("一、儿童基本情况", styles.heading),
        pdf.fields(
            [
                ("姓名", pii.get("name")),
                ("性别", GENDER_ZH.get(child.gender.value if child.gender else "", "")),
                ("出生日期", _date(child.birth_date)),
                ("身份证号", pii.get("id_number")),
                ("所在村（社区）", _region_names(session, child.region_path)),
                ("家庭住址", pii.get("address")),
            ],
            styles,
            width,
        ),
        pdf.para("二、父母（委托人）情况", styles.heading),
    ]
    for parent in parents[:2]:
        story.append(
            pdf.fields(
                [
                    ("姓名", parent.get("name")),
                    ("与儿童关系", parent.get("relation")),
                    ("务工地点", parent.get("work_place")),
                    ("联系电话", parent.get("phone")),
                ],
                styles,
                width,
            )
        )
    story += [
        pdf.para("三、受委托照护人情况", styles.heading),
        pdf.fields(
            [
                ("姓名", carer.get("name")),
                ("与儿童关系", carer.get("relation")),
                ("联系电话", carer.get("phone")),
                (
                    "委托期限",
                    f"{_date(care.get('start')) or blank}至{_date(care.get('end')) or blank}",
                ),
            ],
            styles,
            width,
        ),
        pdf.para("四、委托事项", styles.heading),
        pdf.para(
            "委托人因外出务工，在上述期限内将儿童委托受委托照护人照护。受委托照护人应当"
            "保障儿童的生活、学习和安全，及时了解儿童的身心状况，发现儿童生病、受到伤害或"
            "面临危险时立即采取措施并告知委托人和村（居）儿童主任。委托人应当与儿童保持"
            "经常联系（每周至少一次），关心儿童的学习生活和心理状况，依法履行监护职责，"
            "委托照护期间监护责任不因委托而转移。",
            styles.body,
        ),
        pdf.Spacer(1, 16),
        pdf.grid(
            [
                ["委托人（签字）", "", "受委托照护人（签字）", ""],
                ["日期", "", "日期", ""],
                ["村（居）儿童主任（签字）", "", "村（居）委会（盖章）", ""],
            ],
            styles,
            widths=[width * 0.22, width * 0.28, width * 0.22, width * 0.28],
            header=False,
        ),
        pdf.Spacer(1, 10),
        pdf.para(
            "本确认书一式三份，委托人、受委托照护人和村（居）委会各执一份。"
            f"档案编号 {child.code}。",
            styles.small,
        ),
    ]
    local = now.astimezone(tz)
    return pdf.render(
        story,
        title=f"委托照护确认书 {child.code}",
        footer=f"档案编号 {child.code}　打印于 {pdf.stamp(local)}",
    )


# --- volunteers' service records --------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _volunteer_for(actor: Actor, volunteer_id: int | None, session: Session) -> Volunteer:
    if actor.role is Role.volunteer:
        own = providers.own_volunteer(actor, session=session)
        if volunteer_id not in (None, own.id):
            raise NotFound()
        return own
    if volunteer_id is None:
        raise ValidationFailed({"volunteer_id": ["Name the volunteer."]})
    return providers.get_volunteer(volunteer_id, actor=actor, session=session)


def _organisation(session: Session, volunteer: Volunteer, issuer: str) -> str:
    codes = [c for c in volunteer.region_path.strip("/").split("/") if c]
    county = session.scalar(
        select(Region.name).where(Region.code == (codes[2] if len(codes) > 2 else codes[-1]))
    )
    return f"{county or ''}{issuer}"


def _window(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    first = datetime(start.year, start.month, start.day, tzinfo=tz).astimezone(UTC)
    after = end + timedelta(days=1)
    return first, datetime(after.year, after.month, after.day, tzinfo=tz).astimezone(UTC)


def issue_certificate(
    *,
    actor: Actor,
    session: Session,
    start: date,
    end: date,
    volunteer_id: int | None = None,
    issuer: str,
    tz: ZoneInfo,
    today: date,
) -> ServiceCertificate:
    """Certify a volunteer's confirmed service hours between two days (both included)."""
    if end < start:
        raise ValidationFailed({"end": ["The period ends before it starts."]})
    if end > today:
        raise ValidationFailed({"end": ["The period has not ended yet."]})
    volunteer = _volunteer_for(actor, volunteer_id, session)
    first, after = _window(start, end, tz)
    minutes, count = session.execute(
        select(func.coalesce(func.sum(Visit.duration_minutes), 0), func.count()).where(
            Visit.author_id == volunteer.owner_id,
            Visit.hours_status == HoursStatus.confirmed,
            Visit.occurred_at >= first,
            Visit.occurred_at < after,
        )
    ).one()
    certificate = ServiceCertificate(
        code=_new_code(),
        volunteer_id=volunteer.id,
        period_start=start,
        period_end=end,
        hours=round(int(minutes) / 60.0, 1),
        services=int(count),
        organisation=_organisation(session, volunteer, issuer),
        issued_by=actor.id,
    )
    session.add(certificate)
    session.flush()
    audit.record_by(
        actor,
        "certificate.issue",
        session=session,
        object_type="volunteer",
        object_id=volunteer.id,
        detail={"certificate_id": certificate.id, "hours": certificate.hours},
    )
    return certificate


def get_certificate(certificate_id: int, *, actor: Actor, session: Session) -> ServiceCertificate:
    certificate = session.get(ServiceCertificate, certificate_id)
    if certificate is None:
        raise NotFound()
    _volunteer_for(actor, certificate.volunteer_id, session)  # 404 unless theirs or in area
    return certificate


@dataclass(frozen=True)
class Verification:
    code: str
    valid: bool
    issued_on: date
    period_start: date
    period_end: date
    hours: float
    services: int
    organisation: str


def verify(code: str, *, session: Session, tz: ZoneInfo) -> Verification:
    """What a certificate certified, for anyone holding its code: no name, no contact."""
    certificate = session.scalar(
        select(ServiceCertificate).where(ServiceCertificate.code == code.strip().upper())
    )
    if certificate is None:
        raise NotFound()
    return Verification(
        code=certificate.code,
        valid=certificate.revoked_at is None,
        issued_on=certificate.issued_at.astimezone(tz).date(),
        period_start=certificate.period_start,
        period_end=certificate.period_end,
        hours=certificate.hours,
        services=certificate.services,
        organisation=certificate.organisation,
    )


def certificate_pdf(
    certificate: ServiceCertificate, *, session: Session, verify_url: str, tz: ZoneInfo
) -> bytes:
    """志愿服务记录证明: who, when, how many hours (by month), for which organisation, with
    the verification code and a QR code of the public check."""
    volunteer = session.get(Volunteer, certificate.volunteer_id)
    assert volunteer is not None
    name = session.scalar(select(User.display_name).where(User.id == volunteer.owner_id)) or ""
    styles = pdf.Styles()
    width = pdf.frame_width()
    first, after = _window(certificate.period_start, certificate.period_end, tz)
    visits = session.execute(
        select(Visit.occurred_at, Visit.duration_minutes).where(
            Visit.author_id == volunteer.owner_id,
            Visit.hours_status == HoursStatus.confirmed,
            Visit.occurred_at >= first,
            Visit.occurred_at < after,
            Visit.occurred_at < certificate.issued_at,
        )
    ).all()
    months: dict[str, list[int]] = {}
    for at, minutes in visits:  # one certificate's visits: a handful of rows
        key = at.astimezone(tz).strftime("%Y年%m月")
        months.setdefault(key, [0, 0])
        months[key][0] += 1
        months[key][1] += int(minutes)
    rows = [["月份", "服务次数", "服务时长（小时）"]] + [
        [m, n, f"{minutes / 60:.1f}"] for m, (n, minutes) in sorted(months.items())
    ]
    rows.append(["合计", certificate.services, f"{certificate.hours:.1f}"])
    stars = star_level(certificate.hours)
    issued = certificate.issued_at.astimezone(tz)
    story: list[Any] = [
        pdf.para("志愿服务记录证明", styles.title),
        pdf.para(f"证明编号 {certificate.code}", styles.subtitle),
        pdf.Spacer(1, 14),
        pdf.Paragraph(
            f"兹证明 {pdf.text(name)} 于 {_date(certificate.period_start)} 至 "
            f"{_date(certificate.period_end)} 期间，在{pdf.text(certificate.organisation)}"
            "参加儿童关爱志愿服务，经服务对象所在地儿童督导员确认，"
            f"累计服务 {certificate.services} 次、"
            f"{certificate.hours:.1f} 小时。"
            + (f"按志愿服务时长，达到{stars}星级志愿者标准。" if stars else ""),
            styles.body,
        ),
        pdf.Spacer(1, 10),
        pdf.grid(rows, styles, widths=[width / 3] * 3, total=True),
        pdf.Spacer(1, 16),
        pdf.grid(
            [
                [
                    pdf.qr(verify_url),
                    pdf.Paragraph(
                        f"扫描二维码或访问以下地址核验本证明：<br/>{pdf.text(verify_url)}<br/>"
                        f"核验码：{certificate.code}<br/>核验结果只显示证明的服务时长、期间和出具组织，"
                        "不显示个人信息。",
                        styles.cell,
                    ),
                ]
            ],
            styles,
            widths=[36 * 2.8346, width - 36 * 2.8346],
            header=False,
        ),
        pdf.Spacer(1, 20),
        pdf.para(f"出具组织：{pdf.text(certificate.organisation)}（盖章）", styles.body),
        pdf.para(f"出具日期：{_date(issued.date())}", styles.body),
    ]
    return pdf.render(
        story,
        title=f"志愿服务记录证明 {certificate.code}",
        footer=f"证明编号 {certificate.code}　依据《志愿服务记录与证明出具办法（试行）》出具",
    )
