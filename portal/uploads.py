"""Files people send (evidence, attachments): judged by their bytes, stored outside the web root."""
from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from portal.errors import ValidationFailed

MAX_BYTES = 8 * 1024 * 1024
# Pillow format -> stored content type and extension; anything else is refused.
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
PDF = ("application/pdf", "pdf")


@dataclass(frozen=True)
class Upload:
    """A file as received: its name as the sender gave it, and its bytes."""

    filename: str
    data: bytes


def sniff(data: bytes) -> tuple[str, str]:
    """Content type and extension judged from the bytes themselves; ValidationFailed otherwise."""
    if not data:
        raise ValidationFailed(_l("The file is empty."), field="files")
    if len(data) > MAX_BYTES:
        raise ValidationFailed(_l("The file is larger than 8 MB."), field="files")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationFailed(_l("The PDF file is damaged."), field="files")
        return PDF
    return _sniff_image(data)


def _sniff_image(data: bytes) -> tuple[str, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombWarning, Image.DecompressionBombError):
        kind = None
    if kind not in IMAGE_FORMATS:
        raise ValidationFailed(_l("Only photos (JPEG, PNG, WebP) and PDF files can be uploaded."),
                               field="files")
    return IMAGE_FORMATS[kind]


def store(folder: Path, upload: Upload, extension: str) -> str:
    """Write an already checked upload under a random name (never the sender's); returns the name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    (folder / name).write_bytes(upload.data)
    return name
