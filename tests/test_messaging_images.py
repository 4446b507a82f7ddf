"""Pictures in conversations: posted as a form (type and size judged by content), kept only as a
clean JPEG with a thumbnail (no EXIF, so no GPS), named by one message, and served only to those
who see the conversation: 404 to anyone else, to another workspace, and after a recall."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import tenant_context
from PIL import Image

from saas.messaging.models import MessageImage
from tests.fixtures.messaging import start
from tests.fixtures.tenants import Workspace, client_for, graphql
from tests.test_fieldsales_photos_upload import _png_claiming, phone_photo

SEND = """mutation($i: MessageSendInput!) {
  messageSend(input: $i) { message { id images { id url thumbnailUrl width height } } errors { field code } } }"""
RECALL = (
    "mutation($id: ID!) { messageRecall(id: $id) { message { recalled images { id } } errors { code } } }"
)
GPS_IFD = 0x8825


def upload(client: Client, conversation_id: Any, raw: bytes, name: str = "IMG_0001.jpg") -> Any:
    return client.post(
        "/messaging/images/",
        {"file": SimpleUploadedFile(name, raw, "image/jpeg"), "conversationId": str(conversation_id)},
    )


def uploaded(client: Client, conversation_id: Any, raw: bytes) -> dict:
    response = upload(client, conversation_id, raw)
    assert response.status_code == 201, response.content
    return dict(response.json()["image"])


def fetched(client: Client, url: str) -> tuple[int, bytes]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else response.content
    return response.status_code, body


def send(client: Client, conversation_id: Any, image_ids: list[str]) -> dict:
    values = {"conversationId": str(conversation_id), "clientId": uuid.uuid4().hex, "imageIds": image_ids}
    return dict(graphql(client, SEND, {"i": values})["data"]["messageSend"])


@pytest.fixture
def chat(alpha: Workspace, media_root: Any) -> tuple[Workspace, Any, Client, Client]:
    with tenant_context(alpha.tenant):
        conversation = start(alpha.users["sales"], alpha.users["manager"])
    return (
        alpha,
        conversation,
        client_for(alpha, alpha.users["sales"]),
        client_for(alpha, alpha.users["manager"]),
    )


def test_a_picture_is_kept_without_its_metadata_and_seen_by_the_conversations_people(chat) -> None:
    alpha, conversation, rep, manager = chat
    raw = phone_photo(1)
    image = uploaded(rep, conversation.pk, raw)
    assert uploaded(rep, conversation.pk, raw)["id"] == image["id"]  # the same bytes again: the same upload
    # Before a message names it, only its uploader sees it.
    assert fetched(rep, image["url"])[0] == 200
    assert fetched(manager, image["url"])[0] == 404
    sent = send(rep, conversation.pk, [image["id"]])
    assert sent["errors"] == [] and [i["id"] for i in sent["message"]["images"]] == [image["id"]]
    status, body = fetched(manager, image["url"])
    assert status == 200
    served = Image.open(io.BytesIO(body))
    assert served.format == "JPEG" and not served.getexif().get_ifd(GPS_IFD) and not served.getexif()
    status, small = fetched(manager, image["thumbnailUrl"])
    assert status == 200 and max(Image.open(io.BytesIO(small)).size) <= 320
    # Named once: a second message cannot take it.
    again = send(rep, conversation.pk, [image["id"]])
    assert again["errors"] == [{"field": "imageIds.0", "code": "image_not_found"}]


def test_a_picture_is_404_outside_its_conversation_and_workspace(chat, beta: Workspace) -> None:
    alpha, conversation, rep, manager = chat
    image = uploaded(rep, conversation.pk, phone_photo(2))
    send(rep, conversation.pk, [image["id"]])
    outsider = client_for(alpha, alpha.users["finance"])
    assert fetched(outsider, image["url"])[0] == 404
    assert fetched(outsider, image["thumbnailUrl"])[0] == 404
    stranger = client_for(beta, beta.users["manager"])
    assert fetched(stranger, image["url"])[0] == 404
    assert Client(HTTP_HOST=alpha.host).get(image["url"]).status_code == 401
    # Nor can an outsider upload into it, or a picture of one conversation go into another.
    assert upload(outsider, conversation.pk, phone_photo(3)).json()["errors"][0]["code"] == "not_found"
    with tenant_context(alpha.tenant):
        other = start(alpha.users["sales"], alpha.users["finance"])
    elsewhere = uploaded(rep, other.pk, phone_photo(4))
    assert send(rep, conversation.pk, [elsewhere["id"]])["errors"] == [
        {"field": "imageIds.0", "code": "image_not_found"}
    ]


def test_a_recalled_messages_pictures_are_gone(
    chat, media_root: Any, django_capture_on_commit_callbacks
) -> None:
    alpha, conversation, rep, manager = chat
    image = uploaded(rep, conversation.pk, phone_photo(5))
    sent = send(rep, conversation.pk, [image["id"]])
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the recall commits
        recalled = graphql(rep, RECALL, {"id": sent["message"]["id"]})["data"]["messageRecall"]
    assert recalled["message"] == {"recalled": True, "images": []}
    assert fetched(manager, image["url"])[0] == 404 and fetched(rep, image["url"])[0] == 404
    with tenant_context(alpha.tenant):
        assert not MessageImage.objects.filter(pk=image["id"]).exists()
    assert [p for p in media_root.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"just some text, not a picture", "image_invalid"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "image_invalid"),
        (_png_claiming(20_000, 20_000), "image_too_large"),
    ],
)
def test_what_is_no_picture_is_refused_and_nothing_is_stored(
    chat, media_root: Any, content: bytes, code: str
) -> None:
    alpha, conversation, rep, _manager = chat
    response = upload(rep, conversation.pk, content)
    assert response.status_code == 400
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("file", code)]
    assert [p for p in media_root.rglob("*") if p.is_file()] == []


def test_a_transparent_png_is_flattened_on_white_and_an_oversized_body_is_refused(chat) -> None:
    alpha, conversation, rep, _manager = chat
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, "PNG")
    image = uploaded(rep, conversation.pk, out.getvalue())
    status, body = fetched(rep, image["url"])
    assert status == 200 and Image.open(io.BytesIO(body)).convert("RGB").getpixel((5, 5)) == (255, 255, 255)
    huge = rep.post(
        "/messaging/images/",
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(11 * 1024 * 1024),
    )
    assert huge.status_code == 413 and huge.json()["errors"][0]["code"] == "image_too_large"


def test_pictures_never_sent_are_purged_after_a_day_and_others_stay(
    chat, beta: Workspace, media_root: Any, django_capture_on_commit_callbacks
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from saas.messaging.message_services import unsent_images_purge

    alpha, conversation, rep, _manager = chat
    forgotten = uploaded(rep, conversation.pk, phone_photo(7))
    sent = uploaded(rep, conversation.pk, phone_photo(8))
    assert send(rep, conversation.pk, [sent["id"]])["errors"] == []
    fresh = uploaded(rep, conversation.pk, phone_photo(9))
    with tenant_context(alpha.tenant):
        day_ago = timezone.now() - timedelta(hours=25)
        MessageImage.objects.filter(pk__in=[forgotten["id"], sent["id"]]).update(created_at=day_ago)
        kept_files = {
            name
            for image in MessageImage.objects.filter(pk__in=[sent["id"], fresh["id"]])
            for name in (image.file.name, image.thumbnail.name)
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert unsent_images_purge() == 1
        assert set(MessageImage.objects.values_list("pk", flat=True)) == {int(sent["id"]), int(fresh["id"])}
        assert unsent_images_purge() == 0  # nothing more to do
    on_disk = {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}
    assert {name.split("/", 1)[-1] for name in kept_files} <= {p.split("/", 1)[-1] for p in on_disk}
    assert len(on_disk) == 4  # the sent and the fresh picture, each with its thumbnail
    assert fetched(rep, forgotten["url"])[0] == 404
    with tenant_context(beta.tenant):  # another workspace's purge touches nothing of alpha's
        assert unsent_images_purge() == 0
    with tenant_context(alpha.tenant):
        assert MessageImage.objects.count() == 2
