"""Product images: type and size checks, tenant-scoped storage paths, and no cross-tenant access.

The upload and download views live in saas.catalog.views; this module mounts them next to the
workspace URLs (the same lines saas/urls_tenant.py needs) and goes through the real middleware.
"""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import tenant_context

from saas import urls_tenant
from saas.catalog import views as catalog_views
from saas.catalog.models import ProductImage
from saas.catalog.services.images import MAX_IMAGE_BYTES, sniff_image_type
from tests.fixtures.catalog import JPEG_BYTES, PNG_BYTES, WEBP_BYTES, make_product
from tests.fixtures.tenants import client_for, graphql

urlpatterns = [*catalog_views.urlpatterns, *urls_tenant.urlpatterns]
pytestmark = pytest.mark.urls(__name__)

DELETE = (
    "mutation($id: ID!) { productImageDelete(id: $id) { product { images { id } } errors { field code } } }"
)


@pytest.fixture
def shirt(alpha):
    with tenant_context(alpha.tenant):
        return make_product(alpha.users["manager"])


def upload(client: Client, product_id: int, content: bytes, name: str = "photo.png"):
    return client.post(
        f"/catalog/products/{product_id}/images/", {"file": SimpleUploadedFile(name, content, "image/png")}
    )


def test_magic_bytes_decide_the_type():
    assert sniff_image_type(PNG_BYTES[:12]) == ".png"
    assert sniff_image_type(JPEG_BYTES[:12]) == ".jpg"
    assert sniff_image_type(WEBP_BYTES[:12]) == ".webp"
    assert sniff_image_type(b"GIF89a......") is None
    assert sniff_image_type(b"<svg xmlns=") is None


def test_an_upload_is_stored_under_the_tenants_own_path(alpha, shirt, media_root):
    response = upload(client_for(alpha, alpha.users["manager"]), shirt.pk, JPEG_BYTES, name="../../evil.png")
    assert response.status_code == 201, response.content
    image_id = int(response.json()["image"]["id"])
    with tenant_context(alpha.tenant):
        image = ProductImage.objects.get(pk=image_id)
    # The type comes from the bytes (JPEG), the name from us; the client's path is ignored.
    assert image.file.name.startswith(f"tenants/{alpha.tenant.schema_name}/products/{shirt.pk}/")
    assert image.file.name.endswith(".jpg") and "evil" not in image.file.name
    assert (media_root / image.file.name).read_bytes() == JPEG_BYTES
    assert response.json()["image"]["url"] == f"/catalog/images/{image_id}/"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"just some text, not an image", "notes.png"),
        (b"GIF89a" + b"\x00" * 20, "anim.gif"),
        (b"", "empty.png"),
        (PNG_BYTES + b"\x00" * MAX_IMAGE_BYTES, "huge.png"),  # refused by the service
        (PNG_BYTES + b"\x00" * (MAX_IMAGE_BYTES + 100_000), "huger.png"),  # refused before reading
    ],
)
def test_wrong_types_empty_and_oversized_files_are_image_invalid(alpha, shirt, media_root, content, name):
    response = upload(client_for(alpha, alpha.users["manager"]), shirt.pk, content, name=name)
    assert response.status_code in (400, 413)
    assert response.json()["errors"][0]["code"] == "image_invalid"
    with tenant_context(alpha.tenant):
        assert not ProductImage.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_uploads_need_catalog_manage_and_a_visible_product(alpha, shirt, media_root):
    forbidden = upload(client_for(alpha, alpha.users["sales"]), shirt.pk, PNG_BYTES)
    assert forbidden.status_code == 403 and forbidden.json()["errors"][0]["code"] == "forbidden"
    anonymous = upload(Client(HTTP_HOST=alpha.host), shirt.pk, PNG_BYTES)
    assert anonymous.status_code == 401
    missing = upload(client_for(alpha, alpha.users["manager"]), 999999, PNG_BYTES)
    assert missing.status_code == 404 and missing.json()["errors"][0]["code"] == "not_found"


def test_signed_in_colleagues_can_download_and_see_the_image(alpha, shirt, media_root):
    image_id = upload(client_for(alpha, alpha.users["manager"]), shirt.pk, PNG_BYTES).json()["image"]["id"]
    sales = client_for(alpha, alpha.users["sales"])
    response = sales.get(f"/catalog/images/{image_id}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert response["Cache-Control"].startswith("private")
    product = graphql(sales, f'{{ product(id: "{shirt.pk}") {{ images {{ id url }} }} }}')["data"]["product"]
    assert product["images"] == [{"id": image_id, "url": f"/catalog/images/{image_id}/"}]
    assert Client(HTTP_HOST=alpha.host).get(f"/catalog/images/{image_id}/").status_code == 401


def test_another_tenant_can_neither_read_nor_delete_the_image(
    alpha, beta, shirt, media_root, django_capture_on_commit_callbacks
):
    image_id = upload(client_for(alpha, alpha.users["manager"]), shirt.pk, PNG_BYTES).json()["image"]["id"]
    with tenant_context(alpha.tenant):
        stored = ProductImage.objects.get(pk=image_id).file.name

    beta_owner = client_for(beta, beta.users["owner"])
    assert beta_owner.get(f"/catalog/images/{image_id}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql(beta_owner, DELETE, {"id": image_id})
    assert result["data"]["productImageDelete"]["errors"] == [{"field": "id", "code": "not_found"}]
    with tenant_context(alpha.tenant):
        assert ProductImage.objects.filter(pk=image_id).exists()
    assert default_storage.exists(stored)

    # Its own workspace can delete it; the file goes once the deletion commits.
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql(client_for(alpha, alpha.users["manager"]), DELETE, {"id": image_id})
    assert result["data"]["productImageDelete"] == {"product": {"images": []}, "errors": []}
    assert not default_storage.exists(stored)


def test_a_product_holds_at_most_20_images(alpha, shirt, media_root):
    client = client_for(alpha, alpha.users["manager"])
    for _ in range(20):
        assert upload(client, shirt.pk, WEBP_BYTES).status_code == 201
    response = upload(client, shirt.pk, WEBP_BYTES)
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "too_many_images"
