"""Great-circle geometry shared by candidate generation and the validator."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius

FloatArray = NDArray[np.float64]


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Great-circle distance in km (vectorised; the one formula everyone uses)."""
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin(dp / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    out: FloatArray = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(haversine_km(lat1, lon1, lat2, lon2))


def unit_vectors(lat: ArrayLike, lon: ArrayLike) -> FloatArray:
    """Points on the unit sphere: Euclidean chord length is monotone in arc length."""
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    lam = np.radians(np.asarray(lon, dtype=np.float64))
    cos_phi = np.cos(phi)
    out: FloatArray = np.stack(
        [cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)], axis=-1
    ).reshape(-1, 3)
    return out


def chord_for_km(radius_km: ArrayLike) -> FloatArray:
    """Chord on the unit sphere for an arc of radius_km (capped at the antipode)."""
    theta = np.minimum(np.asarray(radius_km, dtype=np.float64) / EARTH_RADIUS_KM, np.pi)
    out: FloatArray = 2.0 * np.sin(theta / 2.0)
    return out


def chord_to_km(chord: ArrayLike) -> FloatArray:
    """Great-circle km for a chord on the unit sphere (inverse of chord_for_km)."""
    c = np.clip(np.asarray(chord, dtype=np.float64) / 2.0, 0.0, 1.0)
    out: FloatArray = 2.0 * EARTH_RADIUS_KM * np.arcsin(c)
    return out
