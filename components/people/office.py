"""How to reach the job centre: an office's address and opening hours, and a customer's contact (case worker or
team, phone and e-mail as links, the office with whether it is open today). Weekdays and times in the reader's
language; numbers and addresses read left to right in every language."""
import re

from nicegui import ui

from portal.core.i18n import Translator
from portal.people.contact import Contact
from portal.people.hours import by_day, day_text, today_text
from portal.people.views import LocationView

LTR = '\u2066{}\u2069'  # isolated left to right: an RTL page would turn "05121 123-456" into "123-456 05121"


def office_card(location: LocationView, *, t: Translator, heading: str) -> ui.card:
    with ui.card().classes('portal-card') as card:
        ui.label(heading).classes('text-h6').props('role=heading aria-level=2')
        _office(location, t=t, today=None)
    return card


def contact_card(contact: Contact, *, t: Translator) -> ui.card:
    """Who looks after the customer, how to call or write, and where and when the office is open."""
    with ui.card().classes('portal-card').mark('contact') as card:
        ui.label(t('home.contact')).classes('text-h6').props('role=heading aria-level=2')
        if contact.case_worker:
            ui.label(t('home.case_worker', name=contact.case_worker)).classes('text-body1 text-weight-medium') \
                .mark('case-worker')
        ui.label(t('home.your_team', team=contact.team)).classes('text-body1')
        with ui.column().classes('w-full gap-2 q-my-sm'):
            if contact.phone:
                _link_button(t('home.call', phone=LTR.format(contact.phone)), 'call', f'tel:{_dialable(contact.phone)}',
                             'contact-phone')
            if contact.email:
                _link_button(t('home.write', email=LTR.format(contact.email)), 'mail', f'mailto:{contact.email}',
                             'contact-email')
            if not (contact.phone or contact.email):
                ui.label(t('home.visit_us')).classes('text-body1')
        ui.separator()
        _office(contact.office, t=t, today=contact.weekday)
    return card


def _office(location: LocationView, *, t: Translator, today: int | None) -> None:
    ui.label(location.name).classes('text-body1 text-weight-medium q-mt-sm')
    ui.label(f'{location.street}, {location.postcode} {location.city}').classes('text-body1')
    if today is not None:
        ui.label(today_text(t, location.opening_hours, today)).classes('text-body1 text-weight-medium') \
            .mark('open-today')
    ui.label(t('office.opening_hours')).classes('text-subtitle2 q-mt-sm')
    with ui.element('dl').classes('text-body2'):
        for day, hours in by_day(location.opening_hours):
            with ui.element('div').classes('row gap-2'):
                with ui.element('dt').classes('min-w-[7rem]'):
                    ui.label(t.weekday(day))
                with ui.element('dd'):
                    ui.label(day_text(t, hours))


def _link_button(text: str, icon: str, href: str, marker: str) -> ui.button:
    """A link that looks like a button: big enough to tap, the whole line its target."""
    return ui.button(text, icon=icon).props(f'outline no-caps align=left href="{href}"').classes('w-full').mark(marker)


def _dialable(phone: str) -> str:
    """Digits and a leading plus only: what a phone dials from a tel: link (and nothing that could break out)."""
    digits = re.sub(r'[^0-9+]', '', phone)
    return digits[:1] + digits[1:].replace('+', '')
