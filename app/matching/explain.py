"""Why each pairing was made, and the binding reason each unserved need was left out.

An unserved need is explained by the first filter that left it with no
provider (category, skill, attributes, reach, clearance, forbidden pairs);
if providers were left, by their capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Candidates, Indexed, IntArray, offers
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
    def __init__(
        self,
        ix: Indexed,
        cand: Candidates,
        residual: IntArray,
        min_hosted_priority: IntArray,
        unproven_needs: set[int],
        unserved: np.ndarray,
    ) -> None:
        self.ix, self.cand = ix, cand
        self.residual = residual
        self.min_hosted = min_hosted_priority
        self.unproven = unproven_needs
        self._classes: dict[int, _ClassCheck] = {}
        self._hubs: dict[int, tuple[int, int, int]] = {}
        # direct arcs of unserved needs only, grouped by need
        arcs = np.flatnonzero(unserved[cand.need])
        arcs = arcs[np.argsort(cand.need[arcs], kind="stable")]
        self._arcs = arcs
        self._arc_start = np.searchsorted(cand.need[arcs], np.arange(ix.n_needs + 1))

    def _class(self, need: int) -> _ClassCheck:
        ix = self.ix
        c = int(ix.need_category[need])
        key = int(ix.need_class[need])
        hit = self._classes.get(key)
        if hit is None:
            if c < 0:
                hit = _ClassCheck(False, False, False)
            else:
                offering = np.flatnonzero(offers(ix, c))
                has = ix.provider_has[offering]
                skills_ok = ~np.any(ix.need_skills[need][None, :] & ~has, axis=1)
                all_ok = ~np.any(ix.need_wants[need][None, :] & ~has, axis=1)
                # a token no provider has is absent from the masks: check it apart
                n = ix.needs[need]
                known_skills = (
                    all(any(s in p.skills for p in ix.providers) for s in n.skills)
                    if ix.impossible[need]
                    else True
                )
                hit = _ClassCheck(
                    bool(len(offering)),
                    bool(skills_ok.any()) and known_skills,
                    bool(all_ok.any()) and not ix.impossible[need],
                )
            self._classes[key] = hit
        return hit

    def _hub_stats(self, hub: int) -> tuple[int, int, int]:
        """(largest free capacity, total free capacity, lowest hosted priority) of a hub."""
        hit = self._hubs.get(hub)
        if hit is None:
            provs = self.cand.hub_providers[hub]
            free = self.residual[provs]
            hit = (
                int(free.max(initial=0)),
                int(free.sum()),
                int(self.min_hosted[provs].min(initial=np.iinfo(np.int64).max)),
            )
            self._hubs[hub] = hit
        return hit

    def _capacity_state(self, need: int) -> tuple[int, int, int]:
        provs = self.cand.provider[self._arcs[self._arc_start[need] : self._arc_start[need + 1]]]
        provs = np.unique(provs)
        free = self.residual[provs]
        big, total = int(free.max(initial=0)), int(free.sum())
        low = int(self.min_hosted[provs].min(initial=np.iinfo(np.int64).max))
        hub = int(self.cand.hub_of_need[need])
        if hub >= 0:  # hub providers may repeat direct ones: totals are then an upper bound
            hb, ht, hl = self._hub_stats(hub)
            big, total, low = max(big, hb), total + ht, min(low, hl)
        return big, total, low

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
        big, total, low = self._capacity_state(need)
        fits = total >= remaining if n.splittable else big >= remaining
        if not fits and low >= n.priority:
            return Reason(ReasonCode.CAPACITY_FULL, details)
        return Reason(ReasonCode.INSUFFICIENT_CAPACITY, details)
