"""Where a rep stands and whether that is at the customer: coordinates, map systems, distances.

Positions reach us in three systems. Browsers and phone GPS give WGS-84. Maps published in
mainland China shift it on purpose: AMap (高德) and Tencent use GCJ-02, Baidu adds its own shift
on top (BD-09); the three are a few hundred metres apart. Sparrow stores WGS-84 and the system a
point came from, so every distance is measured between two WGS-84 points; a location picked on a
Chinese map goes through `to_wgs84` first, and `from_wgs84` gives a map the numbers it expects.

Coordinates are floats, not Decimals: every conversion and distance runs through sin, cos and
atan2, which work on floats, and a float64 resolves a longitude to about 3 nanometres (1 ulp at
180° is 2.8e-14°) while a phone's fix is good to metres. A column may store numeric(9, 6)
(0.11 m) or a double; the model turns it into float at its edge (`clean_point` accepts Decimals).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import FieldProblem, InvalidInput
from saas.core.inputs import parse_decimal


@dataclass(frozen=True)
class Point:
    """A position in degrees: latitude north positive, longitude east positive."""

    latitude: float
    longitude: float


class CoordinateSystem(StrEnum):
    WGS84 = "wgs84"  # GPS, browsers, the packaged app's location API, OpenStreetMap
    GCJ02 = "gcj02"  # AMap (高德), Tencent maps, Apple and Google maps inside China
    BD09 = "bd09"  # Baidu maps (BD09LL, Baidu's latitude/longitude, not its Mercator metres)


class RangeVerdict(StrEnum):
    IN_RANGE = "in_range"
    OUT_OF_RANGE = "out_of_range"
    UNVERIFIABLE = "unverifiable"


# The rectangle every public implementation uses to decide "this is China, shift it"
# (eviltransform, coordtransform, PRCoords). It is a box, not a border: it also holds Mongolia,
# both Koreas, western Japan (Osaka, Fukuoka; Tokyo at 139.7°E is outside), Russia's Far East
# round Vladivostok, northern India, Nepal, Bhutan, Bangladesh, Myanmar, Laos, Vietnam, Thailand,
# Cambodia, the Philippines, Malaysia, Brunei and Singapore. A point there picked on a Chinese
# map is really WGS-84 (Baidu's SDK documents WGS-84 abroad) and conversion wrongly moves it by
# hundreds of metres, over a kilometre for BD-09. Hong Kong, Macao and Taiwan fall inside, as
# Baidu's SDK treats them. Sparrow's customers are in the mainland; a position from a phone
# abroad is WGS-84 and is never converted.
CHINA_MIN_LATITUDE = 0.8293
CHINA_MAX_LATITUDE = 55.8271
CHINA_MIN_LONGITUDE = 72.004
CHINA_MAX_LONGITUDE = 137.8347

# GCJ-02's offset is computed in metres on the Krasovsky 1940 ellipsoid (the old Beijing 54
# datum) and turned into degrees with it: semi-major axis a and first eccentricity squared e².
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323

# BD-09's shift on GCJ-02, from the leaked Baidu code every implementation copies.
_BD_X_PI = math.pi * 3000.0 / 180.0
_BD_DLAT = 0.006
_BD_DLON = 0.0065

# Inverses are found by iteration until the forward image is within 1e-9° of the target
# (0.11 mm in latitude, less in longitude): a WGS-84 point better than 1 mm, far inside the
# 0.01 m the tests hold it to. Inside the box each step shrinks the error at least 45-fold (the
# shifts' derivatives differ from the identity by at most 0.7 % for GCJ-02, 2.2 % for BD-09), so
# two or three steps do; the cap only bounds the loop.
_INVERSE_TOLERANCE_DEGREES = 1e-9
_INVERSE_MAX_STEPS = 10

# The mean Earth radius R1 = (2a + b) / 3 of WGS-84 (IUGG), in metres.
EARTH_MEAN_RADIUS_M = 6_371_008.8

MAX_ACCURACY_M = 100_000.0


def in_china_bounding_box(point: Point) -> bool:
    """Inside the rectangle where Chinese maps shift coordinates (see the note on its neighbours)."""
    return (
        CHINA_MIN_LATITUDE <= point.latitude <= CHINA_MAX_LATITUDE
        and CHINA_MIN_LONGITUDE <= point.longitude <= CHINA_MAX_LONGITUDE
    )


def to_wgs84(point: Point, system: CoordinateSystem) -> Point:
    """The WGS-84 position of `point`, given in `system`; exact to better than 1 mm.

    Outside the China box every system is WGS-84 (Baidu's SDK documents WGS-84 abroad too), so
    the point comes back as it is. The box is tested on the point as given.
    """
    system = CoordinateSystem(system)  # a model's CharField hands over a plain str
    if system == CoordinateSystem.WGS84 or not in_china_bounding_box(point):
        return point
    if system == CoordinateSystem.GCJ02:
        return _gcj02_to_wgs84(point)
    return _gcj02_to_wgs84(_bd09_to_gcj02(point))


def from_wgs84(point: Point, system: CoordinateSystem) -> Point:
    """The WGS-84 `point` as a map in `system` expects it (to show a stored location on AMap…)."""
    system = CoordinateSystem(system)
    if system == CoordinateSystem.WGS84 or not in_china_bounding_box(point):
        return point
    gcj = _wgs84_to_gcj02(point)
    if system == CoordinateSystem.GCJ02:
        return gcj
    return _gcj02_to_bd09(gcj)


def distance_meters(a: Point, b: Point) -> float:
    """The great-circle distance in metres (haversine on the mean Earth radius).

    A sphere is enough here: against the WGS-84 ellipsoid it errs by at most about 0.5 %, which
    is 5 m on a kilometre, while a phone's fix is off by 5-50 m and a check-in radius is some
    hundreds of metres. Haversine rather than the spherical law of cosines because it stays
    exact at short distances, where acos of a number next to 1 loses most of its digits.
    """
    lat_a, lat_b = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat_b - lat_a
    d_lon = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat_a) * math.cos(lat_b) * math.sin(d_lon / 2) ** 2
    # Rounding can push h a hair past 1 for antipodal points; asin would then raise.
    return 2 * EARTH_MEAN_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def range_verdict(distance_m: float, accuracy_m: float, radius_m: float) -> RangeVerdict:
    """Whether a check-in `distance_m` from the customer, with a fix of `accuracy_m`, is within
    the workspace's `radius_m`.

    The accuracy is the radius the device believes its true position lies within (browsers: at
    95 % confidence, per the W3C Geolocation spec; Android reports 68 %). The rep gets the
    benefit of that doubt:
    - `unverifiable` when accuracy > radius: the fix is too coarse to tell either way;
    - `out_of_range` when distance - accuracy > radius: even the nearest place the rep could be
      is beyond the radius;
    - `in_range` otherwise. Equality counts for the rep: accuracy == radius is still verifiable,
      distance - accuracy == radius is still in range.
    Negative or non-finite values are a caller's bug (inputs are cleaned before), not a verdict.
    """
    for name, value in (("distance_m", distance_m), ("accuracy_m", accuracy_m), ("radius_m", radius_m)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    if accuracy_m > radius_m:
        return RangeVerdict.UNVERIFIABLE
    if distance_m - accuracy_m > radius_m:
        return RangeVerdict.OUT_OF_RANGE
    return RangeVerdict.IN_RANGE


# Input from outside (the browser, the packaged app, a map picker): refused with a stable code.


def clean_latitude(value: Any, field: str = "latitude") -> float:
    """A finite latitude in [-90, 90] (a float, an int, a Decimal or its text); `latitude_invalid`."""
    number = _finite(value)
    if number is None or not -90.0 <= number <= 90.0:
        raise InvalidInput(
            _("The latitude must be a number from -90 to 90."), code="latitude_invalid", field=field
        )
    return number


def clean_longitude(value: Any, field: str = "longitude") -> float:
    """A finite longitude in [-180, 180]; `longitude_invalid`."""
    number = _finite(value)
    if number is None or not -180.0 <= number <= 180.0:
        raise InvalidInput(
            _("The longitude must be a number from -180 to 180."), code="longitude_invalid", field=field
        )
    return number


def clean_accuracy(value: Any, field: str = "accuracy") -> float:
    """A finite accuracy in metres, 0 to 100,000; `accuracy_invalid`.

    100 km is already a fix from a cell tower or an IP address; anything larger is a broken device.
    """
    number = _finite(value)
    if number is None or not 0.0 <= number <= MAX_ACCURACY_M:
        raise InvalidInput(
            _("The accuracy must be a number of metres from 0 to 100,000."),
            code="accuracy_invalid",
            field=field,
        )
    return number


def clean_point(
    latitude: Any, longitude: Any, *, latitude_field: str = "latitude", longitude_field: str = "longitude"
) -> Point:
    """A Point from outside; both coordinates are checked, and both problems reported at once."""
    problems: list[FieldProblem] = []
    lat = lon = 0.0
    try:
        lat = clean_latitude(latitude, latitude_field)
    except InvalidInput as exc:
        problems += exc.problems
    try:
        lon = clean_longitude(longitude, longitude_field)
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput(problems=problems)
    return Point(lat, lon)


def _finite(value: Any) -> float | None:
    # parse_decimal refuses booleans, NaN, Infinity and text that is no number; a Decimal too
    # large for a float still becomes inf, so the float is checked again.
    number = parse_decimal(value)
    if number is None:
        return None
    as_float = float(number)
    return as_float if math.isfinite(as_float) else None


# The conversions. The forward ones are the published formulas; each inverse is found by
# iterating the forward one, since neither has a closed form (the usual one-step
# "subtract the offset again" is off by up to 5 m).


def _wgs84_to_gcj02(point: Point) -> Point:
    # The offset in metres is a fixed polynomial-plus-sines of the distance from (35°N, 105°E),
    # turned into degrees with the lengths of a degree of latitude and of longitude there.
    x, y = point.longitude - 105.0, point.latitude - 35.0
    waves = 20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)
    d_lat_m = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + (waves + 20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y / 30.0 * math.pi)) * 2.0 / 3.0
    )
    d_lon_m = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + (waves + 20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    rad_lat = math.radians(point.latitude)
    w = 1.0 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    metres_per_degree_lat = math.radians(_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE) / (w * math.sqrt(w)))
    metres_per_degree_lon = math.radians(_KRASOVSKY_A / math.sqrt(w) * math.cos(rad_lat))
    return Point(
        point.latitude + d_lat_m / metres_per_degree_lat,
        point.longitude + d_lon_m / metres_per_degree_lon,
    )


def _gcj02_to_wgs84(point: Point) -> Point:
    # The offset at the GCJ point is within 5 m of the one at the WGS point: a good start.
    shifted = _wgs84_to_gcj02(point)
    start = Point(2 * point.latitude - shifted.latitude, 2 * point.longitude - shifted.longitude)
    return _invert(_wgs84_to_gcj02, point, start)


def _gcj02_to_bd09(point: Point) -> Point:
    x, y = point.longitude, point.latitude
    z = math.hypot(x, y) + 0.00002 * math.sin(y * _BD_X_PI)
    theta = math.atan2(y, x) + 0.000003 * math.cos(x * _BD_X_PI)
    return Point(z * math.sin(theta) + _BD_DLAT, z * math.cos(theta) + _BD_DLON)


def _bd09_to_gcj02(point: Point) -> Point:
    # The published reverse formula (up to 0.25 m off) is the start; iteration makes it exact.
    x, y = point.longitude - _BD_DLON, point.latitude - _BD_DLAT
    z = math.hypot(x, y) - 0.00002 * math.sin(y * _BD_X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _BD_X_PI)
    return _invert(_gcj02_to_bd09, point, Point(z * math.sin(theta), z * math.cos(theta)))


def _invert(forward: Callable[[Point], Point], target: Point, start: Point) -> Point:
    """The point `forward` maps onto `target`, by fixed-point iteration from `start`.

    Each step moves the guess by how far its image misses the target; this converges because
    both shifts are nearly translations (their derivatives are the identity within 2.2 %).
    """
    guess = start
    for _step in range(_INVERSE_MAX_STEPS):
        image = forward(guess)
        miss_lat = image.latitude - target.latitude
        miss_lon = image.longitude - target.longitude
        if abs(miss_lat) < _INVERSE_TOLERANCE_DEGREES and abs(miss_lon) < _INVERSE_TOLERANCE_DEGREES:
            break
        guess = Point(guess.latitude - miss_lat, guess.longitude - miss_lon)
    return guess
