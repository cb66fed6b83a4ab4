"""Administrative divisions: GB/T 2260 province/city/county, statistical township/village."""

from __future__ import annotations

import enum

from sqlalchemy import Enum, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class RegionLevel(enum.StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    village = "village"


class Region(Base):
    """A region, keyed by its 12-digit statistical code (GB/T 2260 codes padded with zeros).

    `path` is the materialised chain of codes from the province down ("/350000000000/...
    /350582000000/"), so "within my area" is one indexed prefix query at any depth.
    """

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[RegionLevel] = mapped_column(
        Enum(RegionLevel, name="region_level", native_enum=False, length=16)
    )
    parent_code: Mapped[str | None] = mapped_column(
        ForeignKey("region.code", ondelete="RESTRICT"), index=True
    )
    path: Mapped[str] = mapped_column(String(80))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_region_path", "path"),)
