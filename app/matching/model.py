"""Problem and result types of the matching engine.

Everything here is frozen and validated on construction, so a solver never
sees an inconsistent problem and a bad input fails with a ValueError that
names the offending item.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Pair = tuple[str, str]


def _check_id(kind: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{kind} id must be a non-empty string, got {value!r}")


def _check_coordinates(kind: str, item_id: str, lat: float, lon: float) -> None:
    for name, value, bound in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"{kind} {item_id!r}: {name} must be a number, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{kind} {item_id!r}: {name} is not finite ({value!r})")
        if abs(value) > bound:
            raise ValueError(f"{kind} {item_id!r}: {name}={value} is out of range")


def _check_strings(kind: str, item_id: str, name: str, values: frozenset[str]) -> None:
    if not isinstance(values, frozenset):
        raise ValueError(f"{kind} {item_id!r}: {name} must be a frozenset of strings")
    for value in values:
        if not isinstance(value, str) or not value:
            raise ValueError(f"{kind} {item_id!r}: {name} holds a bad entry {value!r}")


def _check_int(kind: str, item_id: str, name: str, value: object, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{kind} {item_id!r}: {name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{kind} {item_id!r}: {name}={value} must be >= {minimum}")


@dataclass(frozen=True, slots=True)
class Need:
    """A need of one child (or family), to be served by providers.

    `load` is how many capacity units it takes; a `splittable` need (goods,
    funds) may be covered in parts by several providers, each part an integer
    amount. `requires` are hard preferences (e.g. "gender:female") matched
    against `Provider.attributes`.
    """

    id: str
    lat: float
    lon: float
    category: str
    priority: int
    skills: frozenset[str] = frozenset()
    load: int = 1
    in_person: bool = True
    requires: frozenset[str] = frozenset()
    splittable: bool = False

    def __post_init__(self) -> None:
        _check_id("need", self.id)
        _check_coordinates("need", self.id, self.lat, self.lon)
        if not isinstance(self.category, str) or not self.category:
            raise ValueError(f"need {self.id!r}: category must be a non-empty string")
        _check_int("need", self.id, "priority", self.priority, 1)
        _check_int("need", self.id, "load", self.load, 1)
        _check_strings("need", self.id, "skills", self.skills)
        _check_strings("need", self.id, "requires", self.requires)


@dataclass(frozen=True, slots=True)
class Provider:
    """A volunteer, agency or donor offering some categories of help."""

    id: str
    lat: float
    lon: float
    radius_km: float
    categories: frozenset[str]
    skills: frozenset[str] = frozenset()
    capacity: int = 1
    cleared: bool = False
    attributes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _check_id("provider", self.id)
        _check_coordinates("provider", self.id, self.lat, self.lon)
        r = self.radius_km
        if not isinstance(r, (int, float)) or isinstance(r, bool) or not math.isfinite(r) or r < 0:
            raise ValueError(f"provider {self.id!r}: radius_km must be finite and >= 0, got {r!r}")
        _check_int("provider", self.id, "capacity", self.capacity, 0)
        _check_strings("provider", self.id, "categories", self.categories)
        _check_strings("provider", self.id, "skills", self.skills)
        _check_strings("provider", self.id, "attributes", self.attributes)


@dataclass(frozen=True, slots=True)
class Pin:
    """An approved pairing. `amount` defaults to the need's whole load."""

    need_id: str
    provider_id: str
    amount: int | None = None


def _pairs(kind: str, items: Iterable[object]) -> tuple[Pair, ...]:
    out: list[Pair] = []
    for item in items:
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not all(isinstance(x, str) for x in item)
        ):
            raise ValueError(f"{kind} entry {item!r} must be a (need_id, provider_id) tuple")
        out.append((item[0], item[1]))
    return tuple(out)


def _pins(items: Iterable[object]) -> tuple[Pin, ...]:
    out: list[Pin] = []
    for item in items:
        if isinstance(item, Pin):
            out.append(item)
        elif (
            isinstance(item, tuple)
            and len(item) in (2, 3)
            and all(isinstance(x, str) for x in item[:2])
        ):
            amount = item[2] if len(item) == 3 else None
            if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool)):
                raise ValueError(f"pinned entry {item!r}: amount must be an integer")
            out.append(Pin(item[0], item[1], amount))
        else:
            raise ValueError(
                f"pinned entry {item!r} must be (need_id, provider_id[, amount]) or a Pin"
            )
    return tuple(out)


