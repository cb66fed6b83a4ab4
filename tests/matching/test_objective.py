"""The lexicographic weights: separation, coarsening, and failing loudly."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching.objective import choose_weights


def test_weights_separate_the_terms() -> None:
    w = choose_weights(
        priorities=np.array([1, 5, 9]), max_distance_km=30.0, k=3, n_preferred=2, n_nodes=10
    )
    spread = w.k * w.c_max
    assert w.w_preferred > spread  # one preferred pair beats any distance change
    assert w.d_priority > w.w_preferred * 2 + spread  # one priority unit beats both
    assert w.unit_m == 1


def test_large_component_coarsens_distance_unit() -> None:
    w = choose_weights(
        priorities=np.full(200_000, 109),
        max_distance_km=30.0,
        k=200_000,
        n_preferred=50_000,
        n_nodes=250_000,
    )
    assert w.unit_m > 1


def test_overflow_fails_loudly() -> None:
    with pytest.raises(OverflowError):
        choose_weights(
            priorities=np.array([2**60]), max_distance_km=1.0, k=10, n_preferred=10, n_nodes=100
        )
