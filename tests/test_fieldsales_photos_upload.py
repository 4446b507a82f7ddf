"""Check-in photos end to end (issue 14): uploaded as a form post, the original kept privately
with its SHA-256, a watermarked GPS-free JPEG served to whoever sees the visit, the same bytes
twice one photo, attached by the check-in that names them, and reuse at another visit flagged."""

from __future__ import annotations

import hashlib
import io
import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context
from PIL import Image, ImageDraw, ImageFilter, ImageStat

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.fieldsales import photo_services
from saas.fieldsales.models import Team, TeamMember, Visit, VisitPhoto
from saas.fieldsales.photo_services import photo_place, visit_photo_upload
from saas.fieldsales.services import customer_site_set
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

GPS_IFD = 0x8825
MAKE = 0x010F

CHECK_IN = """
mutation($input: VisitCheckInInput!) {
  visitCheckIn(input: $input) {
    visit { id photos { id url thumbnailUrl width height reused } }
    errors { field code }
  }
}"""
DAY = """
query($rep: ID) { fieldDay(repId: $rep) { visits { id photos { id url reused } } } }"""


def scene(seed: int, width: int = 1200, height: int = 900) -> Image.Image:
    """A photo-like picture: overlapping coloured shapes, softened as a lens would."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randrange(40, width // 2), y + rng.randrange(40, height // 2))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)(box, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(2))


def phone_photo(seed: int, quality: int = 90) -> bytes:
    """A JPEG as a phone writes it: with the phone's make and the GPS position in its EXIF."""
    exif = Image.Exif()
    exif[MAKE] = "SparrowPhone"
    exif[GPS_IFD] = {1: "N", 2: (30.0, 15.0, 33.0), 3: "E", 4: (120.0, 7.0, 49.0)}
    out = io.BytesIO()
    scene(seed).save(out, "JPEG", quality=quality, exif=exif.tobytes())
    raw = out.getvalue()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD), "the test photo must carry GPS"
    return raw


def upload(client: Client, customer, raw: bytes, **fields: str):
    return client.post(
        "/fieldsales/photos/",
        {
            "file": SimpleUploadedFile("IMG_0001.jpg", raw, "image/jpeg"),
            "customerId": str(customer.pk),
            **fields,
        },
    )


def uploaded(client: Client, customer, raw: bytes) -> dict:
    response = upload(client, customer, raw)
    assert response.status_code == 201, response.content
    assert response.json()["errors"] == []
    return response.json()["photo"]


def check_in(client: Client, customer, photo_ids: list[str]) -> dict:
    variables = {"input": {"customerId": str(customer.pk), "photoIds": photo_ids}}
    return graphql(client, CHECK_IN, variables)["data"]["visitCheckIn"]


def mean(image: Image.Image) -> float:
    return ImageStat.Stat(image).mean[0]


