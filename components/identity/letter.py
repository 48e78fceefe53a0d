"""The activation letter: the one-time code on paper, with what to do with it.

Printed in the addressee's language when its catalogue has the letter's texts, else in the language of
the person issuing it. When a letter is on the page, printing shows only the letter, laid out for a window
envelope (DIN 5008 form B): the address field 20 mm from the left and 45 mm from the top, 85 × 45 mm, with the
return line in its upper part; beside it the job centre's contact (office, address, phone, e-mail, opening
hours); the text from 98.5 mm down; fold marks at 105 and 210 mm and a punch mark at 148.5 mm.
"""
from collections.abc import Callable

from nicegui import ui

from portal.core import routes
from portal.core.i18n import LANGUAGES, TIMEZONE, Translator, catalogue
from portal.identity.activation import IssuedCode
from portal.people.hours import alike_days, day_text
from portal.people.views import LocationView

PRINT_CSS = '''
@page portal-letter { size: A4; margin: 0; }
@media print {
  .portal-main:has(.portal-letter) :not(.portal-letter, .portal-letter *, :has(.portal-letter)) {
    display: none !important;
  }
  .portal-main:has(.portal-letter) { max-width: none !important; padding: 0 !important; }
  /* the letter's ancestors neither move it nor give it a frame: the sheet starts at the paper's corner */
  body :has(> * .portal-letter), body :has(> .portal-letter) {
    position: static !important; padding: 0 !important; margin: 0 !important; border: 0 !important;
    box-shadow: none !important; min-height: 0 !important;
  }
  .portal-letter.q-card {
    page: portal-letter; position: absolute !important; top: 0; left: 0; width: 210mm; height: 296mm;
    margin: 0; padding: 0 !important; box-shadow: none !important; border: none !important; border-radius: 0;
    overflow: hidden; font-size: 11pt; color: #000;
  }
  .portal-letter-head { display: block !important; }
  .portal-letter-window { position: absolute; top: 45mm; left: 20mm; width: 85mm; height: 45mm; margin: 0;
    box-sizing: border-box; }
  .portal-letter-return { height: 17.7mm; font-size: 7pt; white-space: nowrap; overflow: hidden;
    text-overflow: ellipsis; }
  .portal-letter-address { height: 27.3mm; padding-top: 1mm; font-size: 10pt; line-height: 1.25; }
  .portal-letter-info { position: absolute; top: 50mm; left: 125mm; width: 75mm; margin: 0; font-size: 9pt;
    line-height: 1.3; }
  .portal-letter-body { position: absolute; top: 98.5mm; left: 25mm; width: 165mm; margin: 0; }
  .portal-letter-body .text-h6 { font-size: 13pt; }
  .portal-letter .portal-code { font-size: 18pt !important; }
  .portal-letter-mark { display: block !important; position: absolute; left: 4mm; width: 5mm;
    border-top: 0.3pt solid #000; }
}
.portal-letter ol { list-style: decimal; }
.portal-letter .portal-code { font-size: clamp(1.25rem, 6vw, 1.75rem); letter-spacing: 0.12em; white-space: nowrap; }
.portal-letter-head { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
.portal-letter-window { width: 85mm; max-width: 100%; }
.portal-letter-return { display: flex; align-items: flex-end; padding-bottom: 1mm; border-bottom: 0.5pt solid #000;
  font-size: 0.75rem; }
.portal-letter-mark { display: none; }
'''
MARKS_MM = (105, 148.5, 210)  # fold, punch, fold


def letter_translator(language: str, fallback: Translator) -> Translator:
    """The addressee's language if the letter is translated into it; never a mix of two languages."""
    if language in LANGUAGES and 'letter.title' in catalogue(language):
        return Translator(language)
    return fallback


def print_page() -> None:
    """The browser's print dialog; ``PRINT_CSS`` leaves only the letter on the paper."""
    ui.run_javascript('window.print()')


