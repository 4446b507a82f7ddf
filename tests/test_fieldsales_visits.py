"""Check-in and check-out at customers: server time, distance and range, offline resends by
clientId, QR presence proofs, and who sees whose field day (rep, manager, key, another workspace)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.models import LoggedEvent
from saas.fieldsales import geo
from saas.fieldsales.models import Team, TeamMember, Visit
from saas.fieldsales.services import customer_qr_rotate, customer_site_set
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

# A shop near West Lake, Hangzhou (WGS-84), and the same point as AMap shows it (GCJ-02).
SHOP = geo.Point(30.259200, 120.130300)
SHOP_ON_AMAP = geo.from_wgs84(SHOP, geo.CoordinateSystem.GCJ02)

CHECK_IN = """
mutation($input: VisitCheckInInput!) {
  visitCheckIn(input: $input) {
    visit { id checkedInAt capturedAt capturedOffline distanceMeters outOfRange verdict qrVerified customer { id } }
    errors { field code }
  }
}"""
CHECK_OUT = """
mutation($id: ID!, $input: VisitCheckOutInput!) {
  visitCheckOut(id: $id, input: $input) { visit { checkedOutAt notes } errors { field code } }
}"""
DAY = """
query($rep: ID, $date: Date) {
  fieldDay(repId: $rep, date: $date) { rep { id } visits { id customer { id } } distanceTravelledMeters }
}"""
SITE = """
mutation($customer: ID!, $lat: Decimal!, $lng: Decimal!, $system: CoordinateSystem) {
  customerSiteSet(customerId: $customer, latitude: $lat, longitude: $lng, system: $system) {
    site { latitude longitude sourceSystem } errors { field code }
  }
}"""


def _at(point: geo.Point, north_m: float = 0.0) -> dict[str, str]:
    # About 111,195 m per degree of latitude.
    return {"latitude": f"{point.latitude + north_m / 111_195:.6f}", "longitude": f"{point.longitude:.6f}"}


@pytest.fixture
def field(alpha):
    """Alpha's sales rep with a customer whose site was picked on AMap (GCJ-02)."""
    rep = alpha.users["sales"]
    with tenant_context(alpha.tenant):
        customer = sales_customer(owner=rep, name="西湖便利店")
        customer_site_set(
            actor=rep,
            customer_id=customer.pk,
            latitude=SHOP_ON_AMAP.latitude,
            longitude=SHOP_ON_AMAP.longitude,
            system="gcj02",
        )
    return alpha, rep, customer


def _check_in(client, customer, **fields):
    return graphql(client, CHECK_IN, {"input": {"customerId": str(customer.pk), **fields}})["data"][
        "visitCheckIn"
    ]


def test_a_check_in_at_the_shop_is_in_range_measured_from_the_site_picked_on_a_chinese_map(field):
    alpha, rep, customer = field
    rep_client = client_for(alpha, rep)

    made = _check_in(rep_client, customer, **_at(SHOP, north_m=30), accuracy="20")

    # The AMap point was converted to WGS-84, so 30 m north reads 30 m, not the ~500 m shift
    assert made["errors"] == []
    visit = made["visit"]
    assert 28 <= visit["distanceMeters"] <= 32
    assert (visit["verdict"], visit["outOfRange"], visit["capturedOffline"]) == ("IN_RANGE", False, False)
    assert visit["customer"] == {"id": str(customer.pk)}
    with tenant_context(alpha.tenant):
        [event] = LoggedEvent.objects.filter(name="visit.checked_in")
        assert event.payload["id"] == visit["id"] and event.payload["verdict"] == "in_range"


