"""Decompression bombs in imported PDFs: sheets of impossible size and images of enormous declared size are
refused with a translated message before anything is rendered; ordinary PDFs with pictures still pass."""
import io
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, PdfObject, StreamObject

from portal.core.errors import InvalidInput
from portal.core.i18n import Translator, error_message
from portal.documents import prepare_scan
from portal.documents.pdfinput import MAX_RENDER_SIDE, render_sheet
from portal.documents.render import PREVIEW_SIDE, THUMBNAIL_SIDE
from tests.support.photos import LIMITS

GERMAN = Translator('de')


def pdf_of_size(width: float, height: float, **entries: PdfObject) -> bytes:
    """A blank sheet of ``width`` x ``height`` pt, with more sheet ``entries`` (``UserUnit=NumberObject(2)``)."""
    writer = PdfWriter()
    sheet = writer.add_blank_page(width, height)
    sheet.update({NameObject(f'/{key}'): value for key, value in entries.items()})
    return _written(writer)


def pdf_with_image(width: int, height: int, *, how: str = 'xobject') -> bytes:
    """An A4 sheet drawing a grey image that declares ``width`` x ``height`` pixels but holds a tiny compressed
    body (a bomb's shape): as an image XObject, inside a form XObject, or inline in the content."""
    writer = PdfWriter()
    sheet = writer.add_blank_page(595, 842)
    if how == 'inline':
        content = f'q 595 0 0 842 0 0 cm BI /W {width} /H {height} /CS /G /BPC 8 /F /Fl ID '.encode() + \
            zlib.compress(b'\x80' * 1000) + b'\nEI Q'
        sheet[NameObject('/Contents')] = writer._add_object(_stream(content, {}))
        return _written(writer)
    image = writer._add_object(_stream(zlib.compress(b'\x80' * min(width * height, 1_000_000)), {
        '/Type': NameObject('/XObject'), '/Subtype': NameObject('/Image'), '/Width': NumberObject(width),
        '/Height': NumberObject(height), '/ColorSpace': NameObject('/DeviceGray'),
        '/BitsPerComponent': NumberObject(8), '/Filter': NameObject('/FlateDecode')}))
    drawn, name = image, '/Im0'
    if how == 'form':
        drawn, name = writer._add_object(_stream(b'q 595 0 0 842 0 0 cm /Im0 Do Q', {
            '/Type': NameObject('/XObject'), '/Subtype': NameObject('/Form'),
            '/BBox': ArrayObject([FloatObject(0), FloatObject(0), FloatObject(595), FloatObject(842)]),
            '/Resources': _xobjects('/Im0', image)})), '/Fm0'
    sheet[NameObject('/Resources')] = _xobjects(name, drawn)
    sheet[NameObject('/Contents')] = writer._add_object(_stream(f'q 595 0 0 842 0 0 cm {name} Do Q'.encode(), {}))
    return _written(writer)


def refusal(data: bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        prepare_scan(data, 'statement.pdf', LIMITS)
    return error_message(GERMAN, refused.value)


@pytest.mark.parametrize('size', [(20_000, 20_000), (14_000, 10), (0, 0)])
def test_a_pdf_page_of_impossible_size_is_refused(size: tuple[float, float]) -> None:
    assert refusal(pdf_of_size(*size)).startswith('Eine Seite dieser PDF-Datei hat kein mögliches Papierformat.')


@pytest.mark.parametrize('how', ['xobject', 'form', 'inline'])
def test_a_pdf_image_of_enormous_declared_size_is_refused_before_rendering(how: str) -> None:
    message = refusal(pdf_with_image(30_000, 30_000, how=how))  # 900 megapixels declared, a few kB stored
    assert message.startswith('Diese PDF-Datei enthält ein zu großes Bild (höchstens 50 Megapixel).')


@pytest.mark.parametrize('how', ['xobject', 'form', 'inline'])
def test_a_pdf_with_an_ordinary_picture_is_accepted(how: str) -> None:
    prepared = prepare_scan(pdf_with_image(1000, 1000, how=how), 'statement.pdf', LIMITS)
    assert (prepared.source, prepared.sheets) == ('pdf', 1)
    assert max(prepared.width, prepared.height) == 1280  # the preview stays bounded


def test_a_long_receipt_and_a_large_poster_page_are_still_accepted() -> None:
    for size in ((227, 2268), (2384, 3370)):  # 80 mm x 80 cm till roll, A0
        assert prepare_scan(pdf_of_size(*size), 'scan.pdf', LIMITS).sheets == 1


@pytest.mark.parametrize('size, entries', [((14_400, 14_400), {'UserUnit': NumberObject(75_000)}),
                                           ((595, 842), {'Rotate': NumberObject(90)}), ((3, 3), {}),
                                           ((10, 14_400), {})])
def test_a_page_is_never_rendered_larger_than_the_preview_whatever_its_size(
        size: tuple[float, float], entries: dict[str, PdfObject]) -> None:
    data = pdf_of_size(*size, **entries)  # rendered unchecked: the cap must hold on its own
    for asked, expected in ((5_000, MAX_RENDER_SIDE), (PREVIEW_SIDE, PREVIEW_SIDE), (THUMBNAIL_SIDE, THUMBNAIL_SIDE)):
        picture = render_sheet(data, 0, asked)
        assert picture is not None and max(picture.shape[:2]) == expected


def _stream(data: bytes, entries: dict) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)
    stream.update({NameObject(key): value for key, value in entries.items()})
    return stream


def _xobjects(name: str, reference: object) -> DictionaryObject:
    return DictionaryObject({NameObject('/XObject'): DictionaryObject({NameObject(name): reference})})


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
