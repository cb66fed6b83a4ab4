"""Why each pairing was made, and the binding reason each unserved need was left out.

An unserved need is explained by the first filter that left it with no
provider (category, skill, attributes, reach, clearance, forbidden pairs);
if providers were left, by their capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import BoolArray, Candidates, FloatArray, Indexed, IntArray, providers_with
from .model import Detail, Reason, ReasonCode


class AssignmentExplainer:
    """Reasons for pairings: codes and numbers only, the text is rendered on demand."""

    def __init__(self, ix: Indexed, cand: Candidates) -> None:
        self.ix, self.cand = ix, cand

    def reasons(
        self,
        needs: IntArray,
        amounts: IntArray,
        km: FloatArray,
        pinned_amounts: IntArray,
        preferred: BoolArray,
    ) -> list[Reason]:
        ix = self.ix
        lists: dict[int, tuple[list[str], list[str]]] = {}
        codes = np.where(pinned_amounts > 0, 0, np.where(preferred, 1, 2)).tolist()
        names = (ReasonCode.PINNED, ReasonCode.PREFERRED_KEPT, ReasonCode.BEST_MATCH)
        others = np.maximum(self.cand.feasible[needs] - 1, 0).tolist()
        out: list[Reason] = []
        for n, kind, x, d, pa, code, other in zip(
            needs.tolist(),
            ix.need_class[needs].tolist(),
            amounts.tolist(),
            np.round(km, 3).tolist(),
            pinned_amounts.tolist(),
            codes,
            others,
            strict=True,
        ):
            need = ix.needs[n]
            hit = lists.get(kind)
            if hit is None:
                hit = (sorted(need.skills), sorted(need.requires))
                lists[kind] = hit
            out.append(
                Reason(
                    names[code],
                    {
                        "distance_km": d,
                        "skills_matched": hit[0],
                        "attributes_matched": hit[1],
                        "priority": need.priority,
                        "other_feasible_providers": other,
                        "amount": x,
                        "pinned_amount": pa,
                        "remote": not need.in_person,
                    },
                )
            )
        return out


@dataclass
class _ClassCheck:
    offered: bool
    skilled: bool
    attributed: bool


class UnservedExplainer:
    """The binding reason per unserved need; the capacity figures are computed for all of
    them at once (arrays over their arcs and hubs), not need by need."""

    def __init__(
        self,
        ix: Indexed,
        cand: Candidates,
        residual: IntArray,
        min_hosted_priority: IntArray,
        unproven_needs: set[int],
        unserved: BoolArray,
    ) -> None:
        self.ix, self.cand = ix, cand
        self.residual = residual
        self.unproven = unproven_needs
        self._classes: dict[int, _ClassCheck] = {}
        self._skilled: dict[tuple[int, tuple[int, ...]], bool] = {}
        n = ix.n_needs
        big_int = np.iinfo(np.int64).max
        # direct arcs of unserved needs: largest and total free capacity, lowest hosted priority
        arcs = np.flatnonzero(unserved[cand.need])
        an, ap = cand.need[arcs], cand.provider[arcs]
        free = residual[ap]
        self.big = np.zeros(n, dtype=np.int64)
        np.maximum.at(self.big, an, free)
        self.total = np.bincount(an, weights=free, minlength=n).astype(np.int64)
        self.low = np.full(n, big_int, dtype=np.int64)
        np.minimum.at(self.low, an, min_hosted_priority[ap])
        # hubs: the same per hub, then added to their unserved needs (hub providers may
        # repeat direct ones: totals are then an upper bound)
        h = len(cand.hub_providers)
        if h:
            sizes = np.fromiter((len(x) for x in cand.hub_providers), dtype=np.int64, count=h)
            hp = np.concatenate(cand.hub_providers)
            hid = np.repeat(np.arange(h, dtype=np.int64), sizes)
            hfree = residual[hp]
            hub_big = np.zeros(h, dtype=np.int64)
            np.maximum.at(hub_big, hid, hfree)
            hub_total = np.bincount(hid, weights=hfree, minlength=h).astype(np.int64)
            hub_low = np.full(h, big_int, dtype=np.int64)
            np.minimum.at(hub_low, hid, min_hosted_priority[hp])
            on_hub = np.flatnonzero(unserved & (cand.hub_of_need >= 0))
            hub = cand.hub_of_need[on_hub]
            self.big[on_hub] = np.maximum(self.big[on_hub], hub_big[hub])
            self.total[on_hub] += hub_total[hub]
            self.low[on_hub] = np.minimum(self.low[on_hub], hub_low[hub])

    def _providers_of(self, need: int) -> IntArray:
        provs = self.cand.provider[self.cand.arcs_of(need)]
        hub = int(self.cand.hub_of_need[need])
        if hub >= 0:
            provs = np.union1d(provs, self.cand.hub_providers[hub])
        return provs

    def _class(self, need: int) -> _ClassCheck:
        ix = self.ix
        key = int(ix.need_class[need])
        hit = self._classes.get(key)
        if hit is None:
            c = int(ix.kind_category[key])
            if c < 0:
                hit = _ClassCheck(False, False, False)
            else:
                skills = ix.kind_skill_tokens[key]
                skill_key = (c, tuple(skills.tolist()))
                known = self._skilled.get(skill_key)
                if known is None:  # shared by every kind of the category with those skills
                    known = bool(len(providers_with(ix, c, skills)))
                    self._skilled[skill_key] = known
                skilled = not ix.kind_unknown_skill[key] and known
                attributed = not ix.impossible[need] and bool(
                    len(providers_with(ix, c, ix.kind_tokens[key]))
                )
                hit = _ClassCheck(bool(len(ix.category_providers[c])), skilled, attributed)
            self._classes[key] = hit
        return hit

    def reasons(self, needs: IntArray, covered: IntArray) -> list[Reason]:
        """The reason of each of `needs` (unserved), `covered` being what it got. The code
        is chosen with arrays; only the Reason objects are built one by one."""
        ix, cand = self.ix, self.cand
        if len(needs) == 0:
            return []
        feasible = cand.feasible[needs]
        remaining = ix.remaining_load[needs]
        kinds = ix.need_class[needs]
        uk, inv = np.unique(kinds, return_inverse=True)
        first = np.zeros(len(uk), dtype=np.int64)
        first[inv[::-1]] = needs[::-1]  # a need of each kind
        checks = [self._class(int(n)) for n in first.tolist()]
        offered = np.array([c.offered for c in checks], dtype=bool)[inv]
        skilled = np.array([c.skilled for c in checks], dtype=bool)[inv]
        attributed = np.array([c.attributed for c in checks], dtype=bool)[inv]
        splittable = np.array([ix.needs[n].splittable for n in needs.tolist()], dtype=bool)
        fits = np.where(splittable, self.total[needs], self.big[needs]) >= remaining
        # a splittable need that fits only in parts below its smallest part
        too_small = np.zeros(len(needs), dtype=bool)
        for i in np.flatnonzero(splittable & fits & (feasible > 0)).tolist():
            n = int(needs[i])
            t = min(ix.needs[n].min_part, int(remaining[i]))
            if t > 1:
                free = self.residual[self._providers_of(n)]
                too_small[i] = int(free[free >= t].sum()) < int(remaining[i])
        unproven = np.zeros(len(needs), dtype=bool)
        if self.unproven:
            unproven = np.isin(needs, np.fromiter(self.unproven, dtype=np.int64))
        uncleared = cand.uncleared_in_reach[needs]
        order = [  # (condition, code), the first that holds wins
            (feasible == 0) & ~offered,
            (feasible == 0) & ~skilled,
            (feasible == 0) & ~attributed,
            (feasible == 0) & (cand.forbidden_removed[needs] > 0),
            (feasible == 0) & ix.in_person[needs] & (uncleared > 0),
            feasible == 0,
            unproven,
            too_small,
            ~fits & (self.low[needs] >= ix.priority[needs]),
        ]
        codes = np.select(order, np.arange(len(order)), default=len(order)).tolist()
        names = (
            ReasonCode.NO_PROVIDER_FOR_CATEGORY,
            ReasonCode.NO_PROVIDER_WITH_SKILL,
            ReasonCode.NO_PROVIDER_WITH_ATTRIBUTES,
            ReasonCode.FORBIDDEN,
            ReasonCode.NONE_CLEARED,
            ReasonCode.NONE_WITHIN_REACH,
            ReasonCode.NOT_PROVEN,
            ReasonCode.PARTS_TOO_SMALL,
            ReasonCode.CAPACITY_FULL,
            ReasonCode.INSUFFICIENT_CAPACITY,
        )
        out: list[Reason] = []
        for n, code, cov, rem, fe, unc in zip(
            needs.tolist(),
            codes,
            covered.tolist(),
            remaining.tolist(),
            feasible.tolist(),
            uncleared.tolist(),
            strict=True,
        ):
            need = ix.needs[n]
            details: dict[str, Detail] = {
                "priority": need.priority,
                "load": need.load,
                "covered": cov,
                "remaining": rem,
                "category": need.category,
                "feasible_providers": fe,
            }
            if code in (1, 2):
                details["skills"] = sorted(need.skills)
            if code == 2:
                details["requires"] = sorted(need.requires)
            if code == 4:
                details["uncleared_in_reach"] = unc
            if code == 7:
                details["min_part"] = need.min_part
            out.append(Reason(names[code], details))
        return out
