"""Great-circle distance between points on a spherical Earth, vectorised.

Uses the haversine formula with the IUGG mean Earth radius (6371.0088 km). On the WGS 84
ellipsoid true geodesic distances differ from these by at most about 0.5%, which is well
inside what a "distance between capitals" measure needs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["EARTH_RADIUS_KM", "great_circle_km"]

EARTH_RADIUS_KM = 6371.0088
"""IUGG mean Earth radius R1, in kilometres."""


def great_circle_km(
    lat1: ArrayLike, lng1: ArrayLike, lat2: ArrayLike, lng2: ArrayLike
) -> np.ndarray:
    """Great-circle distance in km between (lat1, lng1) and (lat2, lng2), in degrees.

    Inputs broadcast against each other; NaN in any input gives NaN.
    """
    phi1, lam1, phi2, lam2 = (
        np.radians(np.asarray(x, dtype="float64")) for x in (lat1, lng1, lat2, lng2)
    )
    half = (
        np.sin((phi2 - phi1) / 2.0) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2.0) ** 2
    )
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))
