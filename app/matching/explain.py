"""Why each pairing was made, and the binding reason each unserved need was left out.

An unserved need is explained by the first filter that left it with no
provider (category, skill, attributes, reach, clearance, forbidden pairs);
if providers were left, by their capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import BoolArray, Candidates, Indexed, IntArray, providers_with
from .model import Detail, Reason, ReasonCode


class AssignmentExplainer:
    """Reasons for pairings: codes and numbers only, the text is rendered on demand."""

    def __init__(self, ix: Indexed, cand: Candidates) -> None:
        self.ix, self.cand = ix, cand
        self._lists: dict[int, tuple[list[str], list[str]]] = {}

    def _kind(self, need: int) -> tuple[list[str], list[str]]:
        kind = int(self.ix.need_class[need])
        hit = self._lists.get(kind)
        if hit is None:
            n = self.ix.needs[need]
            hit = (sorted(n.skills), sorted(n.requires))
            self._lists[kind] = hit
        return hit

    def reason(
        self, need: int, amount: int, km: float, pinned_amount: int, preferred: bool
    ) -> Reason:
        n = self.ix.needs[need]
        skills, requires = self._kind(need)
        details: dict[str, Detail] = {
            "distance_km": round(km, 3),
            "skills_matched": skills,
            "attributes_matched": requires,
            "priority": n.priority,
            "other_feasible_providers": max(0, int(self.cand.feasible[need]) - 1),
            "amount": amount,
            "pinned_amount": pinned_amount,
            "remote": not n.in_person,
        }
        if pinned_amount:
            return Reason(ReasonCode.PINNED, details)
        if preferred:
            return Reason(ReasonCode.PREFERRED_KEPT, details)
        return Reason(ReasonCode.BEST_MATCH, details)


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

    def reason(self, need: int, covered: int) -> Reason:
        ix, cand = self.ix, self.cand
        n = ix.needs[need]
        feasible = int(cand.feasible[need])
        remaining = int(ix.remaining_load[need])
        details: dict[str, Detail] = {
            "priority": n.priority,
            "load": n.load,
            "covered": covered,
            "remaining": remaining,
            "category": n.category,
            "feasible_providers": feasible,
        }
        if feasible == 0:  # the first filter that left nobody is the binding one
            cls = self._class(need)
            if not cls.offered:
                return Reason(ReasonCode.NO_PROVIDER_FOR_CATEGORY, details)
            if not cls.skilled:
                details["skills"] = sorted(n.skills)
                return Reason(ReasonCode.NO_PROVIDER_WITH_SKILL, details)
            if not cls.attributed:
                details["skills"] = sorted(n.skills)
                details["requires"] = sorted(n.requires)
                return Reason(ReasonCode.NO_PROVIDER_WITH_ATTRIBUTES, details)
            if int(cand.forbidden_removed[need]) > 0:
                return Reason(ReasonCode.FORBIDDEN, details)
            if n.in_person and int(cand.uncleared_in_reach[need]) > 0:
                details["uncleared_in_reach"] = int(cand.uncleared_in_reach[need])
                return Reason(ReasonCode.NONE_CLEARED, details)
            return Reason(ReasonCode.NONE_WITHIN_REACH, details)
        if need in self.unproven:
            return Reason(ReasonCode.NOT_PROVEN, details)
        big, total, low = int(self.big[need]), int(self.total[need]), int(self.low[need])
        fits = total >= remaining if n.splittable else big >= remaining
        if not fits and low >= n.priority:
            return Reason(ReasonCode.CAPACITY_FULL, details)
        return Reason(ReasonCode.INSUFFICIENT_CAPACITY, details)
