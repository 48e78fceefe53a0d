"""PDF decompression bombs that got past the first checks: inline images with escaped names or long dictionaries,
images drawn by Type 3 glyphs, tiling patterns and soft masks, JPEG and JPEG 2000 streams whose own header is far
larger than the PDF says, and streams PDFium inflates whole (content, inline image data, fonts, colour profiles,
functions, shadings). Each is refused with a translated message before anything is rendered; an ordinary PDF
using the same features is still accepted, and no sheet is ever rendered larger than the preview.

The PDFs are written by hand (objects, cross-reference table, trailer), so every byte an attacker would control is
in the test; each is a few kilobytes (the whole-stream bombs some 30 kB): compressed zeros behind a huge size.
"""
import io
import re
import struct
import zlib

import cv2
import numpy as np
import pytest
from pypdf import PdfReader

from portal.core.errors import InvalidInput
from portal.documents import pdfinput, prepare_scan
from portal.documents.pdfchecks import check_sheets
from tests.support.photos import LIMITS

ZEROS = zlib.compress(bytes(200_000), 9)  # the body of every bomb image: a few hundred bytes
DRAW_IMAGE = b'q 595 0 0 842 0 0 cm /Im0 Do Q'
FILL_PAGE = b'0 0 595 842 re f'
TOO_LARGE = 'documents.error.pdf_image_too_large'


def pdf(*objects: bytes) -> bytes:
    """A PDF of the given object bodies, numbered from 1 (object 1 is the catalogue), with its xref table."""
    out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n%s\nendobj\n' % (number, body)
    start = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    out += b''.join(b'%010d 00000 n \n' % offset for offset in offsets)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, start)
    return bytes(out)


def stream(entries: bytes, data: bytes) -> bytes:
    return b'<< %s /Length %d >>\nstream\n%s\nendstream' % (entries, len(data), data)


def one_page(resources: bytes, content: bytes, *objects: bytes, content_entries: bytes = b'') -> bytes:
    """An A4 sheet (object 3) with ``resources`` and ``content`` (object 4); ``objects`` become 5, 6, ..."""
    return pdf(b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
               b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>' % resources,
               stream(content_entries, content), *objects)


def image(width: int, height: int, *, data: bytes = ZEROS, codec: bytes = b'/FlateDecode',
          colours: bytes = b'/DeviceGray') -> bytes:
    """An image XObject declaring ``width`` x ``height`` pixels."""
    return stream(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 '
                  b'/Filter %s' % (width, height, colours, codec), data)


def form(resources: bytes, content: bytes, extra: bytes = b'') -> bytes:
    return stream(b'/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s %s' % (resources, extra),
                  content)


def xobject(number: int) -> bytes:
    """Resources naming object ``number`` as the XObject /Im0."""
    return b'<< /XObject << /Im0 %d 0 R >> >>' % number


def type3_font(resources: bytes, glyph: int) -> bytes:
    """A Type 3 font whose only glyph (character ``a``) is the content stream object ``glyph``."""
    return (b'<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] '
            b'/CharProcs << /g %d 0 R >> /Encoding << /Type /Encoding /Differences [97 /g] >> '
            b'/FirstChar 97 /LastChar 97 /Widths [1000] /Resources %s >>' % (glyph, resources))


def tiling_pattern(resources: bytes, content: bytes, cell: tuple[int, int] = (595, 842)) -> bytes:
    """A coloured tiling pattern repeating ``content`` in cells of ``cell`` points."""
    return stream(b'/Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 %d %d] /XStep %d '
                  b'/YStep %d /Resources %s' % (*cell, *cell, resources), content)


def soft_mask(group: int) -> bytes:
    """An ExtGState whose luminosity soft mask is the transparency group form ``group``."""
    return b'<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G %d 0 R >> >>' % group


def inline_image(dictionary: bytes, data: bytes = ZEROS, place: bytes = b'595 0 0 842 0 0') -> bytes:
    """Content drawing an inline image over the rectangle ``place`` (a matrix; the whole sheet by default)."""
    return b'q %s cm BI %s ID\n%s\nEI Q' % (place, dictionary, data)


def small_jpeg(width: int = 64, height: int = 48, *, progressive: bool = False) -> bytes:
    picture = np.full((height, width), 200, np.uint8)
    cv2.rectangle(picture, (8, 8), (width - 8, height - 8), 40, 2)
    ok, buffer = cv2.imencode('.jpg', picture, [cv2.IMWRITE_JPEG_QUALITY, 80,
                                                cv2.IMWRITE_JPEG_PROGRESSIVE, int(progressive)])
    assert ok
    return buffer.tobytes()


