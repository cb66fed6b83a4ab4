"""Why each pairing was made, and the binding reason each unserved need was left out.

An unserved need is explained by the first filter that left it with no
provider (category, skill, attributes, reach, clearance, forbidden pairs);
if providers were left, by their capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Candidates, Indexed, IntArray, offers
from .model import Reason, ReasonCode


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def assignment_reason(
    ix: Indexed,
    cand: Candidates,
    need: int,
    provider: int,
    amount: int,
    km: float,
    pinned: bool,
    preferred: bool,
    feasible: int,
) -> Reason:
    n = ix.needs[need]
    others = max(0, feasible - 1)
    skills = sorted(n.skills) if n.skills else []
    details: dict[str, object] = {
        "distance_km": round(km, 3),
        "skills_matched": skills,
        "attributes_matched": sorted(n.requires) if n.requires else [],
        "priority": n.priority,
        "other_feasible_providers": others,
        "amount": amount,
        "remote": not n.in_person,
    }
    where = f"{km:.1f} km away" if n.in_person else "remote service"
    has = f"has the skills {', '.join(skills)}; " if skills else ""
    if pinned:
        return Reason(
            ReasonCode.PINNED,
            f"Approved by a coordinator and kept: {where}, priority {n.priority}.",
            details,
        )
    if preferred:
        return Reason(
            ReasonCode.PREFERRED_KEPT,
            f"Kept from the previous proposal at no loss of priority: {where}; "
            f"{has}priority {n.priority}; "
            f"{_plural(others, 'other feasible provider')}.",
            details,
        )
    return Reason(
        ReasonCode.BEST_MATCH,
        f"Part of the optimal plan: {where}; {has}priority {n.priority}; "
        f"{_plural(others, 'other feasible provider')}.",
        details,
    )


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
        details: dict[str, object] = {"priority": n.priority, "load": n.load, "covered": covered}
        feasible = int(cand.feasible[need])
        details["feasible_providers"] = feasible
        if feasible == 0:  # the first filter that left nobody is the binding one
            cls = self._class(need)
            if not cls.offered:
                return Reason(
                    ReasonCode.NO_PROVIDER_FOR_CATEGORY,
                    f"No provider offers the category '{n.category}'.",
                    details,
                )
            if not cls.skilled:
                return Reason(
                    ReasonCode.NO_PROVIDER_WITH_SKILL,
                    f"No provider of '{n.category}' has all the required skills "
                    f"({', '.join(sorted(n.skills))}).",
                    details,
                )
            if not cls.attributed:
                return Reason(
                    ReasonCode.NO_PROVIDER_WITH_ATTRIBUTES,
                    f"No provider of '{n.category}' with the skills meets the "
                    f"requirements ({', '.join(sorted(n.requires))}).",
                    details,
                )
            if int(cand.forbidden_removed[need]) > 0:
                return Reason(
                    ReasonCode.FORBIDDEN,
                    "Every provider that could serve it was rejected for it by a coordinator.",
                    details,
                )
            if n.in_person and int(cand.uncleared_in_reach[need]) > 0:
                details["uncleared_in_reach"] = int(cand.uncleared_in_reach[need])
                return Reason(
                    ReasonCode.NONE_CLEARED,
                    f"{_plural(int(cand.uncleared_in_reach[need]), 'provider')} within "
                    "reach could serve it, but none is cleared for in-person work.",
                    details,
                )
            return Reason(
                ReasonCode.NONE_WITHIN_REACH,
                "No suitable provider is within reach: every one is farther than "
                "its own travel radius.",
                details,
            )
        if need in self.unproven:
            return Reason(
                ReasonCode.NOT_PROVEN,
                "Not served in the best plan found within the time limit; a better "
                "plan may serve it.",
                details,
            )
        big, total, low = self._capacity_state(need)
        remaining = int(ix.remaining_load[need])
        fits = total >= remaining if n.splittable else big >= remaining
        if not fits and low >= n.priority:
            return Reason(
                ReasonCode.CAPACITY_FULL,
                f"All {_plural(feasible, 'provider')} that could serve it are full "
                "with approved pairings or needs of higher or equal priority.",
                details,
            )
        return Reason(
            ReasonCode.INSUFFICIENT_CAPACITY,
            f"Its load of {remaining} units does not fit in what the "
            f"{_plural(feasible, 'provider')} that could serve it have left without "
            "dropping needs of more total priority.",
            details,
        )
