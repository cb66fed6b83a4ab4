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
from functools import lru_cache

Pair = tuple[str, str]

# priorities above this could not be weighted exactly by any min-cost flow (see objective.py)
MAX_PRIORITY = 1_000_000_000


def _check_id(kind: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{kind} id must be a non-empty string, got {value!r}")


def _check_coordinates(kind: str, item_id: str, lat: float, lon: float) -> None:
    if (
        type(lat) is float
        and type(lon) is float
        and -90.0 <= lat <= 90.0
        and -180.0 <= lon <= 180.0
    ):
        return  # the common case in one test (NaN and infinities fail it: checked below)
    for name, value, bound in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"{kind} {item_id!r}: {name} must be a number, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{kind} {item_id!r}: {name} is not finite ({value!r})")
        if abs(value) > bound:
            raise ValueError(f"{kind} {item_id!r}: {name}={value} is out of range")


@lru_cache(maxsize=4096)
def _all_strings(values: frozenset[object]) -> bool:
    """Every entry a non-empty string (decided once per distinct set: a province's
    hundred thousand needs share a few hundred)."""
    return all(isinstance(v, str) and v for v in values)


def _check_strings(kind: str, item_id: str, name: str, values: frozenset[str]) -> None:
    if not isinstance(values, frozenset):
        raise ValueError(f"{kind} {item_id!r}: {name} must be a frozenset of strings")
    if _all_strings(values):
        return
    for value in values:
        if not isinstance(value, str) or not value:
            raise ValueError(f"{kind} {item_id!r}: {name} holds a bad entry {value!r}")


def _check_int(kind: str, item_id: str, name: str, value: object, minimum: int) -> None:
    if type(value) is int and value >= minimum:
        return  # the common case in one test (bool is not int's type: checked below)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{kind} {item_id!r}: {name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{kind} {item_id!r}: {name}={value} must be >= {minimum}")


@dataclass(frozen=True, slots=True)
class Need:
    """A need of one child (or family), to be served by providers.

    `load` is how many capacity units it takes; a `splittable` need (goods,
    funds) may be covered in parts by several providers, each part an integer
    amount. `min_part` keeps those parts meaningful: every newly proposed part
    is at least min(min_part, what is left of the load after approved
    pairings), so a 500-yuan need is never proposed as 499 + 1. `requires` are
    hard preferences (e.g. "gender:female") matched against
    `Provider.attributes`. `priority` is at most MAX_PRIORITY.
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
    min_part: int = 1

    def __post_init__(self) -> None:
        _check_id("need", self.id)
        _check_coordinates("need", self.id, self.lat, self.lon)
        if not isinstance(self.category, str) or not self.category:
            raise ValueError(f"need {self.id!r}: category must be a non-empty string")
        _check_int("need", self.id, "priority", self.priority, 1)
        if self.priority > MAX_PRIORITY:
            raise ValueError(
                f"need {self.id!r}: priority={self.priority} must be <= {MAX_PRIORITY}"
            )
        _check_int("need", self.id, "load", self.load, 1)
        _check_int("need", self.id, "min_part", self.min_part, 1)
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

    - pinned: approved pairings, always kept as they are; they use capacity first
      and stand even if the pair no longer passes the filters (a human approved
      it). Several entries for one pair are summed. A pin stands whatever has
      changed since it was approved: pins above a need's (since lowered) load
      cover the need and it counts as served; pins above a provider's (since
      lowered) capacity leave it no room for anything new; an unsplittable need
      pinned with less than its load may get the rest only on its one pinned
      pair, never from a second provider.
    - forbidden: pairs a coordinator rejected; never proposed. A pair both pinned
      and forbidden stands with its approved amount and gets no new units.
    - preferred: last round's proposals; kept when no priority is lost.

    Only what no caller can mean raises: ids that are not in the problem, and
    pinned amounts below 1.
    """

    needs: tuple[Need, ...]
    providers: tuple[Provider, ...]
    pinned: tuple[Pin, ...] = ()
    forbidden: tuple[Pair, ...] = ()
    preferred: tuple[Pair, ...] = ()
    # the pins resolved (None -> the need's load) and summed per pair
    pinned_amounts: Mapping[Pair, int] = field(
        default_factory=dict, init=False, compare=False, hash=False
    )

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
        object.__setattr__(self, "pinned_amounts", {})
        self.__post_init__()

    def __post_init__(self) -> None:
        need_by_id: dict[str, Need] = {}
        for n in self.needs:
            if not isinstance(n, Need):
                raise ValueError(f"needs must hold Need objects, got {n!r}")
            if n.id in need_by_id:
                raise ValueError(f"duplicate need id {n.id!r}")
            need_by_id[n.id] = n
        provider_ids: set[str] = set()
        for p in self.providers:
            if not isinstance(p, Provider):
                raise ValueError(f"providers must hold Provider objects, got {p!r}")
            if p.id in provider_ids:
                raise ValueError(f"duplicate provider id {p.id!r}")
            provider_ids.add(p.id)

        def known(kind: str, need_id: str, provider_id: str) -> None:
            if need_id not in need_by_id:
                raise ValueError(f"{kind} pair ({need_id!r}, {provider_id!r}): unknown need")
            if provider_id not in provider_ids:
                raise ValueError(f"{kind} pair ({need_id!r}, {provider_id!r}): unknown provider")

        for need_id, provider_id in self.forbidden:
            known("forbidden", need_id, provider_id)
        for need_id, provider_id in self.preferred:
            known("preferred", need_id, provider_id)

        amounts: dict[Pair, int] = {}
        for pin in self.pinned:
            known("pinned", pin.need_id, pin.provider_id)
            key = (pin.need_id, pin.provider_id)
            amount = pin.amount if pin.amount is not None else need_by_id[pin.need_id].load
            if amount < 1:
                raise ValueError(f"pinned pair {key!r}: amount must be >= 1")
            amounts[key] = amounts.get(key, 0) + amount
        object.__setattr__(self, "pinned_amounts", amounts)

    def pin_amount(self, pin: Pin) -> int:
        """The amount one pin entry stands for (its own, or the need's whole load)."""
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
    PARTS_TOO_SMALL = "parts_too_small"
    NOT_PROVEN = "not_proven"