def small_jpx(width: int = 64, height: int = 48) -> bytes:
    picture = np.full((height, width), 200, np.uint8)
    ok, buffer = cv2.imencode('.jp2', picture)
    assert ok
    return buffer.tobytes()


def with_jpeg_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header (baseline SOF0 or progressive SOF2) patched to claim ``width`` x ``height``."""
    at = re.search(b'\xff[\xc0\xc2]', jpeg).start() + 5
    return jpeg[:at] + struct.pack('>HH', height, width) + jpeg[at + 4:]


def with_jpx_size(jpx: bytes, width: int, height: int) -> bytes:
    """The JPEG 2000 file with its codestream's image size (SIZ marker) patched to ``width`` x ``height``."""
    at = jpx.index(b'\xff\x4f\xff\x51') + 8
    return jpx[:at] + struct.pack('>II', width, height) + bytes(8) + jpx[at + 16:]


PROGRESSIVE = small_jpeg(progressive=True)  # libjpeg holds all coefficients of a progressive image at once
# Rendered by the PDFium in pypdfium2 5.15.2, the progressive JPEG bomb took 1 GB and 2 s; the escaped names and the
# patched JPEG 2000 cost it nothing (it reads inline keys unescaped, and refused that codestream), but the standard
# says names are equal once escapes are resolved, and another version of the engine may decode what this one did not.
BOMBS = {
    'inline image with escaped names': one_page(
        b'<< >>', inline_image(b'/#57 30000 /#48 30000 /C#53 /G /B#50C 8 /#46 /Fl')),
    'inline image with escaped long names': one_page(
        b'<< >>', inline_image(b'/W#69dth 30000 /He#69ght 30000 /ColorSpace /DeviceGray /BitsPerComponent 8 '
                               b'/Filter /FlateDecode')),
    'inline image with a long dictionary': one_page(
        b'<< >>', inline_image(b'/Pad (%s) /W 30000 /H 30000 /CS /G /BPC 8 /F /Fl' % (b'x' * 5000))),
    'image in a Type 3 glyph': one_page(
        b'<< /Font << /F1 5 0 R >> >>', b'BT /F1 842 Tf 0 0 Td (a) Tj ET', type3_font(b'<< >>', 6),
        stream(b'', b'1000 0 d0 ' + inline_image(b'/W 30000 /H 30000 /CS /G /BPC 8 /F /Fl'))),
    'image in the resources of a Type 3 font': one_page(
        b'<< /Font << /F1 5 0 R >> >>', b'BT /F1 842 Tf 0 0 Td (a) Tj ET', type3_font(xobject(7), 6),
        stream(b'', b'1000 0 d0 q 1000 0 0 1000 0 0 cm /Im0 Do Q'), image(30_000, 30_000)),
    'image in a tiling pattern': one_page(
        b'<< /Pattern << /P0 5 0 R >> >>', b'/Pattern cs /P0 scn ' + FILL_PAGE,
        tiling_pattern(xobject(6), DRAW_IMAGE), image(30_000, 30_000)),
    'image in a soft mask group': one_page(
        b'<< /ExtGState << /GS0 5 0 R >> >>', b'/GS0 gs ' + FILL_PAGE, soft_mask(6),
        form(xobject(7), DRAW_IMAGE, b'/Group << /S /Transparency /CS /DeviceGray >>'), image(30_000, 30_000)),
    'JPEG whose header is far larger than its dictionary': one_page(
        xobject(5), DRAW_IMAGE, image(100, 100, data=with_jpeg_size(PROGRESSIVE, 20_000, 20_000),
                                      codec=b'/DCTDecode')),
    'inline JPEG whose header is far larger than its dictionary': one_page(
        b'<< >>', inline_image(b'/W 100 /H 100 /CS /G /BPC 8 /F /DCT', with_jpeg_size(PROGRESSIVE, 20_000, 20_000))),
    'JPEG 2000 whose header is far larger than its dictionary': one_page(
        xobject(5), DRAW_IMAGE, image(100, 100, data=with_jpx_size(small_jpx(), 20_000, 20_000),
                                      codec=b'/JPXDecode')),
    'image nested in a form in a pattern in a Type 3 glyph in a soft mask': one_page(
        b'<< /ExtGState << /GS0 5 0 R >> >>', b'/GS0 gs ' + FILL_PAGE, soft_mask(6),
        form(b'<< /Pattern << /P0 7 0 R >> >>', b'/Pattern cs /P0 scn ' + FILL_PAGE),
        tiling_pattern(b'<< /Font << /F1 8 0 R >> >>', b'BT /F1 842 Tf 0 0 Td (a) Tj ET'),
        type3_font(b'<< /XObject << /Fm0 10 0 R >> >>', 9), stream(b'', b'1000 0 d0 /Fm0 Do'),
        form(xobject(11), DRAW_IMAGE), image(30_000, 30_000)),
}


