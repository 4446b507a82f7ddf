"""Check-in geometry (issue 14, field sales): map systems converted to WGS-84 and back, distances,
the in-range rule, and the refusal of impossible coordinates (saas/fieldsales/geo.py)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from saas.core.errors import InvalidInput
from saas.fieldsales.geo import (
    CHINA_MAX_LATITUDE,
    CHINA_MAX_LONGITUDE,
    CHINA_MIN_LATITUDE,
    CHINA_MIN_LONGITUDE,
    CoordinateSystem,
    Point,
    RangeVerdict,
    clean_accuracy,
    clean_latitude,
    clean_longitude,
    clean_point,
    distance_meters,
    from_wgs84,
    in_china_bounding_box,
    range_verdict,
    to_wgs84,
)
from saas.locale.zh_fieldsales import ZH

WGS84, GCJ02, BD09 = CoordinateSystem.WGS84, CoordinateSystem.GCJ02, CoordinateSystem.BD09

# Reference pairs published by two independent implementations, as (WGS-84, GCJ-02):
# - googollee/eviltransform, go/transform_test.go and python/test.py (Shanghai, Shenzhen, Beijing);
# - wandergis/coordtransform, README.md: wgs84togcj02(116.404, 39.915) (it writes lng, lat).
# The formula's constants (Krasovsky a = 6378245, e² = 0.00669342162296594323) are the same in
# both and in Artoria2e5/PRCoords py/prcoords.py; eviltransform's code today uses 6378137
# (its issue #44), which moves a point by about 1 cm, but its test values match 6378245.
GCJ_REFERENCES = [
    (Point(31.1774276, 121.5272106), Point(31.17530398364597, 121.531541859215)),
    (Point(22.543847, 113.912316), Point(22.540796131694766, 113.9171764808363)),
    (Point(39.911954, 116.377817), Point(39.91334545536069, 116.38404722455657)),
    (Point(39.915, 116.404), Point(39.91640428150164, 116.41024449916938)),
]

# Tiananmen, as the issue quotes it to five decimals. eviltransform (wgs2gcj) and
# coordTransform_py (wgs84togcj02), run on the WGS point, both give (39.9101235, 116.4037236);
# the five-decimal pair is therefore about 0.5 m apart, within the metre the issue allows.
TIANANMEN_WGS = Point(39.90872, 116.39748)
TIANANMEN_GCJ = Point(39.91012, 116.40372)

# wandergis/coordtransform README.md: gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021].
# (eviltransform's python/test.py BD-09 pairs predate its fix of Baidu's constant, issue #43,
# and are 10-40 m off every current implementation, so they are not used.)
BD_REFERENCE_GCJ = Point(39.915, 116.404)
BD_REFERENCE_BD = Point(39.92133699351021, 116.41036949371029)

CITIES = {
    "Hangzhou": Point(30.2741, 120.1551),
    "Urumqi": Point(43.8256, 87.6168),
    "Harbin": Point(45.8038, 126.5350),
    "Sanya": Point(18.2528, 109.5119),
    "Beijing": TIANANMEN_WGS,
}

ABROAD = {
    "Tokyo": Point(35.6762, 139.6503),
    "London": Point(51.5074, -0.1278),
    "Sydney": Point(-33.8688, 151.2093),
    "San Francisco": Point(37.7749, -122.4194),
}


# Conversions


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_REFERENCES)
def test_wgs84_to_gcj02_matches_the_published_pairs(wgs: Point, gcj: Point) -> None:
    assert distance_meters(from_wgs84(wgs, GCJ02), gcj) < 0.01


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_REFERENCES)
def test_gcj02_to_wgs84_is_exact_not_the_one_step_approximation(wgs: Point, gcj: Point) -> None:
    # The one-step inverse ("subtract the offset found at the GCJ point") misses by metres;
    # eviltransform's own iterated inverse promises 0.5 m. Ours is held to 1 cm.
    assert distance_meters(to_wgs84(gcj, GCJ02), wgs) < 0.01


def test_tiananmen_within_a_metre_both_ways() -> None:
    assert distance_meters(from_wgs84(TIANANMEN_WGS, GCJ02), TIANANMEN_GCJ) < 1.0
    assert distance_meters(to_wgs84(TIANANMEN_GCJ, GCJ02), TIANANMEN_WGS) < 1.0
    # …and the shift it undoes is the few hundred metres that would fail a check-in.
    assert 500 < distance_meters(TIANANMEN_WGS, TIANANMEN_GCJ) < 600


def test_bd09_matches_the_published_pair_through_wgs84() -> None:
    # A point Baidu would show at BD_REFERENCE_BD is the same WGS-84 place AMap shows at
    # BD_REFERENCE_GCJ: converting either to WGS-84 lands on one spot, and back out to BD-09
    # gives the published numbers.
    wgs = to_wgs84(BD_REFERENCE_GCJ, GCJ02)
    assert distance_meters(to_wgs84(BD_REFERENCE_BD, BD09), wgs) < 0.01
    assert distance_meters(from_wgs84(wgs, BD09), BD_REFERENCE_BD) < 0.01


def test_bd09_of_tiananmen() -> None:
    # coordTransform_py (wgs84togcj02 then gcj02tobd09), run on TIANANMEN_WGS.
    assert (
        distance_meters(from_wgs84(TIANANMEN_WGS, BD09), Point(39.91646281121787, 116.41009654357727)) < 0.01
    )


@pytest.mark.parametrize("name", CITIES)
@pytest.mark.parametrize("system", [GCJ02, BD09])
def test_round_trips_across_china(name: str, system: CoordinateSystem) -> None:
    wgs = CITIES[name]
    shown = from_wgs84(wgs, system)
    assert distance_meters(wgs, shown) > 200  # a real shift, so the round trip proves something
    assert distance_meters(to_wgs84(shown, system), wgs) < 0.01


# The box less 0.02° on every side: the largest shift (BD-09 at the box's north edge) is 0.0173°,
# so a point and its shifted image are on the same side of the box's edge. Within that sliver a
# conversion tests the box on the point it is given, and a round trip may not come back.
_inside_box = st.builds(
    Point,
    st.floats(CHINA_MIN_LATITUDE + 0.02, CHINA_MAX_LATITUDE - 0.02),
    st.floats(CHINA_MIN_LONGITUDE + 0.02, CHINA_MAX_LONGITUDE - 0.02),
)


@given(wgs=_inside_box, system=st.sampled_from([GCJ02, BD09]))
def test_every_round_trip_inside_the_box_comes_back_within_a_centimetre(
    wgs: Point, system: CoordinateSystem
) -> None:
    assert distance_meters(to_wgs84(from_wgs84(wgs, system), system), wgs) < 0.01


@given(shown=_inside_box, system=st.sampled_from([GCJ02, BD09]))
def test_a_map_point_converted_and_shown_again_is_where_it_was(
    shown: Point, system: CoordinateSystem
) -> None:
    assert distance_meters(from_wgs84(to_wgs84(shown, system), system), shown) < 0.01


@pytest.mark.parametrize("name", ABROAD)
@pytest.mark.parametrize("system", list(CoordinateSystem))
def test_outside_china_every_system_is_wgs84(name: str, system: CoordinateSystem) -> None:
    point = ABROAD[name]
    assert to_wgs84(point, system) == point
    assert from_wgs84(point, system) == point


@pytest.mark.parametrize("name", CITIES)
def test_wgs84_is_never_moved(name: str) -> None:
    assert to_wgs84(CITIES[name], WGS84) == CITIES[name]
    assert from_wgs84(CITIES[name], WGS84) == CITIES[name]


def test_the_system_may_come_as_the_text_a_column_stores() -> None:
    assert from_wgs84(TIANANMEN_WGS, "gcj02") == from_wgs84(TIANANMEN_WGS, GCJ02)  # type: ignore[arg-type]
    assert to_wgs84(BD_REFERENCE_BD, "bd09") == to_wgs84(BD_REFERENCE_BD, BD09)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_wgs84(TIANANMEN_GCJ, "bd09mc")  # type: ignore[arg-type]


def test_the_china_box_is_a_box_and_holds_neighbours_too() -> None:
    assert in_china_bounding_box(CITIES["Urumqi"]) and in_china_bounding_box(CITIES["Sanya"])
    # The documented flaw: Seoul and Singapore are inside, and would be shifted.
    assert in_china_bounding_box(Point(37.5665, 126.9780))
    assert in_china_bounding_box(Point(1.3521, 103.8198))
    assert not in_china_bounding_box(ABROAD["Tokyo"])
    # Edges are inside.
    assert in_china_bounding_box(Point(CHINA_MIN_LATITUDE, CHINA_MAX_LONGITUDE))
    assert not in_china_bounding_box(Point(CHINA_MAX_LATITUDE + 1e-9, 100.0))


# Distances


def test_one_degree_of_latitude_is_111195_metres() -> None:
    # π/180 × 6,371,008.8 m, anywhere on the sphere.
    assert distance_meters(Point(0, 0), Point(1, 0)) == pytest.approx(111_195.08, abs=0.01)
    assert distance_meters(Point(45, 10), Point(46, 10)) == pytest.approx(111_195.08, abs=0.01)
    # One degree of longitude shrinks with the cosine of the latitude.
    assert distance_meters(Point(60, 10), Point(60, 11)) == pytest.approx(111_195.08 / 2, rel=1e-4)


def test_hangzhou_west_lake_to_hangzhou_east_station() -> None:
    # Broken Bridge on West Lake (approx. 30.2585, 120.1515) to Hangzhou East railway station
    # (approx. 30.2905, 120.2131). GeographicLib's geodesic on the WGS-84 ellipsoid
    # (Geodesic.WGS84.Inverse) gives 6,907.6 m for these two points; the sphere is 0.06 % short.
    distance = distance_meters(Point(30.2585, 120.1515), Point(30.2905, 120.2131))
    assert distance == pytest.approx(6_903.2, abs=0.1)
    assert abs(distance - 6_907.6) / 6_907.6 < 0.005


def test_distance_is_exact_at_a_metre_symmetric_and_safe_at_the_antipode() -> None:
    a = Point(30.2741, 120.1551)
    one_metre_north = Point(a.latitude + 1 / 111_195.08, a.longitude)
    assert distance_meters(a, one_metre_north) == pytest.approx(1.0, abs=1e-6)
    assert distance_meters(a, a) == 0.0
    b = CITIES["Harbin"]
    assert distance_meters(a, b) == distance_meters(b, a)
    assert distance_meters(Point(0, 0), Point(0, 180)) == pytest.approx(math.pi * 6_371_008.8)
    assert distance_meters(Point(90, 0), Point(-90, 0)) == pytest.approx(math.pi * 6_371_008.8)


# The in-range rule


@pytest.mark.parametrize(
    ("distance", "accuracy", "radius", "verdict"),
    [
        (0, 0, 0, RangeVerdict.IN_RANGE),
        (120, 20, 300, RangeVerdict.IN_RANGE),
        # distance - accuracy exactly the radius: still in range (the rep gets the doubt).
        (350, 50, 300, RangeVerdict.IN_RANGE),
        (350.001, 50, 300, RangeVerdict.OUT_OF_RANGE),
        (1_000, 0, 300, RangeVerdict.OUT_OF_RANGE),
        # accuracy exactly the radius: still verifiable.
        (600, 300, 300, RangeVerdict.IN_RANGE),
        (600.5, 300, 300, RangeVerdict.OUT_OF_RANGE),
        # accuracy worse than the radius: unverifiable, however near or far the fix says it is.
        (0, 300.001, 300, RangeVerdict.UNVERIFIABLE),
        (50_000, 1_000, 300, RangeVerdict.UNVERIFIABLE),
        (0, 1, 0, RangeVerdict.UNVERIFIABLE),
    ],
)
def test_range_verdict(distance: float, accuracy: float, radius: float, verdict: RangeVerdict) -> None:
    assert range_verdict(distance, accuracy, radius) is verdict


@pytest.mark.parametrize(
    ("distance", "accuracy", "radius"),
    [
        (math.nan, 10, 300),
        (100, math.nan, 300),
        (100, 10, math.nan),
        (math.inf, 10, 300),
        (-1, 10, 300),
        (1, -1, 300),
    ],
)
def test_range_verdict_refuses_what_no_clean_input_can_be(
    distance: float, accuracy: float, radius: float
) -> None:
    # A NaN compares false with everything and would otherwise come out "in range".
    with pytest.raises(ValueError):
        range_verdict(distance, accuracy, radius)


# Input from outside


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0.0),
        (90, 90.0),
        (-90, -90.0),
        (39.90872, 39.90872),
        (Decimal("39.908720"), 39.90872),
        (" 30.5 ", 30.5),
    ],
)
def test_latitudes_accepted(value: Any, expected: float) -> None:
    assert clean_latitude(value) == expected


@pytest.mark.parametrize(
    "value", [90.000001, -90.5, 1e308, math.nan, math.inf, -math.inf, "1e400", "north", "", None, True]
)
def test_latitudes_refused(value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_latitude(value)
    assert (caught.value.code, caught.value.field) == ("latitude_invalid", "latitude")


@pytest.mark.parametrize("value", [180, -180, 0, 116.39748, Decimal("-0.1278")])
def test_longitudes_accepted(value: Any) -> None:
    assert clean_longitude(value) == float(value)


@pytest.mark.parametrize("value", [180.000001, -181, math.nan, math.inf, "east", None, False])
def test_longitudes_refused(value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_longitude(value)
    assert (caught.value.code, caught.value.field) == ("longitude_invalid", "longitude")


@pytest.mark.parametrize("value", [0, 0.0, 12.5, 100_000, Decimal("65")])
def test_accuracies_accepted(value: Any) -> None:
    assert clean_accuracy(value) == float(value)


@pytest.mark.parametrize("value", [-0.1, 100_000.01, math.nan, math.inf, "far", None, True])
def test_accuracies_refused(value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_accuracy(value)
    assert (caught.value.code, caught.value.field) == ("accuracy_invalid", "accuracy")


def test_field_names_follow_the_caller() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_accuracy(-1, field="checkIn.accuracy")
    assert caught.value.field == "checkIn.accuracy"


def test_clean_point_reports_both_coordinates_at_once() -> None:
    assert clean_point("30.2741", Decimal("120.1551")) == Point(30.2741, 120.1551)
    with pytest.raises(InvalidInput) as caught:
        clean_point(91, "x", latitude_field="location.latitude", longitude_field="location.longitude")
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("location.latitude", "latitude_invalid"),
        ("location.longitude", "longitude_invalid"),
    ]


def test_every_message_has_its_chinese() -> None:
    with translation.override("en"):
        messages = set()
        for clean in (clean_latitude, clean_longitude, clean_accuracy):
            with pytest.raises(InvalidInput) as caught:
                clean("not a number")
            messages.add(caught.value.message)
    assert messages <= ZH.keys()
    assert all(ZH[m] for m in messages)
