"""Index the problem into arrays and generate the allowed (need, provider) pairs.

In-person pairs come from a cKDTree of needs per category, queried with each
provider's own chord radius, so the dense N x M matrix is never built. Remote
needs are grouped by compatibility class (category + required skills and
attributes); each class shares one hub node whose arcs fan out to the class's
providers, so a remote need costs one arc instead of one per provider. The
hub is exact: every need of the class may use every provider of the class, so
any flow through it decomposes into allowed pairs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from .geo import chord_for_km, haversine_km, unit_vectors
from .model import MatchProblem, Need, Provider

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]
MaskArray = NDArray[np.uint64]


def _masks(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> MaskArray:
    words = max(1, (len(vocabulary) + 63) // 64)
    rows: list[int] = []
    bits: list[int] = []
    for row, values in enumerate(sets):
        for value in values:
            bit = vocabulary.get(value)
            if bit is not None:  # a requirement nobody offers is tracked by `impossible`
                rows.append(row)
                bits.append(bit)
    out = np.zeros((len(sets), words), dtype=np.uint64)
    if rows:
        b = np.array(bits, dtype=np.int64)
        np.bitwise_or.at(
            out,
            (np.array(rows, dtype=np.int64), b // 64),
            np.left_shift(np.uint64(1), (b % 64).astype(np.uint64)),
        )
    return out


@dataclass
class Indexed:
    """The problem as arrays, needs and providers sorted by id (order-independence)."""

    problem: MatchProblem
    needs: list[Need]
    providers: list[Provider]
    need_index: dict[str, int]
    provider_index: dict[str, int]
    need_lat: FloatArray
    need_lon: FloatArray
    provider_lat: FloatArray
    provider_lon: FloatArray
    radius_km: FloatArray
    priority: IntArray
    remaining_load: IntArray
    remaining_capacity: IntArray
    in_person: BoolArray
    cleared: BoolArray
    need_category: IntArray  # -1 when no provider offers it
    provider_categories: MaskArray
    need_wants: MaskArray  # skills and hard attributes, one namespace
    need_skills: MaskArray  # the skills part alone (for explanations)
    provider_has: MaskArray
    impossible: BoolArray  # need requires a skill/attribute no provider has
    need_class: IntArray  # same category, skills and requirements -> same class id
    forbidden: dict[int, set[int]]
    preferred: dict[int, set[int]]
    pinned_amount: dict[tuple[int, int], int]
    only_on: dict[int, int]  # unsplittable need partly pinned -> its pinned provider (-1: none)

    @property
    def n_needs(self) -> int:
        return len(self.needs)

    @property
    def n_providers(self) -> int:
        return len(self.providers)


def index_problem(problem: MatchProblem) -> Indexed:
    needs = sorted(problem.needs, key=lambda n: n.id)
    providers = sorted(problem.providers, key=lambda p: p.id)
    need_index = {n.id: i for i, n in enumerate(needs)}
    provider_index = {p.id: i for i, p in enumerate(providers)}

    categories: dict[str, int] = {}
    for p in providers:
        for c in sorted(p.categories):
            categories.setdefault(c, len(categories))
    tokens: dict[str, int] = {}
    for p in providers:
        for t in sorted({"skill:" + s for s in p.skills} | {"attr:" + a for a in p.attributes}):
            tokens.setdefault(t, len(tokens))
    # needs share few distinct (category, skills, requires): work per distinct one
    kinds: dict[tuple[str, frozenset[str], frozenset[str]], int] = {}
    kind_of = np.array(
        [kinds.setdefault((n.category, n.skills, n.requires), len(kinds)) for n in needs],
        dtype=np.int64,
    )
    kind_list = list(kinds)
    kind_wants = [
        frozenset({"skill:" + s for s in sk} | {"attr:" + a for a in rq}) for _, sk, rq in kind_list
    ]

    remaining_load = np.array([n.load for n in needs], dtype=np.int64)
    remaining_capacity = np.array([p.capacity for p in providers], dtype=np.int64)
    pinned_amount: dict[tuple[int, int], int] = {}
    for (need_id, provider_id), amount in problem.pinned_amounts.items():
        ni, pi = need_index[need_id], provider_index[provider_id]
        pinned_amount[(ni, pi)] = amount
        remaining_load[ni] -= amount
        remaining_capacity[pi] -= amount
    # approved pairings stand even above a load or capacity lowered since
    np.maximum(remaining_load, 0, out=remaining_load)
    np.maximum(remaining_capacity, 0, out=remaining_capacity)
    # an unsplittable need pinned with less than its load may grow only on its one pinned pair
    pinned_to: dict[int, list[int]] = {}
    for ni, pi in pinned_amount:
        pinned_to.setdefault(ni, []).append(pi)
    only_on = {
        ni: (ps[0] if len(ps) == 1 else -1)
        for ni, ps in pinned_to.items()
        if not needs[ni].splittable and remaining_load[ni] > 0
    }

    forbidden: dict[int, set[int]] = {}
    for need_id, provider_id in problem.forbidden:
        forbidden.setdefault(need_index[need_id], set()).add(provider_index[provider_id])
    preferred: dict[int, set[int]] = {}
    for need_id, provider_id in problem.preferred:
        preferred.setdefault(need_index[need_id], set()).add(provider_index[provider_id])

    need_category = (
        np.array([categories.get(c, -1) for c, _, _ in kind_list], dtype=np.int64)[kind_of]
        if needs
        else np.zeros(0, dtype=np.int64)
    )
    need_wants = _masks(kind_wants, tokens)[kind_of]
    need_skills = _masks([frozenset({"skill:" + s for s in sk}) for _, sk, _ in kind_list], tokens)[
        kind_of
    ]
    impossible = (
        np.array([any(t not in tokens for t in w) for w in kind_wants], dtype=bool)[kind_of]
        if needs
        else np.zeros(0, dtype=bool)
    )
    need_class = kind_of  # same kind, same explanation of category/skills/attributes
    return Indexed(
        problem=problem,
        needs=needs,
        providers=providers,
        need_index=need_index,
        provider_index=provider_index,
        need_lat=np.array([n.lat for n in needs], dtype=np.float64),
        need_lon=np.array([n.lon for n in needs], dtype=np.float64),
        provider_lat=np.array([p.lat for p in providers], dtype=np.float64),
        provider_lon=np.array([p.lon for p in providers], dtype=np.float64),
        radius_km=np.array([p.radius_km for p in providers], dtype=np.float64),
        priority=np.array([n.priority for n in needs], dtype=np.int64),
        remaining_load=remaining_load,
        remaining_capacity=remaining_capacity,
        in_person=np.array([n.in_person for n in needs], dtype=bool),
        cleared=np.array([p.cleared for p in providers], dtype=bool),
        need_category=need_category,
        provider_categories=_masks([p.categories for p in providers], categories),
        need_wants=need_wants,
        need_skills=need_skills,
        provider_has=_masks(
            [
                frozenset({"skill:" + s for s in p.skills} | {"attr:" + a for a in p.attributes})
                for p in providers
            ],
            tokens,
        ),
        impossible=impossible,
        need_class=np.asarray(need_class, dtype=np.int64).reshape(-1),
        forbidden=forbidden,
        preferred=preferred,
        pinned_amount=pinned_amount,
        only_on=only_on,
    )


def offers(ix: Indexed, category: int) -> BoolArray:
    word, bit = divmod(category, 64)
    col = ix.provider_categories[:, word] >> np.uint64(bit)
    out: BoolArray = (col & np.uint64(1)).astype(bool)
    return out


def has_all(ix: Indexed, need: int, providers: IntArray) -> BoolArray:
    missing = ix.need_wants[need][None, :] & ~ix.provider_has[providers]
    out: BoolArray = ~np.any(missing, axis=1)
    return out


@dataclass
class Candidates:
    """Allowed pairs (direct arcs) plus hubs for remote compatibility classes."""

    need: IntArray
    provider: IntArray
    distance_km: FloatArray
    preferred: BoolArray
    pinned: BoolArray  # the pair is approved already: new units on it add no pair, no distance
    hub_of_need: IntArray  # -1 when the need uses direct arcs only
    hub_providers: list[IntArray] = field(default_factory=list)
    feasible: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    forbidden_removed: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    uncleared_in_reach: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def n_pairs(self) -> int:
        """Allowed pairs with free capacity, counting each hub need once per provider."""
        sizes = np.array([len(p) for p in self.hub_providers] + [0], dtype=np.int64)
        hub_pairs = int(sizes[self.hub_of_need].sum())  # -1 picks the trailing 0
        return int(len(self.need) + hub_pairs)


def _flatten(lists: list[list[int]]) -> tuple[IntArray, IntArray]:
    counts = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(
        itertools.chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum())
    )
    return counts, flat


def build_candidates(ix: Indexed) -> Candidates:
    n, m = ix.n_needs, ix.n_providers
    active = (ix.remaining_load > 0) & (ix.need_category >= 0) & ~ix.impossible
    if ix.only_on:
        active[np.fromiter(ix.only_on, dtype=np.int64, count=len(ix.only_on))] = False
    need_xyz = unit_vectors(ix.need_lat, ix.need_lon)
    provider_xyz = unit_vectors(ix.provider_lat, ix.provider_lon)
    # a hair of slack: the exact haversine test below decides the boundary
    chord = chord_for_km(ix.radius_km) * (1.0 + 1e-9) + 1e-12

    feasible = np.zeros(n, dtype=np.int64)
    forbidden_removed = np.zeros(n, dtype=np.int64)
    uncleared = np.zeros(n, dtype=np.int64)
    parts_n: list[IntArray] = []
    parts_p: list[IntArray] = []
    parts_d: list[FloatArray] = []

    n_categories = int(ix.provider_categories.shape[1] * 64)
    present = np.unique(ix.need_category[active])
    for c in present.tolist():
        if c >= n_categories:
            continue
        offering = np.flatnonzero(offers(ix, c))
        needs_c = np.flatnonzero(active & ix.in_person & (ix.need_category == c))
        if len(offering) == 0 or len(needs_c) == 0:
            continue
        tree = cKDTree(need_xyz[needs_c])
        lists = tree.query_ball_point(
            provider_xyz[offering], r=chord[offering], return_sorted=False, workers=-1
        )
        counts, flat = _flatten(list(lists))
        pn = needs_c[flat]
        pp = np.repeat(offering, counts)
        missing = ix.need_wants[pn] & ~ix.provider_has[pp]
        ok = ~np.any(missing, axis=1)
        pn, pp = pn[ok], pp[ok]
        dist = haversine_km(
            ix.need_lat[pn], ix.need_lon[pn], ix.provider_lat[pp], ix.provider_lon[pp]
        )
        ok = dist <= ix.radius_km[pp]
        pn, pp, dist = pn[ok], pp[ok], dist[ok]
        is_cleared = ix.cleared[pp]
        uncleared += np.bincount(pn[~is_cleared], minlength=n)
        pn, pp, dist = pn[is_cleared], pp[is_cleared], dist[is_cleared]
        parts_n.append(pn)
        parts_p.append(pp)
        parts_d.append(dist)

    need = np.concatenate(parts_n) if parts_n else np.zeros(0, dtype=np.int64)
    provider = np.concatenate(parts_p) if parts_p else np.zeros(0, dtype=np.int64)
    dist = np.concatenate(parts_d) if parts_d else np.zeros(0, dtype=np.float64)
    if ix.forbidden and len(need):
        fkeys = np.array(
            sorted(a * m + b for a, bs in ix.forbidden.items() for b in bs), dtype=np.int64
        )
        hit = np.isin(need * m + provider, fkeys)
        forbidden_removed += np.bincount(need[hit], minlength=n)
        need, provider, dist = need[~hit], provider[~hit], dist[~hit]
    feasible += np.bincount(need, minlength=n)
    free = ix.remaining_capacity[provider] > 0
    need, provider, dist = need[free], provider[free], dist[free]

    # remote needs: one hub per compatibility class
    hub_of_need = np.full(n, -1, dtype=np.int64)
    hub_providers: list[IntArray] = []
    extra_n: list[int] = []
    extra_p: list[int] = []
    classes: dict[tuple[int, bytes], list[int]] = {}
    for i in np.flatnonzero(active & ~ix.in_person).tolist():
        classes.setdefault((int(ix.need_category[i]), ix.need_wants[i].tobytes()), []).append(i)
    for (c, _), members in classes.items():
        if c >= n_categories:
            continue
        offering = np.flatnonzero(offers(ix, c))
        eligible = offering[has_all(ix, members[0], offering)]
        with_free = eligible[ix.remaining_capacity[eligible] > 0]
        eligible_set: set[int] | None = None  # built only when a member needs it
        free_set: set[int] | None = None
        hub = -1
        for i in members:
            banned: set[int] = set()
            if i in ix.forbidden:
                if eligible_set is None:
                    eligible_set = set(eligible.tolist())
                banned = ix.forbidden[i] & eligible_set
            forbidden_removed[i] += len(banned)
            feasible[i] += len(eligible) - len(banned)
            if banned:  # the hub would reach a forbidden provider: direct arcs instead
                for p in with_free.tolist():
                    if p not in banned:
                        extra_n.append(i)
                        extra_p.append(p)
                continue
            if len(with_free) == 0:
                continue
            if hub < 0:
                hub = len(hub_providers)
                hub_providers.append(with_free)
            hub_of_need[i] = hub
            if i in ix.preferred:  # a preferred pair needs its own arc to carry the bonus
                if free_set is None:
                    free_set = set(with_free.tolist())
                for p in sorted(ix.preferred[i] & free_set):
                    extra_n.append(i)
                    extra_p.append(p)
    for i, p in sorted(ix.only_on.items()):
        if p < 0 or ix.remaining_load[i] <= 0 or ix.need_category[i] < 0 or ix.impossible[i]:
            continue
        if not offers(ix, int(ix.need_category[i]))[p] or not has_all(ix, i, np.array([p]))[0]:
            continue
        if ix.in_person[i]:
            km = float(
                haversine_km(ix.need_lat[i], ix.need_lon[i], ix.provider_lat[p], ix.provider_lon[p])
            )
            if km > ix.radius_km[p]:
                continue
            if not ix.cleared[p]:
                uncleared[i] += 1
                continue
        if p in ix.forbidden.get(i, ()):
            forbidden_removed[i] += 1
            continue
        feasible[i] += 1
        if ix.remaining_capacity[p] > 0:
            extra_n.append(i)
            extra_p.append(p)
    if extra_n:
        en = np.array(extra_n, dtype=np.int64)
        ep = np.array(extra_p, dtype=np.int64)
        ed = haversine_km(
            ix.need_lat[en], ix.need_lon[en], ix.provider_lat[ep], ix.provider_lon[ep]
        )
        need = np.concatenate([need, en])
        provider = np.concatenate([provider, ep])
        dist = np.concatenate([dist, ed])

    # canonical order (by need, then provider): reproducible, and the flow likes it
    order = np.argsort(need * max(m, 1) + provider, kind="stable")
    need, provider, dist = need[order], provider[order], dist[order]
    preferred = np.zeros(len(need), dtype=bool)
    if ix.preferred and len(need):
        pkeys = np.array(
            sorted(a * m + b for a, bs in ix.preferred.items() for b in bs), dtype=np.int64
        )
        preferred = np.isin(need * m + provider, pkeys)

    pinned = np.zeros(len(need), dtype=bool)
    if ix.pinned_amount and len(need):
        keys = np.array(sorted(a * m + b for a, b in ix.pinned_amount), dtype=np.int64)
        pinned = np.isin(need * m + provider, keys)

    return Candidates(
        need=need,
        provider=provider,
        distance_km=dist,
        preferred=preferred,
        pinned=pinned,
        hub_of_need=hub_of_need,
        hub_providers=hub_providers,
        feasible=feasible,
        forbidden_removed=forbidden_removed,
        uncleared_in_reach=uncleared,
    )