Detail = str | int | float | bool | list[str]


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def _where(d: Mapping[str, object]) -> str:
    km = d.get("distance_km", 0.0)
    if d.get("remote") or not isinstance(km, (int, float)):
        return "remote service"
    return f"{km:.1f} km away"


def _has(d: Mapping[str, object]) -> str:
    skills = _list(d, "skills_matched")
    return f"has the skills {skills}; " if skills else ""


def _int(d: Mapping[str, object], key: str) -> int:
    value = d.get(key, 0)
    return value if isinstance(value, int) else 0


def _list(d: Mapping[str, object], key: str) -> str:
    value = d.get(key) or []
    return ", ".join(str(x) for x in value) if isinstance(value, list) else str(value)


def english(code: ReasonCode, d: Mapping[str, object]) -> str:
    """The English sentence for a reason (the app renders its own, translated, from the
    code and details; this one is for logs, tests and English-only callers)."""
    prio = d.get("priority")
    others = _plural(_int(d, "other_feasible_providers"), "other feasible provider")
    feasible = _plural(_int(d, "feasible_providers"), "provider")
    if code is ReasonCode.PINNED:
        extra = _int(d, "amount") - _int(d, "pinned_amount")
        more = f"; {extra} more units proposed on the same pairing" if extra > 0 else ""
        return f"Approved by a coordinator and kept: {_where(d)}, priority {prio}{more}."
    if code is ReasonCode.PREFERRED_KEPT:
        return (
            f"Kept from the previous proposal at no loss of priority: {_where(d)}; "
            f"{_has(d)}priority {prio}; {others}."
        )
    if code is ReasonCode.BEST_MATCH:
        return f"Part of the optimal plan: {_where(d)}; {_has(d)}priority {prio}; {others}."
    if code is ReasonCode.NO_PROVIDER_FOR_CATEGORY:
        return f"No provider offers the category '{d.get('category')}'."
    if code is ReasonCode.NO_PROVIDER_WITH_SKILL:
        return (
            f"No provider of '{d.get('category')}' has all the required skills "
            f"({_list(d, 'skills')})."
        )
    if code is ReasonCode.NO_PROVIDER_WITH_ATTRIBUTES:
        return (
            f"No provider of '{d.get('category')}' with the skills meets the "
            f"requirements ({_list(d, 'requires')})."
        )
    if code is ReasonCode.FORBIDDEN:
        return "Every provider that could serve it was rejected for it by a coordinator."
    if code is ReasonCode.NONE_CLEARED:
        return (
            f"{_plural(_int(d, 'uncleared_in_reach'), 'provider')} within reach could serve "
            "it, but none is cleared for in-person work."
        )
    if code is ReasonCode.NONE_WITHIN_REACH:
        return (
            "No suitable provider is within reach: every one is farther than its own travel radius."
        )
    if code is ReasonCode.NOT_PROVEN:
        return (
            "Not served in the best plan found within the time limit; a better plan may serve it."
        )
    if code is ReasonCode.PARTS_TOO_SMALL:
        return (
            f"What the {feasible} that could serve it have left would cover it only in parts "
            f"smaller than its smallest part of {_int(d, 'min_part')} units."
        )
    if code is ReasonCode.CAPACITY_FULL:
        return (
            f"All {feasible} that could serve it are full with approved pairings or needs "
            "of higher or equal priority."
        )
    return (
        f"Its load of {_int(d, 'remaining')} units does not fit in what the {feasible} that "
        "could serve it have left without dropping needs of more total priority."
    )


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pairing was proposed or a need left open: a stable code and its parameters.

    `details` holds JSON values only (str, int, float, bool, lists of str), everything
    a sentence needs, so a caller stores {code, details} and renders the text in its
    reader's language; `message` is the English rendering, built only when asked for.
    """

    code: ReasonCode
    details: Mapping[str, Detail] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return english(self.code, self.details)


@dataclass(frozen=True, slots=True)
class Assignment:
    """A pairing of the plan. `amount` is its whole amount: `pinned_amount` of it was
    approved before (0 for a new pairing); the rest, amount - pinned_amount, is new."""

    need_id: str
    provider_id: str
    amount: int
    distance_km: float
    pinned_amount: int
    preferred: bool
    explanation: Reason

    @property
    def pinned(self) -> bool:
        return self.pinned_amount > 0

    @property
    def new_amount(self) -> int:
        return self.amount - self.pinned_amount


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