def activation_letter(issued: IssuedCode, *, t: Translator, district: str, public_url: str,
                      on_print: Callable[[], None], on_close: Callable[[], None]) -> ui.card:
    """The letter as a card, with Print and Close buttons that are not printed.

    ``public_url`` is the portal's public address; the letter sends people to its activation page.
    """
    ui.add_css(PRINT_CSS)
    with ui.card().classes('portal-card portal-letter q-pa-lg').props(
            f'lang={t.code} dir={t.direction}').mark('letter') as letter:
        for at in MARKS_MM:
            ui.element('div').classes('portal-letter-mark').style(f'top: {at}mm').props('aria-hidden=true')
        with ui.element('div').classes('portal-letter-head w-full'):
            _window(issued, district)
            _contact(issued.office, t, district, issued)
        with ui.element('div').classes('portal-letter-body column gap-2'):
            ui.label(t('letter.title')).classes('text-h6').props('role=heading aria-level=2')
            ui.label(t('letter.greeting', name=issued.name)).classes('text-body1')
            ui.label(t('letter.intro')).classes('text-body1')
            _codes(issued, t)
            _steps(t, str(public_url).rstrip('/') + routes.ACTIVATE, staff=not issued.for_customer)
            ui.label(t('letter.once')).classes('text-body2')
            ui.label(t('letter.secret')).classes('text-body2')
        with ui.row().classes('gap-2 no-print'):  # design.py hides .no-print on paper
            ui.button(t('letter.print'), icon='print', on_click=on_print).props('unelevated no-caps').mark('print')
            ui.button(t('letter.close'), icon='close', on_click=on_close).props('outline no-caps').mark('close-letter')
    return letter


def _window(issued: IssuedCode, district: str) -> None:
    """The address field behind the envelope's window: German postal convention, left to right in any language."""
    office = issued.office
    sender = [office.name, office.street, f'{office.postcode} {office.city}'] if office else [district]
    with ui.element('div').classes('portal-letter-window').props('dir=ltr lang=de').mark('letter-window'):
        ui.label(' · '.join(sender)).classes('portal-letter-return').mark('letter-return')
        with ui.element('div').classes('portal-letter-address').mark('letter-address'):
            for line in (issued.name, *issued.address):
                ui.label(line)


def _contact(office: LocationView | None, t: Translator, district: str, issued: IssuedCode) -> None:
    """The information block: who sends the letter, how to reach them and when, and the date."""
    with ui.element('div').classes('portal-letter-info column gap-0').mark('letter-contact'):
        ui.label(district).classes('text-weight-medium')
        if office is not None:
            ui.label(office.name).classes('text-weight-medium')
            ui.label(f'\u2066{office.street}\u2069')  # isolated: on the side of the block the letter reads from
            ui.label(f'\u2066{office.postcode} {office.city}\u2069')
            if office.phone:
                ui.label(t('letter.phone', phone=f'\u2066{office.phone}\u2069')).mark('letter-phone')
            if office.email:
                ui.label(t('letter.email', email=f'\u2066{office.email}\u2069'))
            if office.opening_hours:
                ui.label(t('office.opening_hours')).classes('text-weight-medium q-mt-xs')
                for days, hours in alike_days(office.opening_hours):
                    names = t('office.list_separator').join(t.weekday(day, 'abbreviated') for day in days)
                    ui.label(f'{names}: {day_text(t, hours)}').mark('letter-hours')
        ui.label(t('letter.date', date=t.date(issued.issued_at.astimezone(TIMEZONE).date(), 'long'))) \
            .classes('q-mt-xs')


def _codes(issued: IssuedCode, t: Translator) -> None:
    expires = issued.expires_at.astimezone(TIMEZONE)
    with ui.element('dl').classes('column gap-1 q-my-md'):
        _entry(t('field.email') if not issued.for_customer else t('field.customer_number'), issued.identifier,
               'letter-identifier')
        _entry(t('letter.code'), issued.code, 'letter-code', code=True)
        _entry(t('letter.valid_until'), t('letter.valid_until_value', date=t.date(expires.date(), 'long'),
                                          time=t.time(issued.expires_at)), 'letter-expiry', mono=False)


def _steps(t: Translator, activate_url: str, *, staff: bool) -> None:
    with ui.element('ol').classes('text-body1 q-pl-lg'):
        _tagged('li', t('letter.step_open', url=activate_url))
        _tagged('li', t('letter.step_enter_staff' if staff else 'letter.step_enter_customer'))
        _tagged('li', t('letter.step_password'))
        if staff:
            _tagged('li', t('letter.step_second_factor'))


def _entry(term: str, value: str, marker: str, *, code: bool = False, mono: bool = True) -> None:
    with ui.row().classes('gap-x-4 items-baseline'):
        _tagged('dt', term).classes('text-weight-medium min-w-[10rem]')
        definition = _tagged('dd', value, marker=marker).classes('portal-code' if code else '')
        if mono:  # codes and numbers read left to right in every language, in a font that tells 0 from O
            definition.classes('font-mono').props('dir=ltr')


def _tagged(tag: str, text: str, *, marker: str | None = None) -> ui.element:
    """An HTML element holding escaped text (a plain ``ui.element`` renders no ``.text``)."""
    with ui.element(tag) as element:
        label = ui.label(text)
    if marker:
        label.mark(marker)
    return element
