"""Real images made with Pillow for the photo tests (no binary fixtures in the repository)."""

from __future__ import annotations

import io

from PIL import Image

EXIF_ORIENTATION = 0x0112
EXIF_MAKE = 0x010F
EXIF_GPS_IFD = 0x8825


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (400, 200), colour=(200, 40, 40), mode: str = "RGB", **save
) -> bytes:
    """An image of ``size`` in one colour, saved as ``fmt``."""
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def jpeg_with_exif(size: tuple[int, int] = (400, 200), orientation: int = 6) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90° clockwise to view" (orientation 6), with a
    camera make and a GPS position, left half red and right half blue so the rotation shows."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    exif[EXIF_MAKE] = "TestCam"
    exif.get_ifd(EXIF_GPS_IFD).update({1: "S", 2: (6.0, 10.0, 0.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=95)
    return out.getvalue()
