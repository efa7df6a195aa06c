"""Photos residents attach: checked, decoded and re-encoded, never stored as sent.

Shared by every door that takes photos (the portal's form, Open311's `media` part).

Re-encoding with Pillow as JPEG drops EXIF (GPS position, camera serial
number) and anything appended after the image data.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cases.models import Case, CaseAttachment

MAX_PHOTOS = 3
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 2560


class PhotoError(ValueError):
    """A photo we will not keep; the message is for the resident."""


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    width: int
    height: int


def max_photo_bytes() -> int:
    return int(getattr(settings, "PORTAL_MAX_PHOTO_BYTES", 8 * 2**20))


def clean_photo(upload: UploadedFile[bytes]) -> CleanPhoto:
    """The photo as a metadata-free JPEG, or PhotoError saying what is wrong with it."""
    limit = max_photo_bytes()
    if upload.size is None or upload.size > limit:
        raise PhotoError(
            _("“%(name)s” is larger than %(mb)d MB. Choose a smaller photo.")
            % {"name": upload.name, "mb": limit // 2**20}
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise PhotoError(
                    _("“%(name)s” is not a JPEG, PNG, WebP or GIF photo.") % {"name": upload.name}
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(_("“%(name)s” has too many pixels.") % {"name": upload.name})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            rgb = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise PhotoError(
            _("“%(name)s” is not a photo we can read. Use a JPEG, PNG, WebP or GIF file.")
            % {"name": upload.name}
        ) from None
    rgb.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)  # no exif=: none is written
    return CleanPhoto(data=out.getvalue(), width=rgb.width, height=rgb.height)


def attach_photos(
    *, case: Case, photos: list[CleanPhoto], is_public: bool = False
) -> list[CaseAttachment]:
    """Store the photos on the case; private unless the door says the sender published them."""
    saved = []
    for photo in photos[:MAX_PHOTOS]:
        attachment = CaseAttachment(
            case=case,
            token=secrets.token_hex(16),
            content_type="image/jpeg",
            size=len(photo.data),
            width=photo.width,
            height=photo.height,
            # Photos may show people or homes: staff decide what is published, except
            # where the sender published the photo themselves (an Open311 `media` part).
            is_public=is_public,
            uploaded_at=timezone.now(),
        )
        attachment.file.save("photo.jpg", ContentFile(photo.data), save=False)
        attachment.save()
        saved.append(attachment)
    return saved
