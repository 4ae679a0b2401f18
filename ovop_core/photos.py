"""Product photos as the store keeps them: checked by decoding, cleaned, and cut to two sizes.

An upload is only trusted once Pillow has decoded it: the format is read from the content (a GIF
named ``foto.jpg`` is still a GIF), and a damaged or truncated file fails to load. What is kept
is re-encoded, so nothing of the original file survives but its pixels: EXIF (camera, GPS, the
orientation tag) is dropped after the orientation has been applied, transparency is flattened on
white, and both sizes are baseline JPEG. Sizes are bounded twice: by bytes before decoding and by
pixels before loading, so a small file cannot unpack into gigabytes (a decompression bomb).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from .catalog import Both, Message, MessageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # refused before decoding
MAX_PIXELS = 40_000_000  # decompression-bomb guard, refused with a message
MAX_PHOTOS_PER_PRODUCT = 6
DISPLAY_PX = 1280  # longest side
THUMB_PX = 320
FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = ("jpg", "jpeg", "png", "webp")  # what an upload widget offers; the content decides
JPEG_QUALITY = 85
_WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Photo:
    """What is stored: JPEG bytes without EXIF, orientation applied, RGB (alpha flattened on white)."""

    sha256: str  # of ``display``: the same picture uploaded twice is stored once
    display: bytes
    thumb: bytes
    width: int  # of ``display``
    height: int


class PhotoError(MessageError, ValueError):
    """A file refused as a photo; the message names the file and says what was expected."""

    def __init__(self, message_id: str, **params: Any):
        super().__init__(Message(message_id, **params))

    @property
    def message_id(self) -> str:
        return self.message.id

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.message.params)


def prepare_photo(data: bytes, filename: str) -> Photo:
    """``data`` (an uploaded file called ``filename``) as a ``Photo``, or ``PhotoError`` saying why not."""
    check_size(len(data), filename)
    image = _decoded(data, filename)
    try:
        image = _flattened(ImageOps.exif_transpose(image))
    except Exception as exc:  # a corrupt EXIF block or an odd mode: Pillow raises many kinds
        raise PhotoError("photos.unreadable", file=filename) from exc
    display = image.copy()
    display.thumbnail((DISPLAY_PX, DISPLAY_PX), Image.Resampling.LANCZOS)
    thumb = display.copy()
    thumb.thumbnail((THUMB_PX, THUMB_PX), Image.Resampling.LANCZOS)
    display_bytes = _jpeg(display)
    return Photo(
        sha256=hashlib.sha256(display_bytes).hexdigest(),
        display=display_bytes,
        thumb=_jpeg(thumb),
        width=display.width,
        height=display.height,
    )


def check_size(n_bytes: int, filename: str) -> None:
    """Refuse a file over ``MAX_PHOTO_BYTES`` by its size alone (an upload need not be read for it)."""
    if n_bytes > MAX_PHOTO_BYTES:
        raise PhotoError("photos.too_big", file=filename, size=_megabytes(n_bytes), limit=MAX_PHOTO_BYTES // 2**20)


def _decoded(data: bytes, filename: str) -> Image.Image:
    """The image fully decoded (so damage shows now), once its format and pixel count are known good."""
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice it; any bomb is an error here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(filename) from exc
        except UnidentifiedImageError as exc:
            raise PhotoError(_unsupported_or_unreadable(data), file=filename) from exc
        except Exception as exc:  # a header Pillow cannot parse
            raise PhotoError("photos.unreadable", file=filename) from exc
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(filename, width, height)
        try:
            # JPEG can decode straight at a reduced scale: less memory and time for big camera photos.
            image.draft("RGB", (DISPLAY_PX, DISPLAY_PX))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(filename, width, height) from exc
        except Exception as exc:  # truncated or corrupt data: OSError, SyntaxError, ValueError, ...
            raise PhotoError("photos.unreadable", file=filename) from exc
    return image


def _unsupported_or_unreadable(data: bytes) -> str:
    """Another image format (GIF, BMP, TIFF, ...) is named as such; anything else cannot be read.

    Only the header is parsed here (nothing is decoded), to tell the two apart. HEIC and AVIF
    (phone cameras) are ISO media files, recognised by their ``ftyp`` box even without a plugin."""
    if data[4:8] == b"ftyp":
        return "photos.not_supported"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)):
                return "photos.not_supported"
    except Exception:
        return "photos.unreadable"


def _too_many_pixels(filename: str, width: int | None = None, height: int | None = None) -> PhotoError:
    """Named with its size when known (Pillow's own guard may fire before the size is given)."""
    limit = MAX_PIXELS // 1_000_000
    if width and height:
        return PhotoError("photos.too_many_pixels", file=filename, size=f"{width} × {height}", limit=limit)
    return PhotoError("photos.far_too_many_pixels", file=filename, limit=limit)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB; transparent parts become white (JPEG has no alpha, and black would hide dark products)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, _WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    """Baseline JPEG; no ``exif`` or ``icc_profile`` is passed, so none is written."""
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _megabytes(n_bytes: int) -> Both:
    """12.4 MB in English, 12,4 MB in Indonesian."""
    text = f"{n_bytes / 2**20:.1f}"
    return Both(text.replace(".", ","), text)
