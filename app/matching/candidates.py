"""Index the problem into arrays and generate the allowed (need, provider) pairs.

Providers are indexed by category and by skill/attribute token (sorted posting
lists), and needs by kind (category, skills, requirements), so "who offers c
and has all of T" is an intersection of a few short lists, never a scan of
every provider. In-person pairs come from a cKDTree of needs per category and
rarest wanted token (a county's own roster, say), queried with each provider's
own chord radius, so neither the dense N x M matrix nor the pairs that a
requirement would discard are ever built. Remote
needs are grouped by compatibility class (category + required skills and
attributes); each class shares one hub node whose arcs fan out to the class's
providers, so a remote need costs one arc instead of one per provider. The
hub is exact: every need of the class may use every provider of the class, so
any flow through it decomposes into allowed pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from .geo import chord_for_km, chord_to_km, haversine_km, unit_vectors
from .model import MatchProblem, Need, Provider

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]
MaskArray = NDArray[np.uint64]


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
    need_class: IntArray  # the need's kind: same category, skills and requirements
    impossible: BoolArray  # need requires a skill/attribute no provider has
    kind_category: IntArray  # per kind, -1 when no provider offers it
    kind_tokens: list[IntArray]  # per kind, the wanted skill/attribute tokens
    kind_skill_tokens: list[IntArray]  # per kind, the skills part alone (for explanations)
    kind_unknown_skill: BoolArray  # per kind, a required skill no provider has
    category_providers: list[IntArray]  # per category, providers offering it (sorted)
    token_providers: list[IntArray]  # per token, providers having it (sorted)
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
    tokens: dict[str, int] = {}
    by_category: list[list[int]] = []
    by_token: list[list[int]] = []
    for j, p in enumerate(providers):
        for c in sorted(p.categories):
            if c not in categories:
                categories[c] = len(categories)
                by_category.append([])
            by_category[categories[c]].append(j)
        for t in sorted({"skill:" + s for s in p.skills} | {"attr:" + a for a in p.attributes}):
            if t not in tokens:
                tokens[t] = len(tokens)
                by_token.append([])
            by_token[tokens[t]].append(j)
    # needs share few distinct (category, skills, requires): work per distinct one
    kinds: dict[tuple[str, frozenset[str], frozenset[str]], int] = {}
    kind_of = np.fromiter(
        (kinds.setdefault((n.category, n.skills, n.requires), len(kinds)) for n in needs),
        dtype=np.int64,
        count=len(needs),
    )
    kind_list = list(kinds)
    kind_wants = [
        frozenset({"skill:" + s for s in sk} | {"attr:" + a for a in rq}) for _, sk, rq in kind_list
    ]

    def bits(words: frozenset[str]) -> IntArray:
        return np.array(sorted(tokens[w] for w in words if w in tokens), dtype=np.int64)

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

    kind_category = np.array([categories.get(c, -1) for c, _, _ in kind_list], dtype=np.int64)
    kind_impossible = np.array([any(t not in tokens for t in w) for w in kind_wants], dtype=bool)
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
        need_category=kind_category[kind_of] if needs else np.zeros(0, dtype=np.int64),
        need_class=kind_of,
        impossible=kind_impossible[kind_of] if needs else np.zeros(0, dtype=bool),
        kind_category=kind_category,
        kind_tokens=[bits(w) for w in kind_wants],
        kind_skill_tokens=[bits(frozenset({"skill:" + s for s in sk})) for _, sk, _ in kind_list],
        kind_unknown_skill=np.array(
            [any("skill:" + s not in tokens for s in sk) for _, sk, _ in kind_list], dtype=bool
        ),
        category_providers=[np.array(x, dtype=np.int64) for x in by_category],
        token_providers=[np.array(x, dtype=np.int64) for x in by_token],
        forbidden=forbidden,
        preferred=preferred,
        pinned_amount=pinned_amount,
        only_on=only_on,
    )


def member(values: IntArray, sorted_list: IntArray) -> BoolArray:
    """Which of `values` are in `sorted_list`: a binary search per value, so a short
    list against a long one costs the short one's length (np.isin would sort both)."""
    if len(sorted_list) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_list, values), len(sorted_list) - 1)
    out: BoolArray = sorted_list[at] == values
    return out


def providers_with(ix: Indexed, category: int, tokens: IntArray) -> IntArray:
    """Providers offering `category` with every token in `tokens` (sorted): the shortest of
    the lists, filtered by binary search in the others."""
    if category < 0:
        return np.zeros(0, dtype=np.int64)
    lists = [ix.category_providers[category]] + [ix.token_providers[t] for t in tokens.tolist()]
    lists.sort(key=len)
    out: IntArray = lists[0]
    for other in lists[1:]:
        if len(out) == 0:
            break
        out = out[member(out, other)]
    return out


def rarest_token(ix: Indexed, tokens: IntArray) -> int:
    """The wanted token fewest providers have, -1 when nothing is wanted."""
    if len(tokens) == 0:
        return -1
    return int(min(tokens.tolist(), key=lambda t: len(ix.token_providers[t])))


