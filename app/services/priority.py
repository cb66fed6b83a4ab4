"""The priority policy: the one place that turns a need into the engine's `priority`.

Risk tiers are strict (004 item 4): high before medium before low. Each tier's base weight
exceeds the most that every need of all lower tiers together could weigh, so no number of
lower-tier needs ever displaces one higher-tier need. Within a tier, urgency and waiting
time order the needs. The policy is configurable per deployment (`PRIORITY_POLICY`) and
recorded on each run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PriorityPolicy:
    tiers: tuple[str, ...] = ("high", "medium", "low")
    urgency_bonus: Mapping[str, int] = field(
        default_factory=lambda: {"normal": 0, "urgent": 4, "critical": 8}
    )
    waiting_bonus_per_week: int = 1
    waiting_bonus_cap: int = 7

    @classmethod
    def from_config(cls, data: Mapping[str, Any] | None) -> PriorityPolicy:
        if not data:
            return cls()
        return cls(
            tiers=tuple(data.get("tiers", cls.tiers)),
            urgency_bonus=dict(data.get("urgency_bonus", cls().urgency_bonus)),
            waiting_bonus_per_week=int(data.get("waiting_bonus_per_week", 1)),
            waiting_bonus_cap=int(data.get("waiting_bonus_cap", 7)),
        )

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["tiers"] = list(self.tiers)
        out["urgency_bonus"] = dict(self.urgency_bonus)
        return out

    @property
    def within_tier_max(self) -> int:
        return 1 + max(self.urgency_bonus.values(), default=0) + self.waiting_bonus_cap

    def within_tier(self, urgency: str, opened_at: datetime, now: datetime) -> int:
        weeks = max(0, (now - opened_at).days // 7)
        waiting = min(self.waiting_bonus_cap, weeks * self.waiting_bonus_per_week)
        return 1 + self.urgency_bonus.get(urgency, 0) + waiting

    def tier_bases(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Base weight per tier for a problem with `counts` needs per tier."""
        bases: dict[str, int] = {}
        below = 0  # the most all lower tiers together can weigh
        for tier in reversed(self.tiers):
            base = below + 1 if below else 0
            bases[tier] = base
            below += (base + self.within_tier_max) * counts.get(tier, 0)
        return bases

    def weigh(self, needs: Iterable[tuple[str, str, datetime]], now: datetime) -> list[int]:
        """Priorities for (risk tier, urgency, opened_at) triples, in order."""
        items = list(needs)
        counts: dict[str, int] = {}
        for tier, _, _ in items:
            counts[tier] = counts.get(tier, 0) + 1
        bases = self.tier_bases(counts)
        return [
            bases[tier] + self.within_tier(urgency, opened, now) for tier, urgency, opened in items
        ]
