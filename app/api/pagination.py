"""flask-smorest pagination over an SQLAlchemy `select()`: counts, then one page."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_smorest import Page
from sqlalchemy import Select, func, select


class SelectPage(Page):
    """Page over a Select; the statement must already be ordered stably."""

    collection: Select[Any]

    @property
    def items(self) -> list[Any]:
        if self.page_params.first_item >= self.page_params.item_count:
            return []  # past the end; also keeps absurd page numbers out of SQL
        stmt = self.collection.limit(self.page_params.page_size).offset(self.page_params.first_item)
        return list(g.db.scalars(stmt))

    @property
    def item_count(self) -> int:
        count = select(func.count()).select_from(self.collection.order_by(None).subquery())
        return int(g.db.scalar(count) or 0)
