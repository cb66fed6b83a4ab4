"""Goods items and purposes of funds: one vocabulary (admins extend it), and the rules that
a goods need and a goods resource name an item, a funds need names a purpose, and a fund
says what it may pay for (nothing listed: any purpose)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict, NotFound
from app.models import AidItem, AidItemKind, NeedKind, ResourceKind
from app.services import audit
from app.services.users import Actor


def search(
    *, session: Session, kind: AidItemKind | None = None, include_inactive: bool = False
) -> list[AidItem]:
    stmt = select(AidItem).order_by(AidItem.kind, AidItem.code)
    if kind is not None:
        stmt = stmt.where(AidItem.kind == kind)
    if not include_inactive:
        stmt = stmt.where(AidItem.active.is_(True))
    return list(session.scalars(stmt))


def get(code: str, *, session: Session) -> AidItem:
    item = session.get(AidItem, code)
    if item is None:
        raise NotFound()
    return item


def create(data: dict[str, Any], *, actor: Actor, session: Session) -> AidItem:
    if session.get(AidItem, data["code"]) is not None:
        raise Conflict("An item with this code already exists.", field="code")
    item = AidItem(active=True, **data)
    session.add(item)
    session.flush()
    audit.record_by(
        actor, "aid_item.create", session=session, object_type="aid_item", object_id=item.code
    )
    return item


def update(item: AidItem, data: dict[str, Any], *, actor: Actor, session: Session) -> AidItem:
    for key, value in data.items():
        setattr(item, key, value)
    session.flush()
    audit.record_by(
        actor,
        "aid_item.update",
        session=session,
        object_type="aid_item",
        object_id=item.code,
        detail={"fields": sorted(data)},
    )
    return item


def _active(session: Session, code: str, kind: AidItemKind) -> bool:
    item = session.get(AidItem, code)
    return item is not None and item.active and item.kind is kind


def need_errors(kind: NeedKind, item_code: str | None, *, session: Session) -> dict[str, list[str]]:
    """What is wrong with a need's item (goods) or purpose (funds), by field."""
    if kind is NeedKind.goods:
        if not item_code:
            return {"item_code": ["A goods need names its item."]}
        if not _active(session, item_code, AidItemKind.goods):
            return {"item_code": ["No such goods item."]}
    elif kind is NeedKind.funds:
        if not item_code:
            return {"item_code": ["A funds need names its purpose."]}
        if not _active(session, item_code, AidItemKind.funds):
            return {"item_code": ["No such purpose of funds."]}
    elif item_code:
        return {"item_code": ["Only goods and funds needs name an item or purpose."]}
    return {}


def resource_errors(
    kind: ResourceKind, item_code: str | None, uses: list[str], *, session: Session
) -> dict[str, list[str]]:
    """What is wrong with a resource's item (goods) or allowed uses (funds), by field."""
    errors: dict[str, list[str]] = {}
    if kind is ResourceKind.goods:
        if not item_code:
            errors["item_code"] = ["Goods name their item."]
        elif not _active(session, item_code, AidItemKind.goods):
            errors["item_code"] = ["No such goods item."]
    elif item_code:
        errors["item_code"] = ["Only goods name an item."]
    if uses and kind is not ResourceKind.funds:
        errors["allowed_uses"] = ["Only funds say what they may pay for."]
    elif any(not _active(session, u, AidItemKind.funds) for u in uses):
        errors["allowed_uses"] = ["No such purpose of funds."]
    return errors