def fetched(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else response.content
    return response, body


@pytest.fixture
def field(alpha, media_root):
    """Alpha's sales rep with a customer of theirs (a default address in 杭州市西湖区, no site)."""
    rep = alpha.users["sales"]
    with tenant_context(alpha.tenant):
        customer = sales_customer(owner=rep, name="西湖便利店")
    return alpha, rep, customer


def files_under(media_root) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def test_an_upload_keeps_the_original_privately_and_serves_a_watermarked_jpeg_without_gps(field, media_root):
    alpha, rep, customer = field
    raw = phone_photo(1)
    client = client_for(alpha, rep)

    photo = uploaded(client, customer, raw)

    # The answer names the served photo; the row keeps the original's SHA-256
    assert photo["url"] == f"/fieldsales/photos/{photo['id']}/"
    assert (photo["width"], photo["height"], photo["reused"]) == (1200, 900, False)
    schema = alpha.tenant.schema_name
    with tenant_context(alpha.tenant):
        row = VisitPhoto.objects.get(pk=photo["id"])
    assert row.original_sha256 == hashlib.sha256(raw).hexdigest()
    assert row.visit_id is None and row.rep_id == rep.pk and row.customer_id == customer.pk
    # The original is stored byte for byte, GPS and all, in the workspace's own folder
    assert row.original.name.startswith(f"tenants/{schema}/fieldsales/originals/")
    assert row.original.name.endswith(".jpg") and "IMG_0001" not in row.original.name
    assert (media_root / row.original.name).read_bytes() == raw
    assert row.served.name.startswith(f"tenants/{schema}/fieldsales/photos/")

    # What is served is the watermarked JPEG: no EXIF at all, so no GPS and no phone make
    response, body = fetched(client, photo["url"])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert body == (media_root / row.served.name).read_bytes() != raw
    served = Image.open(io.BytesIO(body))
    assert served.format == "JPEG" and served.size == (1200, 900)
    assert dict(served.getexif()) == {} and served.getexif().get_ifd(GPS_IFD) == {}
    assert b"Exif\x00\x00" not in body and b"SparrowPhone" not in body
    # The watermark's band darkens the bottom of the picture; the top is the photo as it was
    original = Image.open(io.BytesIO(raw)).convert("L")
    bottom, top = (0, 870, 1200, 900), (0, 0, 1200, 600)
    assert mean(served.convert("L").crop(bottom)) < 0.75 * mean(original.crop(bottom))
    assert abs(mean(served.convert("L").crop(top)) - mean(original.crop(top))) < 3

    # A small copy of the served JPEG for lists, behind the same address rules
    assert photo["thumbnailUrl"] == f"/fieldsales/photos/{photo['id']}/thumbnail/"
    response, small = fetched(client, photo["thumbnailUrl"])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert small == (media_root / row.thumbnail.name).read_bytes()
    thumbnail = Image.open(io.BytesIO(small))
    assert thumbnail.size == (320, 240) and dict(thumbnail.getexif()) == {}
    assert row.thumbnail.name.startswith(f"tenants/{schema}/fieldsales/photos/")

    # No path leads to the original: its storage name is no URL
    assert client.get("/" + row.original.name).status_code == 404
    assert client.get(f"/media/{row.original.name}").status_code == 404


def test_the_watermark_names_the_workspace_time_the_customer_the_rep_and_the_place(field, monkeypatch):
    alpha, rep, customer = field
    seen: dict = {}
    real = photo_services.process_photo

    def spy(raw, **kwargs):
        seen.update(kwargs)
        return real(raw, **kwargs)

    monkeypatch.setattr(photo_services, "process_photo", spy)
    alpha.tenant.time_zone = "Asia/Tokyo"  # not the default, so the zone is seen to come from here
    with tenant_context(alpha.tenant):
        assert photo_place(customer) == "杭州市西湖区"  # no site yet: the default address
        before = timezone.now()
        photo = visit_photo_upload(
            actor=rep, customer_id=customer.pk, upload=SimpleUploadedFile("a.jpg", phone_photo(2))
        )
        customer_site_set(actor=rep, customer_id=customer.pk, latitude="30.2592", longitude="120.1303")
        assert photo_place(customer) == "30.259200, 120.130300"  # a site: its WGS-84 point
        bare = sales_customer(owner=rep, with_address=False)
        assert photo_place(bare) == "—"

    assert seen["customer"] == "西湖便利店" and seen["rep"] == rep.full_name == "alpha sales"
    assert seen["place"] == "杭州市西湖区"
    assert seen["taken_at"].utcoffset() == ZoneInfo("Asia/Tokyo").utcoffset(seen["taken_at"])
    assert seen["taken_at"] == photo.taken_at and photo.taken_at >= before
    assert photo.captured_at is None


def test_the_phones_capture_time_is_kept_beside_the_servers(field):
    alpha, rep, customer = field
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    response = upload(
        client_for(alpha, rep), customer, phone_photo(3), capturedAt=ten_minutes_ago.isoformat()
    )
    assert response.status_code == 201
    with tenant_context(alpha.tenant):
        row = VisitPhoto.objects.get(pk=response.json()["photo"]["id"])
    assert row.captured_at == ten_minutes_ago and row.taken_at > ten_minutes_ago

    naive = upload(client_for(alpha, rep), customer, phone_photo(4), capturedAt="2026-01-01T10:00:00")
    assert naive.status_code == 400 and naive.json()["errors"][0]["code"] == "datetime_invalid"
    assert naive.json()["errors"][0]["field"] == "capturedAt"


def test_the_same_bytes_sent_twice_are_one_photo(field, media_root):
    alpha, rep, customer = field
    raw = phone_photo(5)
    client = client_for(alpha, rep)

    first = uploaded(client, customer, raw)
    files = files_under(media_root)
    again = uploaded(client, customer, raw)

    assert again == first
    with tenant_context(alpha.tenant):
        assert VisitPhoto.objects.count() == 1
    # The original, the served JPEG and its thumbnail, once
    assert files_under(media_root) == files and len(files) == 3


def test_a_check_in_attaches_the_named_photos_and_only_once(field):
    alpha, rep, customer = field
    client = client_for(alpha, rep)
    photos = [uploaded(client, customer, phone_photo(seed)) for seed in (10, 11)]

    made = check_in(client, customer, [photos[0]["id"], photos[1]["id"]])

    assert made["errors"] == []
    assert made["visit"]["photos"] == photos  # in the order they were taken, none reused
    with tenant_context(alpha.tenant):
        visit = Visit.objects.get(pk=made["visit"]["id"])
        assert {p.pk for p in visit.photos.all()} == {int(p["id"]) for p in photos}

    # A photo in a visit cannot be named by another check-in
    again = check_in(client, customer, [photos[1]["id"]])
    assert (again["visit"], again["errors"]) == (None, [{"field": "photoIds.0", "code": "photo_not_found"}])


def test_photos_are_the_reps_own_at_that_customer_and_at_most_nine(field):
    alpha, rep, customer = field
    owner = alpha.users["owner"]
    with tenant_context(alpha.tenant):
        other_shop = sales_customer(owner=rep, name="断桥小卖部")
    # The owner (who sees every customer) took a photo at the rep's customer
    owners = uploaded(client_for(alpha, owner), customer, phone_photo(20))
    mine_elsewhere = uploaded(client_for(alpha, rep), other_shop, phone_photo(21))
    mine = uploaded(client_for(alpha, rep), customer, phone_photo(22))
    client = client_for(alpha, rep)

    for ids, index in (
        ([owners["id"]], 0),  # another person's photo
        ([mine["id"], mine_elsewhere["id"]], 1),  # the rep's, but at another customer
        ([mine["id"], "999999999"], 1),  # no such photo
    ):
        refused = check_in(client, customer, ids)
        assert refused["errors"] == [{"field": f"photoIds.{index}", "code": "photo_not_found"}]
    too_many = check_in(client, customer, [mine["id"]] * 10)
    assert too_many["errors"] == [{"field": "photoIds", "code": "too_many_photos"}]
    with tenant_context(alpha.tenant):
        assert not Visit.objects.exists()
        assert not VisitPhoto.objects.filter(visit__isnull=False).exists()


def test_the_same_picture_at_another_visit_is_flagged_as_reused(field):
    alpha, rep, customer = field
    client = client_for(alpha, rep)
    first_visit = check_in(client, customer, [uploaded(client, customer, phone_photo(30))["id"]])["visit"]

    # The same picture handed in again: the same bytes, and a re-encoded copy; and a new picture
    same_bytes = uploaded(client, customer, phone_photo(30))
    recompressed = uploaded(client, customer, phone_photo(30, quality=45))
    fresh = uploaded(client, customer, phone_photo(31))
    assert same_bytes["id"] != first_visit["photos"][0]["id"]  # once attached, the same bytes are a new photo
    second_visit = check_in(client, customer, [same_bytes["id"], recompressed["id"], fresh["id"]])["visit"]

    assert first_visit["photos"][0]["reused"] is False
    assert [p["reused"] for p in second_visit["photos"]] == [True, True, False]
    with tenant_context(alpha.tenant):
        original = VisitPhoto.objects.get(pk=first_visit["photos"][0]["id"])
        for flagged in second_visit["photos"][:2]:
            assert VisitPhoto.objects.get(pk=flagged["id"]).reused_from == original
    # Two shots of one shelf in the same visit are no reuse: only other visits count
    both = [
        uploaded(client, customer, phone_photo(32)),
        uploaded(client, customer, phone_photo(32, quality=60)),
    ]
    third_visit = check_in(client, customer, [p["id"] for p in both])["visit"]
    assert [p["reused"] for p in third_visit["photos"]] == [False, False]


def test_the_photo_is_seen_where_the_visit_is_and_nowhere_else(field, beta):
    alpha, rep, customer = field
    rep_client = client_for(alpha, rep)
    photo = uploaded(rep_client, customer, phone_photo(40))
    check_in(rep_client, customer, [photo["id"]])
    manager = alpha.users["manager"]
    with tenant_context(alpha.tenant):
        colleague = User.objects.create_user(
            email="rep2@alpha.test", password="Correct-Horse-77", full_name="alpha rep 2"
        )
        colleague.roles.set(Role.objects.filter(code=scopes.SALES))

    # The rep and the owner fetch it
    assert fetched(rep_client, photo["url"])[0].status_code == 200
    assert fetched(client_for(alpha, alpha.users["owner"]), photo["url"])[0].status_code == 200
    # A manager once the rep is in a team they manage, in the file and in the rep's day
    manager_client = client_for(alpha, manager)
    assert fetched(manager_client, photo["url"])[0].status_code == 404
    with tenant_context(alpha.tenant):
        TeamMember.objects.create(team=Team.objects.create(name="西湖组", manager=manager), user=rep)
    assert fetched(manager_client, photo["url"])[0].status_code == 200
    day = graphql(manager_client, DAY, {"rep": str(rep.pk)})["data"]["fieldDay"]
    assert day["visits"][0]["photos"] == [{"id": photo["id"], "url": photo["url"], "reused": False}]
    # Another rep, the warehouse, nobody signed in, another workspace: nothing, nor its thumbnail
    for url in (photo["url"], photo["thumbnailUrl"]):
        for client in (client_for(alpha, colleague), client_for(alpha, alpha.users["warehouse"])):
            response, body = fetched(client, url)
            assert response.status_code == 404 and response.json()["errors"][0]["code"] == "not_found"
        assert Client(HTTP_HOST=alpha.host).get(url).status_code == 401
        assert fetched(client_for(beta, beta.users["owner"]), url)[0].status_code == 404


def test_only_field_people_upload_and_only_at_customers_they_see(field):
    alpha, rep, customer = field
    warehouse = upload(client_for(alpha, alpha.users["warehouse"]), customer, phone_photo(50))
    assert warehouse.status_code == 403 and warehouse.json()["errors"][0]["code"] == "forbidden"
    with tenant_context(alpha.tenant):
        theirs = sales_customer(owner=alpha.users["manager"])
    hidden = upload(client_for(alpha, rep), theirs, phone_photo(50))
    assert hidden.status_code == 404 and hidden.json()["errors"][0]["field"] == "customerId"
    assert Client(HTTP_HOST=alpha.host).post("/fieldsales/photos/").status_code == 401


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"just some text, not a photo", "photo_invalid"),
        (b"", "photo_invalid"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "photo_invalid"),  # a JPEG's start, then nothing
        (_png_claiming(20_000, 20_000), "photo_too_large"),
    ],
)
def test_what_is_no_photo_is_refused_and_nothing_is_stored(field, media_root, content, code):
    alpha, rep, customer = field
    response = upload(client_for(alpha, rep), customer, content)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "file", "code": code, "message": response.json()["errors"][0]["message"]}
    ]
    with tenant_context(alpha.tenant):
        assert not VisitPhoto.objects.exists()
    assert files_under(media_root) == []