NESTED_FORMS = [form(b'<< /XObject << /Fm0 %d 0 R >> >>' % (number + 1), b'/Fm0 Do') for number in range(5, 17)]


def ordinary_pdf() -> bytes:
    """A sheet using every feature the bombs abuse, harmlessly: a JPEG and a JPEG 2000 of their true size, a Type 3
    font drawing a square, a tiling pattern and a soft mask without images, and three small inline images."""
    content = b'\n'.join([
        b'q 128 0 0 96 50 700 cm /Im0 Do Q q 128 0 0 96 250 700 cm /Im1 Do Q',
        b'BT /F1 50 Tf 50 600 Td (aaa) Tj ET',
        b'q /Pattern cs /P0 scn 50 400 200 150 re f Q q /GS0 gs 300 400 200 150 re f Q',
        inline_image(b'/W 8 /H 8 /CS /G /BPC 8', b'\x80' * 64, b'80 0 0 80 50 250'),
        inline_image(b'/W 64 /H 48 /CS /G /BPC 8 /F /DCT', small_jpeg(), b'64 0 0 48 200 250'),
        inline_image(b'/W 8 /H 8 /CS /G /BPC 8 /F /Fl', zlib.compress(bytes(64)), b'80 0 0 80 350 250'),
    ])
    resources = (b'<< /XObject << /Im0 5 0 R /Im1 6 0 R >> /Font << /F1 7 0 R >> /Pattern << /P0 9 0 R >> '
                 b'/ExtGState << /GS0 10 0 R >> >>')
    return one_page(resources, content, image(64, 48, data=small_jpeg(), codec=b'/DCTDecode'),
                    image(64, 48, data=small_jpx(), codec=b'/JPXDecode'), type3_font(b'<< >>', 8),
                    stream(b'', b'1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f'),
                    tiling_pattern(b'<< >>', b'0.5 g 0 0 10 10 re f', (20, 20)), soft_mask(11),
                    form(b'<< >>', b'1 g ' + FILL_PAGE, b'/Group << /S /Transparency /CS /DeviceGray >>'))


def rendering_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def render(*_args: object) -> None:
        raise AssertionError('rendered a bomb')
    monkeypatch.setattr(pdfinput, 'render_sheet', render)


def refusal_key(data: bytes, monkeypatch: pytest.MonkeyPatch) -> str:
    """The key both the check alone and the whole import refuse ``data`` with (they must agree), nothing rendered."""
    rendering_refused(monkeypatch)
    with pytest.raises(InvalidInput) as checked:
        check_sheets(PdfReader(io.BytesIO(data), strict=False), LIMITS)
    with pytest.raises(InvalidInput) as imported:
        prepare_scan(data, 'statement.pdf', LIMITS)
    assert imported.value.key == checked.value.key
    return checked.value.key