def test_far_away_is_out_of_range_and_a_vague_fix_is_unverifiable(field):
    alpha, rep, customer = field
    rep_client = client_for(alpha, rep)
    far = _check_in(rep_client, customer, **_at(SHOP, north_m=900), accuracy="30")["visit"]
    assert (far["verdict"], far["outOfRange"]) == ("OUT_OF_RANGE", True)
    vague = _check_in(rep_client, customer, **_at(SHOP, north_m=900), accuracy="1500")["visit"]
    assert (vague["verdict"], vague["outOfRange"]) == ("UNVERIFIABLE", False)
    blind = _check_in(rep_client, customer)["visit"]
    assert (blind["verdict"], blind["distanceMeters"]) == ("NO_POSITION", None)


def test_an_offline_check_in_keeps_the_phones_time_beside_the_servers_and_a_resend_is_the_same_visit(field):
    alpha, rep, customer = field
    rep_client = client_for(alpha, rep)
    an_hour_ago = (timezone.now() - timedelta(hours=1)).isoformat()
    fields = {**_at(SHOP), "accuracy": "10", "capturedAt": an_hour_ago, "clientId": "phone-7f3a-0001"}

    first = _check_in(rep_client, customer, **fields)["visit"]
    again = _check_in(rep_client, customer, **fields)["visit"]

    assert again == first
    assert first["capturedOffline"] is True and first["capturedAt"] < first["checkedInAt"]
    with tenant_context(alpha.tenant):
        assert Visit.objects.filter(client_id="phone-7f3a-0001").count() == 1
        assert LoggedEvent.objects.filter(name="visit.checked_in").count() == 1


@pytest.mark.parametrize(
    ("fields", "field_name", "code"),
    [
        ({"capturedAt": "2020-01-01T00:00:00+08:00"}, "capturedAt", "captured_at_too_old"),
        ({"latitude": "91", "longitude": "120"}, "latitude", "latitude_invalid"),
        ({"latitude": "30"}, "latitude", "position_incomplete"),
        ({"photoIds": ["999999999"]}, "photoIds.0", "photo_not_found"),  # no such photo
        ({"qrCode": "SP1-1-1-AAAAAAAAAAAAAAAAAAAAAAAAAA"}, "qrCode", "qr_invalid"),
        ({"clientId": "x" * 65}, "clientId", "too_long"),
    ],
)
def test_bad_check_ins_are_refused_with_a_code_and_write_nothing(field, fields, field_name, code):
    alpha, rep, customer = field
    refused = _check_in(client_for(alpha, rep), customer, **fields)
    assert refused["visit"] is None
    assert (refused["errors"][0]["field"], refused["errors"][0]["code"]) == (field_name, code)
    with tenant_context(alpha.tenant):
        assert not Visit.objects.exists()


def test_the_customers_qr_code_proves_presence_until_it_is_rotated(field, beta):
    alpha, rep, customer = field
    with tenant_context(alpha.tenant):
        _site, code = customer_qr_rotate(actor=alpha.users["manager"], customer_id=customer.pk)
    rep_client = client_for(alpha, rep)
    scanned = _check_in(rep_client, customer, qrCode=code)["visit"]
    assert scanned["qrVerified"] is True

    with tenant_context(alpha.tenant):
        customer_qr_rotate(actor=alpha.users["manager"], customer_id=customer.pk)
    stale = _check_in(rep_client, customer, qrCode=code)
    assert (stale["visit"], stale["errors"][0]["code"]) == (None, "qr_invalid")

    # Another workspace's customer with the same id never takes this code
    with tenant_context(beta.tenant):
        other = sales_customer(owner=beta.users["sales"])
    refused = _check_in(client_for(beta, beta.users["sales"]), other, qrCode=code)
    assert refused["errors"][0]["code"] == "qr_invalid"


def test_check_out_is_the_reps_own_and_happens_once(field):
    alpha, rep, customer = field
    visit = _check_in(client_for(alpha, rep), customer, **_at(SHOP), accuracy="10")["visit"]
    other_rep = client_for(alpha, alpha.users["manager"])
    refused = graphql(other_rep, CHECK_OUT, {"id": visit["id"], "input": {}})["data"]["visitCheckOut"]
    assert refused["errors"][0]["code"] == "not_found"
    done = graphql(client_for(alpha, rep), CHECK_OUT, {"id": visit["id"], "input": {"notes": "补货完成"}})
    assert done["data"]["visitCheckOut"]["visit"]["notes"] == "补货完成"
    again = graphql(client_for(alpha, rep), CHECK_OUT, {"id": visit["id"], "input": {}})
    assert again["data"]["visitCheckOut"]["errors"][0]["code"] == "already_checked_out"


