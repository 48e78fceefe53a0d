"""One team's chat settings for admins: the concerns it answers, and a place for its office hours."""
from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from components.core.busy import busy_button
from portal.chat.settings import TeamChatView
from portal.core.i18n import Translator
from portal.people.hours import day_text


def team_chat_card(team: TeamChatView, *, concerns: Sequence[str], t: Translator,
                   on_save: Callable[[list[str]], Awaitable[None]]) -> tuple[ui.card, ui.element]:
    """(the card, the empty element for the hours editor); ``on_save`` gets the concerns ticked."""
    with ui.card().classes('portal-card q-pa-md gap-2').mark(f'team-chat-{team.team_id}') as card:
        ui.label(team.team_name).classes('text-h6').props('role=heading aria-level=2 dir=auto')
        ui.label(team.location_name).classes('text-body2 text-grey-7').props('dir=auto')
        with ui.element('div').classes('column gap-1').props(f'role=group aria-label="{t("chat.settings.concerns")}"'):
            ui.label(t('chat.settings.concerns')).classes('text-subtitle2')
            ticked = {concern: ui.checkbox(t(f'chat.concern.{concern}'), value=concern in team.concerns).mark(
                f'concern-{concern}') for concern in concerns}
        ui.label(t('chat.settings.own_hours')).classes('text-subtitle2')
        ui.label(t('chat.settings.location_hours', hours=_hours(team, t))).classes('text-body2')
        slot = ui.element('div').classes('w-full')

        async def save() -> None:
            await on_save([concern for concern, box in ticked.items() if box.value])
        busy_button(t('form.save'), icon='save', on_click=save).classes('self-start').mark('save-team-chat')
    return card, slot


def _hours(team: TeamChatView, t: Translator) -> str:
    days: dict[int, list[tuple[str, str]]] = {}
    for day, opens, closes in team.location_hours:
        days.setdefault(day, []).append((opens, closes))
    return '; '.join(f'{t.weekday(day)} {day_text(t, hours)}' for day, hours in sorted(days.items())) or '–'
