"""The customer form: master data of a new customer, or of one to edit or only to read.

One column on a phone, two on a desktop. U25 is not typed: it follows from the date of birth and is
shown as soon as a date is entered. Required fields carry a visible * and ``aria-required``; the problems a
save returns are shown under their fields, all at once.
"""
from collections.abc import Awaitable, Callable, Mapping
from datetime import date

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from components.core.busy import busy_button
from portal.core.i18n import LANGUAGES, Translator
from portal.people.customer_rules import REQUIRED, CustomerDraft
from portal.people.models import is_under_25
from portal.people.views import CustomerChoices, CustomerView

PERSON = (('first_name', 'field.first_name', 'first-name', 'text'),
          ('last_name', 'field.last_name', 'last-name', 'text'))
CONTACT = (('email', 'field.email', 'email', 'email'), ('phone', 'field.phone', 'phone', 'tel'),
           ('street', 'field.street', 'street', 'text'), ('postcode', 'field.postcode', 'postcode', 'text'),
           ('city', 'field.city', 'city', 'text'))
BENEFIT = (('community_number', 'field.community_number', 'community-number', 'text'),)
GRID = 'grid grid-cols-1 md:grid-cols-2 gap-x-4 gap-y-2 w-full'
Problems = Mapping[str, str]  # translated message by the draft's field name


def customer_form(customer: CustomerView | None, *, choices: CustomerChoices, t: Translator, today: date,
                  on_save: Callable[[CustomerDraft], Awaitable[Problems]] | None = None) -> ui.element:
    """Inputs for every field; without ``on_save`` everything is read-only and there is no save button.

    ``on_save(draft)`` returns the problems by field name (empty when saved); each is shown under its field.
    """
    readonly = on_save is None
    with ui.element('div').classes('column gap-2 w-full') as root:
        if not readonly:
            ui.label(t('form.required_note')).classes('text-body2')
        fields = _person(customer, t, readonly)
        u25 = ui.label().classes('text-body1').mark('u25')
        _section(t('customers.section_contact'))
        with ui.element('div').classes(GRID):
            fields |= _inputs(CONTACT, customer, t, readonly)
        _section(t('customers.section_responsibility'))
        with ui.element('div').classes(GRID):
            fields['team_id'], fields['case_worker_id'] = _responsibility(customer, choices, t, readonly)
            fields |= _inputs(BENEFIT, customer, t, readonly)
        born = fields['date_of_birth']
        born.on_value_change(lambda: _show_u25(u25, born.value, today, t))
        _show_u25(u25, born.value, today, t)
        if on_save is not None:
            _save_button(fields, t, on_save)
    return root


def _person(customer: CustomerView | None, t: Translator, readonly: bool) -> dict[str, ValidationElement]:
    _section(t('customers.section_person'))
    with ui.element('div').classes(GRID):
        if customer is not None:
            _input(t('field.customer_number'), customer.customer_number, 'customer-number', readonly=True)
        fields: dict[str, ValidationElement] = _inputs(PERSON, customer, t, readonly)
        fields['date_of_birth'] = _input(
            _label(t, 'field.date_of_birth', 'date_of_birth', readonly),
            customer.date_of_birth.isoformat() if customer else '', 'date-of-birth', readonly=readonly,
            kind='date', required=True)
        fields['preferred_language'] = _select(
            {code: lang.native_name for code, lang in LANGUAGES.items()}, t('field.language'),
            customer.preferred_language if customer else 'de', 'language', readonly=readonly)
    return fields


def _save_button(fields: dict[str, ValidationElement], t: Translator,
                 on_save: Callable[[CustomerDraft], Awaitable[Problems]]) -> None:
    for field in fields.values():  # a problem shown under a field goes away once the field is changed
        field.on_value_change(lambda _, field=field: setattr(field, 'error', None))

    async def on_click() -> None:
        values = {name: field.value for name, field in fields.items()}
        problems = await on_save(CustomerDraft(
            date_of_birth=_date(values.pop('date_of_birth')), team_id=values.pop('team_id'),
            preferred_language=values.pop('preferred_language') or 'de', case_worker_id=values.pop('case_worker_id'),
            **{name: value or '' for name, value in values.items()}))
        _show_problems(fields, problems)

    busy_button(t('form.save'), icon='save', on_click=on_click).classes('self-start').mark('save')


def _show_problems(fields: dict[str, ValidationElement], problems: Problems) -> None:
    """Each field gets its problem or none; the first field with a problem gets the focus."""
    if not problems or any(field.is_deleted for field in fields.values()):  # saved: the form may be redrawn
        return
    for name, field in fields.items():
        field.error = problems.get(name)
    first = next((field for name, field in fields.items() if name in problems), None)
    if first is not None:
        first.run_method('focus')


def _section(title: str) -> None:
    ui.label(title).classes('text-subtitle1 text-weight-medium q-mt-sm').props('role=heading aria-level=3')


def _label(t: Translator, key: str, name: str, readonly: bool) -> str:
    return f'{t(key)} *' if name in REQUIRED and not readonly else t(key)


def _inputs(specs: tuple, customer: CustomerView | None, t: Translator,
            readonly: bool) -> dict[str, ValidationElement]:
    return {name: _input(_label(t, label, name, readonly), getattr(customer, name, None) or '', marker,
                         readonly=readonly, kind=kind, required=name in REQUIRED)
            for name, label, marker, kind in specs}


def _input(label: str, value: str, marker: str, *, readonly: bool, kind: str = 'text',
           required: bool = False) -> ui.input:
    field = ui.input(label, value=value).props(f'outlined type={kind} autocomplete=off').classes('w-full')
    if kind == 'date':
        field.props('stack-label')
    if readonly:
        field.props('readonly')
    elif required:
        field.props('aria-required=true')
    return field.mark(marker)


def _select(options: dict, label: str, value: object, marker: str, *, readonly: bool,
            clearable: bool = False, required: bool = False) -> ui.select:
    select = ui.select(options, label=label, value=value, clearable=clearable and not readonly)
    select.props('outlined behavior=menu' + (' readonly' if readonly else '')).classes('w-full')
    if required and not readonly:
        select.props('aria-required=true')
    return select.mark(marker)


def _responsibility(customer: CustomerView | None, choices: CustomerChoices, t: Translator,
                    readonly: bool) -> tuple[ui.select, ui.select]:
    """Team and case worker; the case workers offered are those of the chosen team."""
    teams = {team.id: f'{team.name} – {team.location_name}' for team in choices.teams}
    chosen = customer.team_id if customer else (next(iter(teams)) if len(teams) == 1 else None)
    current = customer.case_worker_id if customer else None

    def workers() -> dict[int, str]:
        keep = current if customer is not None and team.value == customer.team_id else None
        return {worker.id: worker.name for worker in choices.case_workers
                if team.value in worker.team_ids or worker.id == keep}

    team = _select(teams, _label(t, 'field.team', 'team_id', readonly), chosen, 'team', readonly=readonly,
                   required=True)
    worker = _select(workers(), t('field.case_worker'), current, 'case-worker', readonly=readonly, clearable=True)

    def on_team() -> None:
        options = workers()
        worker.set_options(options, value=worker.value if worker.value in options else None)

    team.on_value_change(on_team)
    return team, worker


def _show_u25(label: ui.label, text: str | None, today: date, t: Translator) -> None:
    born = _date(text)
    if born is None:
        label.text = t('customers.u25_unknown')
    else:
        label.text = t('customers.u25_yes') if is_under_25(born, today) else t('customers.u25_no')


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or '')
    except ValueError:
        return None
