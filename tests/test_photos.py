"""Preparing uploaded photos (ovop_core.photos) on real images generated with Pillow."""

from __future__ import annotations

import hashlib
import io

import pytest
from photo_helpers import EXIF_GPS_IFD, EXIF_MAKE, EXIF_ORIENTATION, image_bytes, jpeg_with_exif
from PIL import Image

from ovop_core import photos
from ovop_core.photos import DISPLAY_PX, MAX_PHOTO_BYTES, THUMB_PX, PhotoError, prepare_photo


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def refusal(data: bytes, filename: str) -> PhotoError:
    with pytest.raises(PhotoError) as err:
        prepare_photo(data, filename)
    return err.value


def test_the_generated_photo_really_carries_orientation_camera_and_gps():
    exif = opened(jpeg_with_exif()).getexif()
    assert exif[EXIF_ORIENTATION] == 6 and exif[EXIF_MAKE] == "TestCam" and exif.get_ifd(EXIF_GPS_IFD)


def test_exif_orientation_is_applied_and_every_exif_tag_is_dropped():
    photo = prepare_photo(jpeg_with_exif((400, 200)), "kopi.jpg")
    display = opened(photo.display)
    assert display.format == "JPEG" and display.mode == "RGB"
    # Orientation 6: turned 90° clockwise, so the landscape 400×200 stands upright and its red
    # left half becomes the top.
    assert display.size == (200, 400) == (photo.width, photo.height)
    red, blue = display.getpixel((100, 50)), display.getpixel((100, 350))
    assert red[0] > 180 and red[2] < 60 and blue[2] > 180 and blue[0] < 60
    for data in (photo.display, photo.thumb):
        image = opened(data)
        assert dict(image.getexif()) == {} and "exif" not in image.info and b"Exif" not in data
        assert b"TestCam" not in data


def test_sizes_are_capped_keeping_the_aspect_and_small_photos_are_not_enlarged():
    big = prepare_photo(image_bytes("JPEG", (3000, 1500)), "big.jpg")
    assert (big.width, big.height) == (DISPLAY_PX, DISPLAY_PX // 2)
    assert opened(big.thumb).size == (THUMB_PX, THUMB_PX // 2)
    small = prepare_photo(image_bytes("JPEG", (120, 90)), "small.jpg")
    assert (small.width, small.height) == (120, 90) and opened(small.thumb).size == (120, 90)


def test_the_hash_is_of_the_display_jpeg_and_the_same_picture_gives_the_same_photo():
    data = image_bytes("PNG", (300, 300))
    first, second = prepare_photo(data, "a.png"), prepare_photo(data, "copy.png")
    assert first.sha256 == hashlib.sha256(first.display).hexdigest() and first == second


def test_png_transparency_is_flattened_on_white():
    data = image_bytes("PNG", (200, 100), colour=(0, 0, 0, 0), mode="RGBA")
    display = opened(prepare_photo(data, "logo.png").display)
    assert display.mode == "RGB" and all(c > 245 for c in display.getpixel((100, 50)))


def test_a_palette_png_with_a_transparent_colour_is_flattened_on_white():
    image = Image.new("P", (60, 60), 0)
    image.putpalette([0, 0, 0] * 256)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    display = opened(prepare_photo(out.getvalue(), "p.png").display)
    assert all(c > 245 for c in display.getpixel((30, 30)))


def test_webp_is_accepted_and_stored_as_jpeg():
    photo = prepare_photo(image_bytes("WEBP", (500, 250), colour=(30, 160, 60)), "daun.webp")
    display = opened(photo.display)
    assert display.format == "JPEG" and display.size == (500, 250)
    r, g, b = display.getpixel((10, 10))
    assert g > 130 and r < 60 and b < 90


def test_the_content_decides_not_the_name():
    assert prepare_photo(image_bytes("PNG"), "named-wrongly.jpg").width == 400
    err = refusal(image_bytes("GIF"), "animasi.jpg")
    assert err.message_id == "photos.not_supported" and err.params["file"] == "animasi.jpg"
    assert str(err) == "animasi.jpg: not a JPEG, PNG or WebP image."
    assert err.text("id") == "animasi.jpg: bukan gambar JPEG, PNG atau WebP."


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused_as_such(fmt):
    assert refusal(image_bytes(fmt), f"x.{fmt.lower()}").message_id == "photos.not_supported"


def test_a_phone_s_heic_photo_is_refused_as_another_format():
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 200
    assert refusal(heic, "IMG_0001.HEIC").message_id == "photos.not_supported"


def test_a_file_larger_than_10_mb_is_refused_before_decoding_with_its_size():
    err = refusal(b"\xff\xd8\xff" + b"\0" * (MAX_PHOTO_BYTES + 100_000), "foto.jpg")
    assert err.message_id == "photos.too_big"
    assert str(err) == "foto.jpg: 10.1 MB; a photo may be at most 10 MB."
    assert err.text("id") == "foto.jpg: 10,1 MB; foto paling besar 10 MB."


def test_exactly_10_mb_is_not_refused_for_its_size():
    assert refusal(b"\0" * MAX_PHOTO_BYTES, "nol.jpg").message_id == "photos.unreadable"


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"%PDF-1.7\n" + b"x" * 500])
def test_something_that_is_not_an_image_cannot_be_read(data):
    err = refusal(data, "x.jpg")
    assert err.message_id == "photos.unreadable"
    assert str(err) == "x.jpg: the image cannot be read (damaged or not an image)."


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_truncated_image_cannot_be_read(fmt):
    # Noise makes the compressed data long enough that cutting it loses pixels, not just a trailer.
    noisy = Image.effect_noise((600, 400), 64).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, format=fmt)
    data = out.getvalue()
    assert refusal(data[: len(data) // 2], "potong.jpg").message_id == "photos.unreadable"


def test_a_decompression_bomb_is_refused_by_its_pixel_count(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 1_000_000)
    err = refusal(image_bytes("PNG", (2000, 1000)), "bom.png")
    assert err.message_id == "photos.too_many_pixels" and "2000 × 1000" in str(err)


def test_a_bomb_beyond_pillows_own_limit_is_refused_without_decoding():
    # 20000×20000 of one colour compresses to a few hundred kB; Pillow's own guard fires at open.
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")
    assert len(out.getvalue()) < MAX_PHOTO_BYTES
    err = refusal(out.getvalue(), "bom.png")
    assert err.message_id == "photos.far_too_many_pixels"
    assert str(err) == "bom.png: the image is far too large (more than 40 million pixels)."
