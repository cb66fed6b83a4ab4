"""Why a pairing was proposed, why a need was left open, what a run did: stored as codes
and numbers, rendered here in the reader's language (zh_CN unless `Accept-Language: en`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext, lazy_gettext, ngettext

# code -> sentence; `{placeholders}` come from the stored details
_REASONS = {
    "pinned": lazy_gettext("Approved by a coordinator and kept."),
    "best_match": lazy_gettext("Part of the best plan for the whole area: {where}."),
    "preferred_kept": lazy_gettext(
        "Kept from the last proposal, as no better plan needs the change: {where}."
    ),
    "no_provider_for_category": lazy_gettext("No provider offers this kind of help."),
    "no_provider_with_skill": lazy_gettext(
        "No provider of this kind of help has the skills it needs ({skills})."
    ),
    "no_provider_with_attributes": lazy_gettext(
        "No provider of this kind of help meets its requirements "
        "(gender, language, goods item or purpose of funds)."
    ),
    "none_within_reach": lazy_gettext(
        "No suitable provider is within reach: each is farther than it travels or delivers."
    ),
    "none_cleared": lazy_gettext(
        "Providers within reach could serve it ({uncleared_in_reach}), but none has a "
        "cleared background check for in-person work."
    ),
    "forbidden": lazy_gettext(
        "Every provider that could serve it was rejected for it or declined it."
    ),
    "capacity_full": lazy_gettext(
        "The providers that could serve it ({feasible_providers}) have no places left: "
        "approved pairings or needs of equal or higher priority take them."
    ),
    "insufficient_capacity": lazy_gettext(
        "What the providers that could serve it ({feasible_providers}) have left does not "
        "cover its {load} units without leaving out needs of more priority."
    ),
    "parts_too_small": lazy_gettext(
        "It would fit only in parts smaller than its smallest part ({min_part} units)."
    ),
    "not_proven": lazy_gettext(
        "Not served in the best plan found within the time limit; a better plan may serve it."
    ),
    "decided_during_run": lazy_gettext(
        "A coordinator decided on this need while the run was working; the decision stands."
    ),
    "rejected_during_run": lazy_gettext(
        "A pairing proposed for it was rejected while the run was working."
    ),
    "capacity_taken_meanwhile": lazy_gettext(
        "Another area's run took the last places of its providers meanwhile."
    ),
    "need_no_longer_open": lazy_gettext("The need is no longer open for matching."),
    "better_pairing_found": lazy_gettext("A better pairing was found for the whole area."),
}


def _where(details: Mapping[str, Any]) -> str:
    if details.get("remote"):
        return gettext("remote or delivered help")
    km = details.get("distance_km")
    if km is None:
        return gettext("in person")
    return gettext("%(km).1f km away", km=float(km))


def render(code: str | None, details: Mapping[str, Any] | None = None) -> str | None:
    """The sentence for a reason code, in the request's language."""
    if code is None:
        return None
    template = _REASONS.get(code)
    if template is None:
        return code
    values: dict[str, Any] = {k: v for k, v in (details or {}).items() if v is not None}
    values["where"] = _where(values)
    if isinstance(values.get("skills"), list):
        values["skills"] = "、".join(values["skills"])
    values.setdefault("skills", "")
    for key in ("uncleared_in_reach", "feasible_providers", "load", "min_part"):
        values.setdefault(key, "?")
    try:
        return str(template).format(**values)
    except (KeyError, IndexError, ValueError):
        return str(template)


def explanation(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """A proposal's stored explanation with its sentence: {code, message, details}."""
    stored = stored or {}
    details = dict(stored.get("details") or {})
    code = stored.get("code")
    return {
        "code": code,
        "message": render(code, details),
        "details": details,
        "others": details.get("other_feasible_providers"),
    }


def run_summary(figures: Mapping[str, Any] | None, status: str, error_code: str | None) -> str:
    """One line on what a run did."""
    figures = figures or {}
    if status == "queued":
        return gettext("Waiting for a worker.")
    if status == "running":
        return gettext("Running.")
    if status == "failed":
        return gettext("The run failed; nothing was written (%(code)s).", code=error_code or "")
    proposals = int(figures.get("proposals", 0))
    open_needs = int(figures.get("open_needs", 0))
    served = int(figures.get("served_needs", 0))
    left = sum(int(v) for v in (figures.get("unserved_by_reason") or {}).values())
    return ngettext(
        "%(num)d pairing proposed for %(served)d of %(open)d open needs; %(left)d left open.",
        "%(num)d pairings proposed for %(served)d of %(open)d open needs; %(left)d left open.",
        proposals,
        served=served,
        open=open_needs,
        left=left,
    )
