"""A member of staff: the card shown in the list, and the form to create or change one."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.busy import busy_button
from portal.core.i18n import Translator
from portal.identity.roles import STAFF_ROLES, Role
from portal.people.organisation import StaffDraft
from portal.people.views import LocationView, StaffMember, TeamView

ROLE_ORDER = (Role.CASEWORKER, Role.RECEPTION, Role.ADMIN)


def staff_card(member: StaffMember, *, t: Translator, where: str, on_edit: Callable[[], None],
               on_letter: Callable[[], Awaitable[None]], on_reset: Callable[[], None]) -> ui.card:
    """Name, roles, location and teams (``where``), account state, and the actions on the member."""
    staff = member.staff
    with ui.card().classes('portal-card q-pa-md gap-1').mark('staff-card', f'staff-{staff.id}') as card:
        ui.label(f'{staff.first_name} {staff.last_name}').classes('text-subtitle1 text-weight-medium').props(
            'role=heading aria-level=3')
        ui.label(staff.email).classes('text-body2').props('dir=ltr')
        if staff.phone:
            ui.label(staff.phone).classes('text-body2').props('dir=ltr')
        with ui.row().classes('gap-1'):
            for role in ROLE_ORDER:
                if role.value in staff.roles:
                    ui.badge(t(f'role.{role.value}')).props('color=secondary')
        ui.label(where).classes('text-body2')
        ui.label(t('staff.activated' if member.activated else 'staff.not_activated')).classes('text-body2')
        ui.label(t('staff.second_factor_set' if member.second_factor else 'staff.second_factor_missing')).classes(
            'text-body2').mark('second-factor-state')
        with ui.row().classes('gap-2 q-mt-sm'):
            ui.button(t('staff.edit'), icon='edit', on_click=on_edit).props('outline no-caps').mark('edit-staff')
            busy_button(t('staff.letter'), icon='mail', on_click=on_letter, props='outline no-caps').mark(
                'staff-letter')
            if member.second_factor:
                ui.button(t('staff.reset_second_factor'), icon='phonelink_erase', on_click=on_reset).props(
                    'outline no-caps color=negative').mark('reset-second-factor')
    return card


def staff_form(member: StaffMember | None, *, locations: Sequence[LocationView], teams: Sequence[TeamView],
               t: Translator,
               on_save: Callable[[StaffDraft], Awaitable[None]], on_cancel: Callable[[], None] | None = None
               ) -> ui.element:
    """Names, e-mail, phone, location, roles as checkboxes and teams; ``on_save`` gets the draft."""
    staff = member.staff if member else None
    with ui.element('div').classes('column gap-2 w-full') as root:
        with ui.element('div').classes('grid grid-cols-1 md:grid-cols-2 gap-x-4 gap-y-2 w-full'):
            first = _input(t('field.first_name'), staff.first_name if staff else '', 'staff-first-name')
            last = _input(t('field.last_name'), staff.last_name if staff else '', 'staff-last-name')
            email = _input(t('field.email'), staff.email if staff else '', 'staff-email').props('type=email')
            phone = _input(t('field.phone'), (staff.phone if staff else None) or '', 'staff-phone').props('type=tel')
            location = ui.select({place.id: place.name for place in locations}, label=t('field.location'),
                                 value=staff.location_id if staff else None).mark('staff-location')
            team_select = ui.select({team.id: team.name for team in teams}, label=t('field.teams'), multiple=True,
                                    value=list(member.team_ids) if member else []).mark('staff-teams')
        for select in (location, team_select):
            select.props('outlined behavior=menu').classes('w-full')
        team_select.props('use-chips')
        boxes = _role_boxes(staff.roles if staff else [], t)

        async def on_click() -> None:
            await on_save(StaffDraft(first.value or '', last.value or '', email.value or '', location.value,
                                     frozenset(role.value for role, box in boxes.items() if box.value),
                                     frozenset(team_select.value or ()), phone.value or ''))

        with ui.row().classes('gap-2'):
            busy_button(t('form.save'), icon='save', on_click=on_click).mark('save-staff')
            if on_cancel is not None:
                ui.button(t('form.cancel'), on_click=on_cancel).props('flat no-caps').mark('cancel')
    return root


def _role_boxes(held: Sequence[str], t: Translator) -> dict[Role, ui.checkbox]:
    """One checkbox per staff role, grouped under the label "Roles" (a fieldset with legend)."""
    with ui.element('fieldset').classes('q-pa-sm').style('border: 1px solid #8a8a8a; border-radius: 4px'):
        with ui.element('legend').classes('q-px-xs'):
            ui.label(t('field.roles'))
        return {role: ui.checkbox(t(f'role.{role.value}'), value=role.value in held).mark(f'role-{role.value}')
                for role in ROLE_ORDER if role in STAFF_ROLES}


def _input(label: str, value: str, marker: str) -> ui.input:
    return ui.input(label, value=value).props('outlined autocomplete=off').classes('w-full').mark(marker)