def test_a_missing_file_is_photo_invalid(field, media_root):
    alpha, rep, customer = field
    response = client_for(alpha, rep).post("/fieldsales/photos/", {"customerId": str(customer.pk)})
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "photo_invalid"
    assert files_under(media_root) == []


def test_positions_and_photo_originals_are_forgotten_after_the_retention_period(field, media_root):
    from saas.fieldsales.retention import positions_forget

    alpha, rep, customer = field
    client = client_for(alpha, rep)
    photo = uploaded(client, customer, phone_photo(7))
    made = graphql(
        client,
        CHECK_IN,
        {
            "input": {
                "customerId": str(customer.pk),
                "photoIds": [photo["id"]],
                "latitude": "30.26",
                "longitude": "120.13",
            }
        },
    )["data"]["visitCheckIn"]
    assert made["errors"] == []
    with tenant_context(alpha.tenant):
        recent = Visit.objects.get(pk=made["visit"]["id"])
        old = Visit.objects.create(
            rep=rep,
            customer=customer,
            radius_m=200,
            latitude="30.250000",
            longitude="120.150000",
            accuracy_m="10.0",
            distance_m=42,
            verdict="in_range",
            checked_in_at=timezone.now() - timedelta(days=181),
        )
        VisitPhoto.objects.filter(pk=photo["id"]).update(taken_at=timezone.now() - timedelta(days=181))
        original = VisitPhoto.objects.get(pk=photo["id"]).original.name

        # When the nightly chore runs with the default 180 days
        assert positions_forget() == (1, 1)

        # Then the old visit keeps what it proved but not where the rep stood; the recent one is untouched
        old.refresh_from_db()
        assert (old.latitude, old.longitude, old.accuracy_m, old.distance_m, old.verdict) == (
            None,
            None,
            None,
            42,
            "in_range",
        )
        recent.refresh_from_db()
        assert recent.latitude is not None
        # And the photo's original (its EXIF has GPS) is gone, the served copy and the SHA-256 stay
        kept = VisitPhoto.objects.get(pk=photo["id"])
        assert kept.original.name == "" and kept.original_sha256 and kept.served.name
        assert original not in files_under(media_root) and kept.served.name in files_under(media_root)
        # And running it again changes nothing
        assert positions_forget() == (0, 0)