def has_all(ix: Indexed, need: int, providers: IntArray) -> BoolArray:
    ok: BoolArray = np.ones(len(providers), dtype=bool)
    for t in ix.kind_tokens[int(ix.need_class[need])].tolist():
        ok &= member(providers, ix.token_providers[t])
    return ok


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

    _by_need: IntArray | None = field(default=None, init=False, repr=False)
    _need_sorted: IntArray | None = field(default=None, init=False, repr=False)

    def arcs_of(self, need: int) -> IntArray:
        """The direct arcs of a need (an index sorted by need, and the needs in that
        order, built on first use: a province has a couple of million arcs)."""
        if self._by_need is None or self._need_sorted is None:
            self._by_need = np.argsort(self.need, kind="stable")
            self._need_sorted = self.need[self._by_need]
        order = self._by_need
        lo, hi = np.searchsorted(self._need_sorted, [need, need + 1])
        out: IntArray = order[lo:hi]
        return out

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


# a group with at most this many (need, provider) pairs is checked densely, in batches of
# groups; a larger one gets a kd-tree (a county roster's category: ~40 x 30 pairs)
DENSE_MAX_PAIRS = 20_000
BATCH_PAIRS = 2_000_000


def _wants_rest(ix: Indexed, kinds: IntArray) -> tuple[IntArray, IntArray]:
    """Per kind, its wanted tokens but the rarest (which the group guarantees), as CSR."""
    rest = [
        np.array(sorted(set(ix.kind_tokens[k].tolist()) - {rarest_token(ix, ix.kind_tokens[k])}))
        for k in kinds.tolist()
    ]
    ptr = np.zeros(len(kinds) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(r) for r in rest])
    flat = np.concatenate(rest).astype(np.int64) if rest else np.zeros(0, dtype=np.int64)
    return ptr, flat


