"""A document's status has one colour everywhere, from the design module, readable as white text on it."""
from components.core import design
from components.documents.document_cards import STATUS_COLOURS
from portal.documents import STATUSES


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_status_has_a_design_colour_with_white_text_at_4_5_to_1() -> None:
    for status in STATUSES:
        colour = getattr(design, STATUS_COLOURS[status].upper())
        assert contrast('#ffffff', colour) >= 4.5, (status, colour)
