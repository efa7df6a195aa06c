"""Files that arrive by a channel, kept the way the portal keeps photos.

Only images are accepted, and never as sent: each is decoded and re-encoded as
JPEG, which drops EXIF (GPS position, camera serial) and anything hidden after
the image data. Anything else is refused and named in an internal note, so
staff know to ask the resident for it another way.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from cases.models import Case, CaseAttachment
from messaging.email.inbound import Attachment

ACCEPTED_IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 4096


@dataclass(frozen=True)
class Refused:
    filename: str
    reason: str


def store_attachments(
    *, case: Case, attachments: Iterable[Attachment]
) -> tuple[list[CaseAttachment], list[Refused]]:
    """Keep the images among `attachments` on the case (staff-only); report the rest."""
    kept: list[CaseAttachment] = []
    refused: list[Refused] = []
    limit = settings.MESSAGING_EMAIL_MAX_ATTACHMENT_BYTES
    most = settings.MESSAGING_EMAIL_MAX_ATTACHMENTS
    items = list(attachments)
    if len(items) > most:
        # Counted, not kept: a message with a hundred files is not a hundred photos.
        over = len(items) - most
        refused.append(Refused(f"{over} more file(s)", f"a message may bring at most {most} files"))
        items = items[:most]
    for item in items:
        if item.content_type not in ACCEPTED_IMAGE_TYPES:
            refused.append(Refused(item.filename, f"type {item.content_type} is not accepted"))
            continue
        if len(item.data) > limit:
            refused.append(Refused(item.filename, f"larger than {limit // 2**20} MB"))
            continue
        try:
            jpeg, width, height = reencode_image(item.data)
        except ValueError as exc:
            refused.append(Refused(item.filename, str(exc)))
            continue
        attachment = CaseAttachment(
            case=case,
            token=secrets.token_hex(16),
            content_type="image/jpeg",
            size=len(jpeg),
            width=width,
            height=height,
            # A resident's email is private correspondence: staff decide what is published.
            is_public=False,
            uploaded_at=timezone.now(),
        )
        attachment.file.save("photo.jpg", ContentFile(jpeg), save=False)
        attachment.save()
        kept.append(attachment)
    return kept, refused


def reencode_image(data: bytes) -> tuple[bytes, int, int]:
    """Decode and re-encode as JPEG without metadata; ValueError if it is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValueError("the image is too large in pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError("not a readable image") from exc
    rgb.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: none is written
    return out.getvalue(), rgb.width, rgb.height
