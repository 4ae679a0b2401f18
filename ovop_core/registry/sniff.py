"""What a file *is*, judged by its content, not its name.

A PDF, an image, an archive, a Word or PowerPoint file, an old binary ``.xls``, a password-protected
workbook (an OLE container holding an ``EncryptedPackage`` stream) or plain binary data is refused
with a message that says so, never with a traceback. What is left is XLSX, ODS or CSV text.
"""

from __future__ import annotations

import io
import zipfile

import olefile

from .messages import file_kind, refusal
from .xml_stream import corrupt_workbook

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ARCHIVE_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_BINARY_SHARE = 0.05  # more control bytes than this in the first 64 KB: binary data, not text


def _wrong_type(kind: str, **params):
    return refusal("wrong_file_type", what=file_kind(kind, **params))


def sniff_kind(data: bytes) -> str:
    """ "xlsx", "ods" or "csv" judged by content; raises ``UnreadableFileError`` for anything else."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        raise _wrong_type("pdf")
    for magic, name in _IMAGE_MAGIC:
        if head.startswith(magic):
            raise _wrong_type("image", name=name)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise _wrong_type("image", name="WEBP")
    if head[4:8] == b"ftyp":
        raise _wrong_type("video")
    for magic, name in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            raise _wrong_type("archive", name=name)
    if head.startswith(_OLE_MAGIC):
        raise _ole_problem(data)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_kind(data)
    return "csv"


def _zip_kind(data: bytes) -> str:
    """A workbook (XLSX or ODS) among the zip-based formats."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise corrupt_workbook() from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise refusal("xls_format", "xlsb_format")
        return "xlsx"
    if "word/document.xml" in names:
        raise _wrong_type("docx")
    if any(n.startswith("ppt/") for n in names):
        raise _wrong_type("pptx")
    if b"opendocument.spreadsheet" in mimetype and "content.xml" in names:
        return "ods"
    if b"opendocument" in mimetype:
        raise _wrong_type("opendocument")
    raise _wrong_type("zip")


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the streams and storages in an OLE compound file (old .xls/.doc/.ppt, encrypted OOXML).

    Empty when ``olefile`` cannot read the directory (a damaged or truncated container).
    """
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {path[-1] for path in ole.listdir(streams=True, storages=True)}
    except Exception:  # olefile raises OSError, struct.error, IndexError… on damaged containers
        return set()


def _ole_problem(data: bytes):
    names = ole_stream_names(data)
    encrypted = "EncryptedPackage" in names or (not names and "EncryptedPackage".encode("utf-16-le") in data)
    if encrypted:
        return refusal("password_protected")
    if "WordDocument" in names:
        return _wrong_type("doc")
    if "PowerPoint Document" in names:
        return _wrong_type("ppt")
    return refusal("xls_format")


def check_text_bytes(data: bytes) -> None:
    """Refuse UTF-16 text and binary data before trying to decode a CSV."""
    sample = data[:65536]
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(sample):
        raise refusal("bad_encoding", "utf16_text")
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > 1 and control > _BINARY_SHARE * len(sample):
        raise refusal("binary_file")


def _looks_like_utf16(sample: bytes) -> bool:
    sample = sample[: len(sample) // 2 * 2][:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return (zeros_odd > 0.3 and zeros_even < 0.05) or (zeros_even > 0.3 and zeros_odd < 0.05)