def test_a_reps_day_is_their_check_ins_in_order_with_the_distance_between_them(field):
    alpha, rep, customer = field
    rep_client = client_for(alpha, rep)
    for north in (0, 1000, 3000):
        _check_in(rep_client, customer, **_at(SHOP, north_m=north), accuracy="10")

    day = graphql(rep_client, DAY)["data"]["fieldDay"]

    assert day["rep"] == {"id": str(rep.pk)} and len(day["visits"]) == 3
    assert 2990 <= day["distanceTravelledMeters"] <= 3010


def test_a_rep_sees_their_own_field_data_a_manager_their_teams_the_owner_all_no_other_workspace(field, beta):
    alpha, rep, customer = field
    _check_in(client_for(alpha, rep), customer, **_at(SHOP), accuracy="10")
    manager = alpha.users["manager"]

    # A rep cannot check in at a colleague's customer, nor read a colleague's day
    with tenant_context(alpha.tenant):
        theirs = sales_customer(owner=manager)
    refused = _check_in(client_for(alpha, rep), theirs)
    assert refused["errors"][0]["code"] == "not_found"
    peek = graphql(client_for(alpha, rep), DAY, {"rep": str(manager.pk)})
    assert peek["errors"][0]["extensions"]["code"] == "not_found"

    # A manager sees a rep's day only once the rep is in a team they manage
    outside = graphql(client_for(alpha, manager), DAY, {"rep": str(rep.pk)})
    assert outside["errors"][0]["extensions"]["code"] == "not_found"
    with tenant_context(alpha.tenant):
        team = Team.objects.create(name="西湖组", manager=manager)
        TeamMember.objects.create(team=team, user=rep)
    seen = graphql(client_for(alpha, manager), DAY, {"rep": str(rep.pk)})["data"]["fieldDay"]
    assert len(seen["visits"]) == 1

    # The owner sees everyone's
    owner_view = graphql(client_for(alpha, alpha.users["owner"]), DAY, {"rep": str(rep.pk)})
    assert len(owner_view["data"]["fieldDay"]["visits"]) == 1

    # Beta's owner sees nothing of alpha's rep, by id or otherwise
    other = graphql(client_for(beta, beta.users["owner"]), DAY, {"rep": str(rep.pk)})
    assert "errors" in other or other["data"]["fieldDay"]["visits"] == []

    # The warehouse (no field scope) is refused outright
    warehouse = graphql(client_for(alpha, alpha.users["warehouse"]), DAY)
    assert warehouse["errors"][0]["extensions"]["code"] == "forbidden"


def test_a_partner_key_reads_field_days_with_fieldsales_read_but_never_checks_in(field):
    alpha, rep, customer = field
    _check_in(client_for(alpha, rep), customer, **_at(SHOP), accuracy="10")
    reader = key_client(alpha, issue_key(alpha, "fieldsales:read").secret)
    status, day = key_post(reader, DAY, {"rep": str(rep.pk)})
    assert status == 200 and len(day["data"]["fieldDay"]["visits"]) == 1
    assert key_post(reader, DAY)[1]["errors"][0]["extensions"]["code"] == "not_found"  # a key is nobody's day
    writer = key_client(alpha, issue_key(alpha, "fieldsales:write", "customers:read", name="w").secret)
    made = key_post(writer, CHECK_IN, {"input": {"customerId": str(customer.pk)}})[1]["data"]["visitCheckIn"]
    assert made["errors"][0]["code"] == "forbidden"
    no_scope = key_client(alpha, issue_key(alpha, "sales:read", name="s").secret)
    assert key_post(no_scope, DAY)[1]["errors"][0]["extensions"]["missingScope"] == "fieldsales:read"


