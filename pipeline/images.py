"""Photos for the documents: read, turned upright, scaled, re-encoded as JPEG."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .sanity import PhotoTooLarge, check_pixels

WEB_WIDTH_PX = 1024
JPEG_QUALITY = 82


@dataclass(frozen=True)
class WebImage:
    data: bytes  # JPEG
    width: int
    height: int


def web_image(path: Path, max_width: int = WEB_WIDTH_PX) -> WebImage:
    """The photo upright, at most `max_width` px wide, as JPEG (transparency on white)."""
    from PIL import Image, ImageOps

    with Image.open(path) as source:
        check_pixels(path, source.size)  # before anything is decoded
        if source.format == "JPEG":  # decode at the smallest scale still wide enough (a 50
            source.draft("RGB", (max_width, max_width))  # MP photo: 1/8 of it, not 150 MB)
        picture = ImageOps.exif_transpose(source)
        if picture.mode in ("RGBA", "LA", "P"):
            picture = picture.convert("RGBA")
            flat = Image.new("RGB", picture.size, "white")
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        elif picture.mode != "RGB":
            picture = picture.convert("RGB")
        if picture.width > max_width:
            height = round(picture.height * max_width / picture.width)
            picture = picture.resize((max_width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        return WebImage(buffer.getvalue(), picture.width, picture.height)


@lru_cache(maxsize=32)
def _cached(path: str, mtime_ns: int) -> WebImage:
    return web_image(Path(path))


def cached_web_image(path: Path) -> WebImage:
    """web_image, computed once per file version in a process (the .docx and the .html)."""
    return _cached(str(path), Path(path).stat().st_mtime_ns)


def unreadable(path: Path) -> str | None:
    """Why a photo cannot be used (a short reason), or None when it can."""
    from PIL import Image

    try:
        cached_web_image(path)
    except PhotoTooLarge:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        return exc.__class__.__name__
    return None
