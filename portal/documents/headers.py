"""Picture sizes read from a JPEG or JPEG 2000 header, without decoding a pixel.

Used for uploaded photos and for the JPEG and JPEG 2000 images inside PDFs: the decoder allocates what the header
says, whatever the surrounding file claims. Both readers take any bytes-like object (a memoryview of a content
stream works) and raise ``ValueError`` (or ``struct.error``/``IndexError`` on truncated data) when there is no
readable header.
"""
import struct

SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}  # not DHT, JPG, DAC
STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD9)}
JPX_SIGNATURE = b'\x00\x00\x00\x0cjP  \r\n\x87\n'
JPX_CODESTREAM = b'\xff\x4f\xff\x51'  # start of codestream, then the image and tile size (SIZ) segment


def jpeg_size(data: bytes | memoryview) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment (the one libjpeg decodes by)."""
    if bytes(data[:2]) != b'\xff\xd8':
        raise ValueError('no JPEG start marker')
    at = 2
    while True:
        while data[at] != 0xFF:  # libjpeg skips stray bytes before a marker, and so must we
            at += 1
        while data[at] == 0xFF:
            at += 1
        marker = data[at]
        at += 1
        if marker in STANDALONE_MARKERS:
            continue
        if marker in (0xDA, 0xD9):
            raise ValueError('no frame header before the scan')
        (length,) = struct.unpack('>H', data[at:at + 2])
        if length < 2:
            raise ValueError('bad segment length')
        if marker in SOF_MARKERS:
            height, width = struct.unpack('>HH', data[at + 3:at + 7])
            return width, height
        at += length


def jpx_size(data: bytes | memoryview) -> tuple[int, int]:
    """Width and height of the image area in the codestream's SIZ segment (what OpenJPEG decodes by), from a bare
    codestream or from the ``jp2c`` box of a JP2 file."""
    at = _codestream(data)
    if bytes(data[at:at + 4]) != JPX_CODESTREAM:
        raise ValueError('no JPEG 2000 codestream')
    width, height, left, top = struct.unpack('>IIII', data[at + 8:at + 24])
    if width <= left or height <= top:
        raise ValueError('empty JPEG 2000 image area')
    return width - left, height - top


def _codestream(data: bytes | memoryview) -> int:
    """Where the codestream starts: at 0, or inside the first ``jp2c`` box (boxes are skipped by their lengths)."""
    if bytes(data[:12]) != JPX_SIGNATURE:
        return 0
    at = 0
    while at + 8 <= len(data):
        length, kind = struct.unpack('>I4s', data[at:at + 8])
        header = 8
        if length == 1:  # the length follows as 64 bits
            (length,) = struct.unpack('>Q', data[at + 8:at + 16])
            header = 16
        if kind == b'jp2c':
            return at + header
        if length == 0 or length < header:  # 0: the box runs to the end; it was not the codestream
            break
        at += length
    raise ValueError('no codestream box')
