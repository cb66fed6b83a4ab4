"""Tongxing matching engine: pure domain code (stdlib, NumPy/SciPy, OR-Tools).

from app.matching import Need, Provider, MatchProblem, solve
"""

from .model import (
    Assignment,
    MatchProblem,
    MatchResult,
    Need,
    Objective,
    Pin,
    Provider,
    Reason,
    ReasonCode,
    Status,
)
from .solver import solve
from .validate import validate

__all__ = [
    "Assignment",
    "MatchProblem",
    "MatchResult",
    "Need",
    "Objective",
    "Pin",
    "Provider",
    "Reason",
    "ReasonCode",
    "Status",
    "solve",
    "validate",
]