@pytest.mark.parametrize('kind', list(BOMBS))
def test_a_hidden_bomb_image_is_refused_before_anything_is_rendered(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(BOMBS[kind]) < 8_000  # a few kilobytes on the wire
    assert refusal_key(BOMBS[kind], monkeypatch) == TOO_LARGE


def test_a_jpeg_whose_header_disagrees_with_its_dictionary_is_refused_as_damaged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = one_page(xobject(5), DRAW_IMAGE, image(64, 50, data=small_jpeg(64, 48), codec=b'/DCTDecode'))
    assert refusal_key(data, monkeypatch) == 'documents.error.pdf_invalid'


def inflating(size: int) -> bytes:
    """``size`` zero bytes, compressed: about a thousandth of that on the wire."""
    return zlib.compress(bytes(size), 9)


FONT = (b'<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 97 /LastChar 97 /Widths [500] '
        b'/FontDescriptor << /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 '
        b'/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 6 0 R >> >>')
WHOLE_STREAM_BOMBS = {  # PDFium decodes each of these in full: 9 MB of content, 33 MB of anything else
    'page content': lambda: one_page(b'<< >>', inflating(9_000_000), content_entries=b'/Filter /FlateDecode'),
    'inline image data': lambda: one_page(
        b'<< >>', inline_image(b'/W 10 /H 10 /CS /G /BPC 8 /F /Fl', inflating(9_000_000))),
    'JPEG behind a Flate filter': lambda: one_page(xobject(5), DRAW_IMAGE, image(
        64, 48, data=zlib.compress(small_jpeg() + bytes(33_000_000), 9), codec=b'[/FlateDecode /DCTDecode]')),
    'embedded font program': lambda: one_page(
        b'<< /Font << /F1 5 0 R >> >>', b'BT /F1 24 Tf 50 700 Td (a) Tj ET', FONT,
        stream(b'/Filter /FlateDecode', inflating(33_000_000))),
    'colour profile': lambda: one_page(
        b'<< /ColorSpace << /CS0 [/ICCBased 5 0 R] >> >>', b'/CS0 cs 0.5 sc ' + FILL_PAGE,
        stream(b'/N 1 /Filter /FlateDecode', inflating(33_000_000))),
    'sampled function of a shading': lambda: one_page(
        b'<< /Shading << /Sh0 5 0 R >> >>', b'/Sh0 sh',
        b'<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 595 842] /Function 6 0 R >>',
        stream(b'/FunctionType 0 /Domain [0 1] /Range [0 1] /Size [33000000] /BitsPerSample 8 /Filter /FlateDecode',
               inflating(33_000_000))),
    'mesh shading in a pattern': lambda: one_page(
        b'<< /Pattern << /P0 << /PatternType 2 /Shading 5 0 R >> >> >>', b'/Pattern cs /P0 scn ' + FILL_PAGE,
        stream(b'/ShadingType 4 /ColorSpace /DeviceGray /BitsPerCoordinate 16 /BitsPerComponent 8 /BitsPerFlag 8 '
               b'/Decode [0 595 0 842 0 1] /Filter /FlateDecode', inflating(33_000_000))),
}


@pytest.mark.parametrize('kind', list(WHOLE_STREAM_BOMBS))
def test_a_stream_that_would_be_inflated_whole_beyond_its_bound_is_refused_as_too_complex(
        kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = WHOLE_STREAM_BOMBS[kind]()
    assert len(data) < 40_000
    assert refusal_key(data, monkeypatch) == 'documents.error.pdf_too_complex'


def test_an_inline_image_dictionary_too_long_to_read_is_refused_as_too_complex(monkeypatch: pytest.MonkeyPatch) -> None:
    data = one_page(b'<< >>', inline_image(b'/Pad (%s) /W 30000 /H 30000 /CS /G /BPC 8' % (b'x' * 20_000)))
    assert refusal_key(data, monkeypatch) == 'documents.error.pdf_too_complex'


def test_an_image_inflated_twice_is_refused_as_damaged(monkeypatch: pytest.MonkeyPatch) -> None:
    data = one_page(xobject(5), DRAW_IMAGE, image(10, 10, data=zlib.compress(ZEROS), codec=b'[/Fl /FlateDecode]'))
    assert refusal_key(data, monkeypatch) == 'documents.error.pdf_invalid'


def test_drawings_nested_deeper_than_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = one_page(b'<< /XObject << /Fm0 5 0 R >> >>', b'/Fm0 Do', *NESTED_FORMS, form(b'<< >>', FILL_PAGE))
    assert refusal_key(data, monkeypatch) == 'documents.error.pdf_invalid'


def test_a_form_that_draws_itself_is_walked_once() -> None:
    data = one_page(b'<< /XObject << /Fm0 5 0 R >> >>', b'/Fm0 Do',
                    form(b'<< /XObject << /Fm0 5 0 R /Im0 6 0 R >> >>', b'/Fm0 Do ' + DRAW_IMAGE), image(100, 100))
    check_sheets(PdfReader(io.BytesIO(data), strict=False), LIMITS)  # returns: no endless walk, no refusal


def test_an_ordinary_pdf_using_the_same_features_is_accepted() -> None:
    data = ordinary_pdf()
    check_sheets(PdfReader(io.BytesIO(data), strict=False), LIMITS)
    prepared = prepare_scan(data, 'statement.pdf', LIMITS)
    assert (prepared.source, prepared.sheets, max(prepared.width, prepared.height)) == ('pdf', 1, 1280)