def test_a_site_picked_on_baidu_is_stored_in_wgs84(field):
    alpha, rep, customer = field
    on_baidu = geo.from_wgs84(SHOP, geo.CoordinateSystem.BD09)
    saved = graphql(
        client_for(alpha, rep),
        SITE,
        {
            "customer": str(customer.pk),
            "lat": f"{on_baidu.latitude:.7f}",
            "lng": f"{on_baidu.longitude:.7f}",
            "system": "BD09",
        },
    )["data"]["customerSiteSet"]
    assert saved["errors"] == [] and saved["site"]["sourceSystem"] == "BD09"
    stored = geo.Point(float(saved["site"]["latitude"]), float(saved["site"]["longitude"]))
    assert geo.distance_meters(stored, SHOP) < 1


def test_a_phone_clock_running_ahead_is_replaced_by_the_servers_and_notes_come_with_the_check_in(field):
    alpha, rep, customer = field
    document = CHECK_IN.replace("qrVerified", "qrVerified notes")
    made = graphql(
        client_for(alpha, rep),
        document,
        {
            "input": {
                "customerId": str(customer.pk),
                "capturedAt": "2099-01-01T00:00:00+08:00",
                "notes": "到店",
            }
        },
    )["data"]["visitCheckIn"]
    assert made["errors"] == []
    visit = made["visit"]
    assert visit["capturedAt"] <= visit["checkedInAt"] and visit["capturedOffline"] is False
    assert visit["notes"] == "到店"


def test_an_offline_check_in_of_yesterday_is_on_yesterdays_day(field):
    alpha, rep, customer = field
    yesterday = timezone.now() - timedelta(days=1)
    _check_in(client_for(alpha, rep), customer, capturedAt=yesterday.isoformat(), clientId="phone-old-0001")
    today = graphql(client_for(alpha, rep), DAY)["data"]["fieldDay"]
    assert today["visits"] == []
    with tenant_context(alpha.tenant):
        from saas.core.clock import tenant_date

        day = tenant_date(yesterday).isoformat()
    before = graphql(client_for(alpha, rep), DAY, {"date": day})["data"]["fieldDay"]
    assert len(before["visits"]) == 1


def test_who_a_manager_can_pick_and_the_customers_site_and_printable_code(field):
    alpha, rep, customer = field
    manager = alpha.users["manager"]
    reps_query = "query { fieldReps { id } }"
    assert graphql(client_for(alpha, rep), reps_query)["data"]["fieldReps"] == [{"id": str(rep.pk)}]
    with tenant_context(alpha.tenant):
        TeamMember.objects.create(team=Team.objects.create(name="一组", manager=manager), user=rep)
    picked = {row["id"] for row in graphql(client_for(alpha, manager), reps_query)["data"]["fieldReps"]}
    assert picked == {str(rep.pk), str(manager.pk)}

    site = graphql(
        client_for(alpha, rep),
        "query($c: ID!) { customerSite(customerId: $c) { sourceSystem qrVersion } }",
        {"c": str(customer.pk)},
    )["data"]["customerSite"]
    assert site == {"sourceSystem": "GCJ02", "qrVersion": 1}

    code_query = "query($c: ID!) { customerQrCode(customerId: $c) { text svg } }"
    refused = graphql(client_for(alpha, rep), code_query, {"c": str(customer.pk)})
    assert refused["errors"][0]["extensions"]["code"] == "forbidden"
    code = graphql(client_for(alpha, manager), code_query, {"c": str(customer.pk)})["data"]["customerQrCode"]
    assert code["text"].startswith("SP1-1-") and code["svg"].lstrip().startswith("<")
    scanned = _check_in(client_for(alpha, rep), customer, qrCode=code["text"])
    assert scanned["visit"]["qrVerified"] is True
