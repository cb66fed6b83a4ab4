"""The priority policy: the one place that turns a need into the engine's `priority`.

Risk tiers are strict (004 item 4): high before medium before low. The lightest need of a
tier outweighs the heaviest of every lower tier. For needs of unit load that is enough: any
two assignments differ by alternating paths that each let in at most one need and leave out
at most one, so the optimum never trades a higher-tier need for lower-tier ones, however
many. Within a tier, urgency and waiting time order the needs. Priorities stay small (the
engine scales them by its own distance bounds), configurable per deployment
(`PRIORITY_POLICY`), and recorded on each run.
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

    def tier_bases(self) -> dict[str, int]:
        """Base weight per tier: each tier starts above the top of the one below."""
        return {tier: i * self.within_tier_max for i, tier in enumerate(reversed(self.tiers))}

    def weigh(self, needs: Iterable[tuple[str, str, datetime]], now: datetime) -> list[int]:
        """Priorities for (risk tier, urgency, opened_at) triples, in order."""
        bases = self.tier_bases()
        return [
            bases[tier] + self.within_tier(urgency, opened, now) for tier, urgency, opened in needs
        ]
