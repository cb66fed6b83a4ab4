"""Names of the statistics' tables, columns and codes, in Chinese and English (like need
categories, these are data with two names, not messages): the API picks the reader's
language, reports and printed documents use Chinese."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AidItem, NeedCategory

Names = Mapping[str, tuple[str, str]]

TABLES: Names = {
    "children_by_risk": ("儿童（按风险等级）", "Children by risk level"),
    "children_by_category": (
        "儿童（按类别，可兼属多类）",
        "Children by category (a child may be in several)",
    ),
    "children_by_township": ("儿童（按乡镇、街道）", "Children by township"),
    "children_by_age": ("儿童（按年龄段，期末）", "Children by age band (at the period's end)"),
    "needs_by_category": (
        "需求（按类别和期末状态）",
        "Needs by category and status at the period's end",
    ),
    "time_to_matched": ("需求从登记到匹配用时", "Time from a need's opening to its match"),
    "children_served": ("有需求儿童获得帮扶情况", "Children with needs who were served"),
    "visit_rhythm": ("走访和联系：应完成与已完成", "Visits and contacts due and done"),
    "visits_by_kind": ("走访记录（按方式）", "Visits by kind"),
    "urgent_reports": ("强制报告（按情形）", "Urgent reports by danger"),
    "providers": ("志愿者、社工机构和爱心组织", "Volunteers, agencies and organisations"),
    "service_hours": ("服务时长", "Service hours"),
    "goods_and_funds": ("物资和资金发放", "Goods and funds given"),
    "organisations": ("参与服务的机构和组织", "Organisations that served"),
}

COLUMNS: Names = {
    "risk_level": ("风险等级", "Risk level"),
    "category": ("类别", "Category"),
    "township_code": ("区划代码", "Code"),
    "township": ("乡镇（街道）", "Township"),
    "age_band": ("年龄段（岁）", "Age band (years)"),
    "children": ("儿童数", "Children"),
    "new_in_period": ("本期新建档", "New files in the period"),
    "high": ("高风险", "High risk"),
    "medium": ("中风险", "Medium risk"),
    "low": ("低风险", "Low risk"),
    "needs": ("需求数", "Needs"),
    "opened_in_period": ("本期新登记", "Opened in the period"),
    "open": ("待匹配", "Open"),
    "proposed": ("已推荐", "Proposed"),
    "matched": ("已匹配", "Matched"),
    "fulfilled": ("已完成", "Fulfilled"),
    "closed": ("已关闭", "Closed"),
    "median_days": ("用时中位数（天）", "Median (days)"),
    "p90_days": ("90%用时（天）", "90th percentile (days)"),
    "with_needs": ("有需求儿童", "Children with needs"),
    "served": ("获得帮扶", "Served"),
    "served_pct": ("帮扶率（%）", "Served (%)"),
    "visits_due": ("应走访（人次）", "Visits due"),
    "visits_done": ("已走访（人次）", "Visits done"),
    "visits_pct": ("走访完成率（%）", "Visits done (%)"),
    "contacts_due": ("应联系（人次）", "Contacts due"),
    "contacts_done": ("已联系（人次）", "Contacts done"),
    "contacts_pct": ("联系完成率（%）", "Contacts done (%)"),
    "kind": ("方式/类型", "Kind"),
    "visits": ("走访次数", "Visits"),
    "danger": ("情形", "Danger"),
    "reports": ("报告数", "Reports"),
    "handled": ("已处置", "Handled"),
    "median_hours": ("首次处置用时中位数（小时）", "Median to first handling (hours)"),
    "p90_hours": ("首次处置90%用时（小时）", "90th percentile to first handling (hours)"),
    "provider": ("类型", "Provider"),
    "registered": ("已登记", "Registered"),
    "cleared": ("已通过背景审查", "Background check cleared"),
    "active": ("本期服务", "Active in the period"),
    "role": ("角色", "Role"),
    "people": ("人数", "People"),
    "hours_confirmed": ("已确认时长（小时）", "Hours confirmed"),
    "hours_pending": ("待确认时长（小时）", "Hours pending"),
    "item": ("品类/用途", "Item or purpose"),
    "unit": ("单位", "Unit"),
    "deliveries": ("发放次数", "Deliveries"),
    "quantity": ("数量", "Quantity"),
    "funds_yuan": ("资金合计（元）", "Funds (yuan)"),
    "id": ("编号", "Id"),
    "name": ("名称", "Name"),
}

VALUES: Mapping[str, Names] = {
    "risk_level": {"high": ("高", "High"), "medium": ("中", "Medium"), "low": ("低", "Low")},
    "child_category": {
        "left_behind": ("留守儿童", "Left-behind"),
        "family_hardship": ("家庭困境", "Family hardship"),
        "disability": ("残疾", "Disability"),
        "serious_illness": ("重病", "Serious illness"),
        "autism": ("孤独症", "Autism"),
        "guardianship_hardship": ("监护困境", "Guardianship hardship"),
        "orphan": ("孤儿", "Orphan"),
        "de_facto_unsupported": ("事实无人抚养", "De facto unsupported"),
        "hiv_affected": ("受艾滋病影响", "Affected by HIV"),
    },
    "visit_kind": {
        "home_visit": ("入户走访", "Home visit"),
        "school": ("到校", "At school"),
        "phone": ("电话", "Phone"),
        "video": ("视频", "Video"),
    },
    "danger": {
        "unsupervised": ("无人监护", "Unsupervised"),
        "missing": ("走失", "Missing"),
        "abuse": ("遭受虐待", "Abuse"),
        "injury": ("受到伤害", "Injury"),
        "neglect": ("疏于照料", "Neglect"),
        "abandonment": ("遭遗弃", "Abandonment"),
        "other": ("其他", "Other"),
    },
    "provider": {
        "volunteer": ("志愿者", "Volunteers"),
        "agency": ("社工机构", "Social-work agencies"),
        "organization": ("企业和慈善组织", "Enterprises and charities"),
    },
    "role": {
        "volunteer": ("志愿者", "Volunteers"),
        "agency_staff": ("社工", "Agency staff"),
        "coordinator": ("儿童督导员、儿童主任", "Coordinators"),
        "donor": ("捐赠方", "Donors"),
        "admin": ("管理员", "Administrators"),
    },
    "need_kind": {"goods": ("物资", "Goods"), "funds": ("资金", "Funds")},
    "organisation_kind": {
        "agency": ("社工机构", "Social-work agency"),
        "enterprise": ("企业", "Enterprise"),
        "charity": ("慈善组织", "Charity"),
    },
}

# Which vocabulary a table's dimension takes its names from (need categories and aid items
# come from the database).
DIMENSION_VALUES = {
    ("children_by_risk", "risk_level"): "risk_level",
    ("children_served", "risk_level"): "risk_level",
    ("visit_rhythm", "risk_level"): "risk_level",
    ("children_by_category", "category"): "child_category",
    ("needs_by_category", "category"): "need_category",
    ("time_to_matched", "category"): "need_category",
    ("visits_by_kind", "kind"): "visit_kind",
    ("urgent_reports", "danger"): "danger",
    ("providers", "provider"): "provider",
    ("service_hours", "role"): "role",
    ("goods_and_funds", "kind"): "need_kind",
    ("goods_and_funds", "item"): "aid_item",
    ("organisations", "kind"): "organisation_kind",
}


class Labels:
    """Names in one language (`zh` or `en`), with the database's vocabularies loaded once."""

    def __init__(self, session: Session, language: str = "zh") -> None:
        self.i = 0 if language == "zh" else 1
        self.vocabulary: dict[str, Names] = dict(VALUES)
        self.vocabulary["need_category"] = {
            c: (zh, en)
            for c, zh, en in session.execute(
                select(NeedCategory.code, NeedCategory.name_zh, NeedCategory.name_en)
            )
        }
        self.vocabulary["aid_item"] = {
            c: (zh, en)
            for c, zh, en in session.execute(select(AidItem.code, AidItem.name_zh, AidItem.name_en))
        }

    def table(self, name: str) -> str:
        return TABLES[name][self.i] if name in TABLES else name

    def column(self, key: str) -> str:
        return COLUMNS[key][self.i] if key in COLUMNS else key

    def names(self, table: str, dim: str) -> bool:
        """Whether a dimension's codes have names (others are shown as they are)."""
        return (table, dim) in DIMENSION_VALUES

    def value(self, table: str, dim: str, code: object) -> str | None:
        if code is None:
            return None
        names = self.vocabulary.get(DIMENSION_VALUES.get((table, dim), ""), {})
        found = names.get(str(code))
        return found[self.i] if found else str(code)

    def of(self, vocabulary: str, code: str) -> str:
        found = self.vocabulary.get(vocabulary, {}).get(code)
        return found[self.i] if found else code
