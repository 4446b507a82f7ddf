"""The only code that stores and deletes product images, in the tenant's own storage folder.

The type is decided by the file's first bytes, never by its name or the browser's claim, and
the stored name is ours (tenants/<schema>/products/<id>/<uuid>.<ext>, see
models.product_image_path), so an upload can neither pose as another type nor pick its path.
"""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import Product, ProductImage
from saas.catalog.services.common import locked_product, require_manager
from saas.core.errors import InvalidInput, NotFound

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES = 20
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def sniff_image_type(head: bytes) -> str | None:
    """The file suffix for JPEG, PNG or WebP content, from its magic bytes; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return None


def _invalid(message: str) -> InvalidInput:
    return InvalidInput(message, code="image_invalid", field="file")


def _checked_suffix(upload: File | None) -> str:
    if upload is None:
        raise _invalid(_("Choose an image file."))
    size = upload.size or 0
    if size <= 0:
        raise _invalid(_("The file is empty."))
    if size > MAX_IMAGE_BYTES:
        raise _invalid(_("Images can be at most 5 MB."))
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    suffix = sniff_image_type(head)
    if suffix is None:
        raise _invalid(_("Upload a JPEG, PNG or WebP image."))
    return suffix


def product_image_add(*, actor: Actor, product_id: int, upload: File | None) -> ProductImage:
    require_manager(actor)
    suffix = _checked_suffix(upload)
    assert upload is not None
    with transaction.atomic():
        product = locked_product(product_id)
        count = product.images.count()
        if count >= MAX_IMAGES:
            raise InvalidInput(
                _("A product has at most %(n)d images.") % {"n": MAX_IMAGES},
                code="too_many_images",
                field="file",
            )
        image = ProductImage(product=product, sort_order=count)
        product.save(update_fields=["updated_at"])  # a product shows its images
        # The file is written before the row commits; if the row fails, remove the file again.
        image.file.save(f"image{suffix}", upload, save=False)
        try:
            image.save()
        except BaseException:
            if image.file.name:
                image.file.storage.delete(image.file.name)
            raise
    return image


def product_image_delete(*, actor: Actor, image_id: int) -> Product:
    """Delete an image row now and its file once the deletion has committed."""
    require_manager(actor)
    with transaction.atomic():
        try:
            image = ProductImage.objects.select_for_update().select_related("product").get(pk=image_id)
        except ProductImage.DoesNotExist as exc:
            raise NotFound(_("Image not found."), field="id") from exc
        storage, name = image.file.storage, image.file.name
        product = image.product
        image.delete()
        product.save(update_fields=["updated_at"])  # a product shows its images
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    return product
