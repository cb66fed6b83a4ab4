"""flask-smorest pagination over an SQLAlchemy `select()`: counts, then one page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import g
from flask_smorest import Page
from flask_smorest.pagination import PaginationParameters
from sqlalchemy import Select, func, select


def count(stmt: Select[Any]) -> int:
    return int(g.db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def page_of(stmt: Select[Any], params: PaginationParameters) -> list[Any]:
    """One page of an ordered Select; sets `params.item_count` for the pagination header."""
    params.item_count = count(stmt)
    if params.first_item >= params.item_count:
        return []  # past the end; also keeps absurd page numbers out of SQL
    return list(g.db.scalars(stmt.limit(params.page_size).offset(params.first_item)))


class SelectPage(Page):
    """Page over a Select; the statement must already be ordered stably."""

    collection: Select[Any]

    @property
    def items(self) -> list[Any]:
        if self.page_params.first_item >= self.page_params.item_count:
            return []
        stmt = self.collection.limit(self.page_params.page_size).offset(self.page_params.first_item)
        return list(g.db.scalars(stmt))

    @property
    def item_count(self) -> int:
        return count(self.collection)


@dataclass(frozen=True)
class Mapped:
    """A Select of rows and how to turn one page of them into the items answered (e.g. child
    ids into their visit rhythm, computed for that page only)."""

    stmt: Select[Any]
    to_items: Callable[[list[Any]], list[Any]]


class MappedPage(Page):
    collection: Mapped

    @property
    def items(self) -> list[Any]:
        if self.page_params.first_item >= self.page_params.item_count:
            return []
        stmt = self.collection.stmt.limit(self.page_params.page_size).offset(
            self.page_params.first_item
        )
        return self.collection.to_items(list(g.db.execute(stmt).all()))

    @property
    def item_count(self) -> int:
        return count(self.collection.stmt)


class RowPage(SelectPage):
    """Page over a Select of several columns: each item is a row."""

    @property
    def items(self) -> list[Any]:
        if self.page_params.first_item >= self.page_params.item_count:
            return []
        stmt = self.collection.limit(self.page_params.page_size).offset(self.page_params.first_item)
        return list(g.db.execute(stmt).all())
