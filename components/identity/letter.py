"""The activation letter: the one-time code on paper, with what to do with it.

Printed in the addressee's language when its catalogue has the letter's texts, else in the language of
the person issuing it. When a letter is on the page, printing shows only the letter.
"""
from collections.abc import Callable

from nicegui import ui

from portal.core import routes
from portal.core.i18n import LANGUAGES, TIMEZONE, Translator, catalogue
from portal.identity.activation import IssuedCode

PRINT_CSS = '''
@media print {
  .portal-main:has(.portal-letter) :not(.portal-letter, .portal-letter *, :has(.portal-letter)) {
    display: none !important;
  }
  .portal-main:has(.portal-letter) { max-width: none !important; padding: 0 !important; }
  .portal-letter.q-card { box-shadow: none !important; border: none !important; font-size: 12pt; }
  .portal-letter .portal-code { font-size: 20pt !important; }
}
.portal-letter ol { list-style: decimal; }
.portal-letter .portal-code { font-size: clamp(1.25rem, 6vw, 1.75rem); letter-spacing: 0.12em; white-space: nowrap; }
'''


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
        ui.label(district).classes('text-subtitle1 text-weight-medium')
        ui.label(t('letter.date', date=t.date(issued.issued_at.astimezone(TIMEZONE).date(), 'long')))
        ui.label(t('letter.title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('letter.greeting', name=issued.name)).classes('text-body1')
        ui.label(t('letter.intro')).classes('text-body1')
        _codes(issued, t)
        _steps(t, str(public_url).rstrip('/') + routes.ACTIVATE, staff=issued.customer is None)
        ui.label(t('letter.once')).classes('text-body2')
        ui.label(t('letter.secret')).classes('text-body2')
        with ui.row().classes('gap-2 no-print'):  # design.py hides .no-print on paper
            ui.button(t('letter.print'), icon='print', on_click=on_print).props('unelevated no-caps').mark('print')
            ui.button(t('letter.close'), icon='close', on_click=on_close).props('outline no-caps').mark('close-letter')
    return letter


def _codes(issued: IssuedCode, t: Translator) -> None:
    expires = issued.expires_at.astimezone(TIMEZONE)
    with ui.element('dl').classes('column gap-1 q-my-md'):
        _entry(t('field.email') if issued.customer is None else t('field.customer_number'), issued.identifier,
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