@dataclass(frozen=True)
class MatchProblem:
    """A whole matching run: needs, providers and the coordinators' decisions.

    - pinned: approved pairings, always kept; they use capacity first and are
      kept even if the pair no longer passes the filters (a human approved it).
    - forbidden: pairs a coordinator rejected; never proposed.
    - preferred: last round's proposals; kept when no priority is lost.
    """

    needs: tuple[Need, ...]
    providers: tuple[Provider, ...]
    pinned: tuple[Pin, ...] = ()
    forbidden: tuple[Pair, ...] = ()
    preferred: tuple[Pair, ...] = ()

    def __init__(
        self,
        needs: Iterable[Need],
        providers: Iterable[Provider],
        pinned: Iterable[Pin | Pair | tuple[str, str, int]] = (),
        forbidden: Iterable[Pair] = (),
        preferred: Iterable[Pair] = (),
    ) -> None:
        object.__setattr__(self, "needs", tuple(needs))
        object.__setattr__(self, "providers", tuple(providers))
        object.__setattr__(self, "pinned", _pins(pinned))
        object.__setattr__(self, "forbidden", _pairs("forbidden", forbidden))
        object.__setattr__(self, "preferred", _pairs("preferred", preferred))
        self.__post_init__()

    def __post_init__(self) -> None:
        need_by_id: dict[str, Need] = {}
        for n in self.needs:
            if not isinstance(n, Need):
                raise ValueError(f"needs must hold Need objects, got {n!r}")
            if n.id in need_by_id:
                raise ValueError(f"duplicate need id {n.id!r}")
            need_by_id[n.id] = n
        provider_by_id: dict[str, Provider] = {}
        for p in self.providers:
            if not isinstance(p, Provider):
                raise ValueError(f"providers must hold Provider objects, got {p!r}")
            if p.id in provider_by_id:
                raise ValueError(f"duplicate provider id {p.id!r}")
            provider_by_id[p.id] = p

        def known(kind: str, need_id: str, provider_id: str) -> None:
            if need_id not in need_by_id:
                raise ValueError(f"{kind} pair ({need_id!r}, {provider_id!r}): unknown need")
            if provider_id not in provider_by_id:
                raise ValueError(f"{kind} pair ({need_id!r}, {provider_id!r}): unknown provider")

        forbidden = set(self.forbidden)
        for need_id, provider_id in self.forbidden:
            known("forbidden", need_id, provider_id)
        for need_id, provider_id in self.preferred:
            known("preferred", need_id, provider_id)

        used: dict[str, int] = {}
        covered: dict[str, int] = {}
        seen: set[Pair] = set()
        for pin in self.pinned:
            known("pinned", pin.need_id, pin.provider_id)
            key = (pin.need_id, pin.provider_id)
            if key in seen:
                raise ValueError(f"pinned pair {key!r} appears twice")
            seen.add(key)
            if key in forbidden:
                raise ValueError(f"pinned pair {key!r} is also forbidden")
            need = need_by_id[pin.need_id]
            amount = pin.amount if pin.amount is not None else need.load
            if amount < 1:
                raise ValueError(f"pinned pair {key!r}: amount must be >= 1")
            if not need.splittable and amount != need.load:
                raise ValueError(
                    f"pinned pair {key!r}: need is not splittable, amount must equal its load"
                )
            covered[pin.need_id] = covered.get(pin.need_id, 0) + amount
            if not need.splittable and covered[pin.need_id] > need.load:
                raise ValueError(f"need {pin.need_id!r} is pinned to more than one provider")
            if covered[pin.need_id] > need.load:
                raise ValueError(f"need {pin.need_id!r}: pinned amounts exceed its load")
            used[pin.provider_id] = used.get(pin.provider_id, 0) + amount
            if used[pin.provider_id] > provider_by_id[pin.provider_id].capacity:
                raise ValueError(f"provider {pin.provider_id!r}: pinned pairs exceed its capacity")

    def pin_amount(self, pin: Pin) -> int:
        if pin.amount is not None:
            return pin.amount
        for n in self.needs:
            if n.id == pin.need_id:
                return n.load
        raise ValueError(f"unknown need {pin.need_id!r}")


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"


class ReasonCode(StrEnum):
    """Stable codes for every explanation the engine gives (the app translates them)."""

    # assignments
    PINNED = "pinned"
    PREFERRED_KEPT = "preferred_kept"
    BEST_MATCH = "best_match"
    # unserved needs
    NO_PROVIDER_FOR_CATEGORY = "no_provider_for_category"
    NO_PROVIDER_WITH_SKILL = "no_provider_with_skill"
    NO_PROVIDER_WITH_ATTRIBUTES = "no_provider_with_attributes"
    NONE_WITHIN_REACH = "none_within_reach"
    NONE_CLEARED = "none_cleared"
    FORBIDDEN = "forbidden"
    CAPACITY_FULL = "capacity_full"
    INSUFFICIENT_CAPACITY = "insufficient_capacity"
    NOT_PROVEN = "not_proven"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    message: str
    details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Assignment:
    need_id: str
    provider_id: str
    amount: int
    distance_km: float
    pinned: bool
    preferred: bool
    explanation: Reason


@dataclass(frozen=True, slots=True)
class Objective:
    """The lexicographic objective terms, in order of importance.

    total_distance_km counts in-person assignments only (remote needs ignore distance).
    """

    served_priority: int
    preferred_kept: int
    total_distance_km: float


@dataclass(frozen=True)
class MatchResult:
    status: Status
    assignments: tuple[Assignment, ...]
    unassigned: Mapping[str, Reason]
    objective: Objective
    # upper bound on served priority (equal to objective.served_priority when OPTIMAL)
    priority_bound: int
    # relative gap on served priority: (bound - served) / bound, 0.0 when OPTIMAL
    gap: float
    timings: Mapping[str, float]
    counts: Mapping[str, int]

    @property
    def served_priority(self) -> int:
        return self.objective.served_priority

    @property
    def preferred_kept(self) -> int:
        return self.objective.preferred_kept

    @property
    def total_distance_km(self) -> float:
        return self.objective.total_distance_km