def _in_person_pairs(ix: Indexed, ip: IntArray) -> Iterator[tuple[IntArray, IntArray, FloatArray]]:
    """(needs, providers, km) of every in-person pair within the provider's radius whose
    provider offers the category and has every wanted token (clearance not checked).

    Needs are grouped by (category, rarest wanted token) and each group meets only the
    providers with both: small groups are checked densely, many at a time, large ones
    through a kd-tree of the group's needs queried with each provider's radius. The other
    wanted tokens are checked for all pairs at once against (token, provider) keys."""
    m = ix.n_providers
    if len(ip) == 0:
        return
    ip_kinds = ix.need_class[ip]
    uk, kind_pos = np.unique(ip_kinds, return_inverse=True)
    keys: dict[tuple[int, int], int] = {}
    kind_group = np.array(
        [
            keys.setdefault(
                (int(ix.kind_category[k]), rarest_token(ix, ix.kind_tokens[k])), len(keys)
            )
            for k in uk.tolist()
        ],
        dtype=np.int64,
    )
    groups = list(keys)
    need_group = kind_group[kind_pos]
    order = np.argsort(need_group, kind="stable")
    bounds = np.searchsorted(need_group[order], np.arange(len(groups) + 1))
    # the other wanted tokens, per kind (local index into uk), and the (token, provider) keys
    rest_ptr, rest_tok = _wants_rest(ix, uk)
    kind_local = np.full(len(ix.kind_tokens), -1, dtype=np.int64)
    kind_local[uk] = np.arange(len(uk), dtype=np.int64)
    tp_keys = (
        np.concatenate(
            [t * m + np.asarray(ps, dtype=np.int64) for t, ps in enumerate(ix.token_providers)]
        )
        if ix.token_providers
        else np.zeros(0, dtype=np.int64)
    )

    need_xyz = unit_vectors(ix.need_lat, ix.need_lon)
    provider_xyz = unit_vectors(ix.provider_lat, ix.provider_lon)
    reach = chord_for_km(ix.radius_km)

    def finish(pn: IntArray, pp: IntArray) -> tuple[IntArray, IntArray, FloatArray]:
        # chord on the unit sphere, monotone in the great-circle distance: compare chords,
        # then turn the survivors' chords into km (the haversine's value, to 1e-9 km)
        diff = need_xyz[pn] - provider_xyz[pp]
        chord = np.sqrt(np.einsum("ij,ij->i", diff, diff))
        ok = chord <= reach[pp] * (1.0 + 1e-12)
        pn, pp = pn[ok], pp[ok]
        dist = chord_to_km(chord[ok])
        ok = dist <= ix.radius_km[pp]
        pn, pp, dist = pn[ok], pp[ok], dist[ok]
        kl = kind_local[ix.need_class[pn]]
        cnt = rest_ptr[kl + 1] - rest_ptr[kl]
        if cnt.any():
            pair = np.repeat(np.arange(len(pn), dtype=np.int64), cnt)
            within = np.arange(len(pair), dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            tok = rest_tok[rest_ptr[kl[pair]] + within]
            lacking = pair[~member(tok * m + pp[pair], tp_keys)]
            ok = np.ones(len(pn), dtype=bool)
            ok[lacking] = False
            pn, pp, dist = pn[ok], pp[ok], dist[ok]
        return pn, pp, dist

    batch_n: list[IntArray] = []
    batch_p: list[IntArray] = []
    batch_size = 0

    def flush() -> tuple[IntArray, IntArray, FloatArray]:
        nonlocal batch_size
        sizes_n = np.fromiter(map(len, batch_n), dtype=np.int64, count=len(batch_n))
        sizes_m = np.fromiter(map(len, batch_p), dtype=np.int64, count=len(batch_p))
        all_n, all_p = np.concatenate(batch_n), np.concatenate(batch_p)
        start_n = np.cumsum(sizes_n) - sizes_n
        start_m = np.cumsum(sizes_m) - sizes_m
        per = sizes_n * sizes_m
        gid = np.repeat(np.arange(len(per), dtype=np.int64), per)
        local = np.arange(int(per.sum()), dtype=np.int64) - np.repeat(np.cumsum(per) - per, per)
        width = sizes_m[gid]
        pn = all_n[start_n[gid] + local // width]
        pp = all_p[start_m[gid] + local % width]
        batch_n.clear()
        batch_p.clear()
        batch_size = 0
        return finish(pn, pp)

    for gid, (c, token) in enumerate(groups):
        provs = providers_with(ix, c, np.array([token] if token >= 0 else [], dtype=np.int64))
        if len(provs) == 0:
            continue
        needs_g = ip[order[bounds[gid] : bounds[gid + 1]]]
        if len(needs_g) * len(provs) <= DENSE_MAX_PAIRS:
            batch_n.append(needs_g)
            batch_p.append(provs)
            batch_size += len(needs_g) * len(provs)
            if batch_size >= BATCH_PAIRS:
                yield flush()
            continue
        # a hair of slack: the exact test in finish() decides the boundary
        chord = reach[provs] * (1.0 + 1e-9) + 1e-12
        lists = cKDTree(need_xyz[needs_g]).query_ball_point(
            provider_xyz[provs],
            r=chord,
            return_sorted=False,
            workers=-1 if len(provs) >= 512 else 1,  # both cores once it pays for threads
        )
        counts, flat = _flatten(list(lists))
        if len(flat):
            yield finish(needs_g[flat], np.repeat(provs, counts))
    if batch_n:
        yield flush()


def build_candidates(ix: Indexed) -> Candidates:
    n, m = ix.n_needs, ix.n_providers
    active = (ix.remaining_load > 0) & (ix.need_category >= 0) & ~ix.impossible
    if ix.only_on:
        active[np.fromiter(ix.only_on, dtype=np.int64, count=len(ix.only_on))] = False
    feasible = np.zeros(n, dtype=np.int64)
    forbidden_removed = np.zeros(n, dtype=np.int64)
    uncleared = np.zeros(n, dtype=np.int64)
    parts_n: list[IntArray] = []
    parts_p: list[IntArray] = []
    parts_d: list[FloatArray] = []
    uncleared_n: list[IntArray] = []

    # in-person: pairs per (category, rarest wanted token) of the needs
    for pn, pp, dist in _in_person_pairs(ix, np.flatnonzero(active & ix.in_person)):
        is_cleared = ix.cleared[pp]
        if not is_cleared.all():
            uncleared_n.append(pn[~is_cleared])
            pn, pp, dist = pn[is_cleared], pp[is_cleared], dist[is_cleared]
        parts_n.append(pn)
        parts_p.append(pp)
        parts_d.append(dist)

    if uncleared_n:
        uncleared += np.bincount(np.concatenate(uncleared_n), minlength=n)
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
    rem = np.flatnonzero(active & ~ix.in_person)
    rem = rem[np.argsort(ix.need_class[rem], kind="stable")]
    rem_kinds = ix.need_class[rem]
    starts = np.flatnonzero(np.diff(rem_kinds, prepend=-1)).tolist()
    for lo, hi in zip(starts, [*starts[1:], len(rem)], strict=False):
        k = int(rem_kinds[lo])
        members = rem[lo:hi].tolist()
        eligible = providers_with(ix, int(ix.kind_category[k]), ix.kind_tokens[k])
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
        cat = ix.category_providers[int(ix.need_category[i])]
        if not member(np.array([p]), cat)[0] or not has_all(ix, i, np.array([p]))[0]:
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

    # the order is that of generation, itself fixed by the ids (no sort: the flow does not
    # care, measured, and a sort of a county's 1.2M arcs costs a tenth of a second)
    preferred = np.zeros(len(need), dtype=bool)
    if ix.preferred and len(need):
        pkeys = np.array(
            sorted(a * m + b for a, bs in ix.preferred.items() for b in bs), dtype=np.int64
        )
        preferred = np.isin(need * m + provider, pkeys)

    pinned = np.zeros(len(need), dtype=bool)
    if ix.pinned_amount and len(need):
        pin_keys = np.array(sorted(a * m + b for a, b in ix.pinned_amount), dtype=np.int64)
        pinned = np.isin(need * m + provider, pin_keys)

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
