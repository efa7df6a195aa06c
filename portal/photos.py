"""Photos residents attach: the checks and EXIF/GPS stripping live in cases.photos,
shared by every door that takes photos (the portal, Open311)."""

from cases.photos import (
    ACCEPTED_FORMATS,
    MAX_PHOTOS,
    CleanPhoto,
    PhotoError,
    attach_photos,
    clean_photo,
    max_photo_bytes,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "MAX_PHOTOS",
    "CleanPhoto",
    "PhotoError",
    "attach_photos",
    "clean_photo",
    "max_photo_bytes",
]
