"""What staff do with a conversation: take it, assign it to a colleague, transfer it to another team with a note,
close it with a reason, reopen it; each change that needs more than a click asks in a dialog."""
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from nicegui import ui

from components.chat.field_error import show_error
from components.core.busy import busy_button
from portal.chat.handling import CLOSE_REASONS
from portal.chat.inbox import Colleague
from portal.chat.models import CLOSED
from portal.chat.views import ConversationView
from portal.core.i18n import Translator
from portal.people.views import TeamView


@dataclass(frozen=True)
class ActionHandlers:
    """Each returns True when the change was made (a dialog then closes)."""

    on_assign: Callable[[int | None], Awaitable[bool]]  # a member of staff, or None: back to the whole team
    on_transfer: Callable[[int, str], Awaitable[bool]]  # team id, note for it
    on_close: Callable[[str], Awaitable[bool]]  # one of CLOSE_REASONS
    on_reopen: Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Choices:
    me: int | None  # the reader's staff id
    colleagues: Sequence[Colleague]
    teams: Sequence[TeamView]  # to transfer to


def conversation_facts(conversation: ConversationView, *, t: Translator) -> ui.element:
    """Concern, team, who has it, and whether it is open or closed (with the reason)."""
    state = t('chat.staff.state_closed', reason=t(f'chat.close.{conversation.close_reason}')) \
        if conversation.state == CLOSED and conversation.close_reason else t(f'chat.staff.state_{conversation.state}')
    who = t('chat.staff.assignee', name=conversation.assignee_name) if conversation.assignee_name \
        else t('chat.staff.nobody')
    return ui.label(' · '.join((t(f'chat.concern.{conversation.concern}'), conversation.team_name, who, state))) \
        .classes('text-body2').props('dir=auto').mark('conversation-facts')


def conversation_actions(conversation: ConversationView, choices: Choices, *, t: Translator,
                         handlers: ActionHandlers) -> ui.element:
    """The buttons that fit the conversation's state."""
    with ui.row().classes('items-center gap-2').mark('actions') as root:
        if conversation.state == CLOSED:
            busy_button(t('chat.staff.reopen'), icon='replay', props='outline no-caps',
                        on_click=_ignore(handlers.on_reopen)).mark('reopen')
            return root
        if conversation.assignee_id != choices.me and choices.me is not None:
            busy_button(t('chat.staff.take'), icon='check', on_click=_ignore(lambda: handlers.on_assign(choices.me))
                        ).mark('take')
        elif conversation.assignee_id is not None:
            busy_button(t('chat.staff.release'), icon='undo', props='outline no-caps',
                        on_click=_ignore(lambda: handlers.on_assign(None))).mark('release')
        ui.button(t('chat.staff.assign'), icon='person_add',
                  on_click=lambda: _assign_dialog(choices, t, handlers.on_assign).open()).props(
            'outline no-caps').mark('assign')
        ui.button(t('chat.staff.transfer'), icon='arrow_forward',
                  on_click=lambda: _transfer_dialog(choices, t, handlers.on_transfer).open()).props(
            'outline no-caps').mark('transfer')
        ui.button(t('chat.staff.close'), icon='done_all',
                  on_click=lambda: _close_dialog(t, handlers.on_close).open()).props('outline no-caps').mark('close')
    return root


def _ignore(action: Callable[[], Awaitable[bool]]) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await action()
    return run


def _dialog(title: str, marker: str) -> tuple[ui.dialog, ui.card]:
    with ui.dialog().mark(marker) as dialog, ui.card().classes('q-pa-md gap-3').style('min-width: min(28rem, 90vw)') \
            as card:
        ui.label(title).classes('text-h6').props('role=heading aria-level=2')
    return dialog, card


def _buttons(dialog: ui.dialog, t: Translator, label: str, marker: str,
             confirm: Callable[[], Awaitable[bool]]) -> None:
    async def run() -> None:
        if await confirm():
            dialog.close()
    with ui.row().classes('justify-end gap-2 w-full'):
        ui.button(t('form.cancel'), on_click=dialog.close).props('flat no-caps').mark(f'{marker}-cancel')
        busy_button(label, on_click=run).mark(f'{marker}-confirm')


def _assign_dialog(choices: Choices, t: Translator, on_assign: Callable[[int | None], Awaitable[bool]]) -> ui.dialog:
    dialog, card = _dialog(t('chat.staff.assign_title'), 'assign-dialog')
    with card:
        person = ui.select({colleague.id: colleague.name for colleague in choices.colleagues},
                           label=t('chat.staff.colleague')).props('outlined behavior=menu').classes('w-full').mark(
            'colleague')

        async def confirm() -> bool:
            if person.value is None:
                show_error(person, t('chat.staff.choose_colleague'))
                return False
            return await on_assign(int(person.value))
        _buttons(dialog, t, t('chat.staff.assign_confirm'), 'assign', confirm)
    return dialog


def _transfer_dialog(choices: Choices, t: Translator, on_transfer: Callable[[int, str], Awaitable[bool]]
                     ) -> ui.dialog:
    dialog, card = _dialog(t('chat.staff.transfer_title'), 'transfer-dialog')
    with card:
        team = ui.select({option.id: option.name for option in choices.teams}, label=t('chat.staff.team')).props(
            'outlined behavior=menu').classes('w-full').mark('transfer-team')
        note = ui.textarea(t('chat.staff.transfer_note')).props('outlined autogrow').classes('w-full').mark(
            'transfer-note')

        async def confirm() -> bool:
            show_error(team, '')
            show_error(note, '')
            if team.value is None:
                show_error(team, t('chat.staff.choose_team'))
            if not (note.value or '').strip():
                show_error(note, t('chat.staff.note_required'))
            if team.value is None or not (note.value or '').strip():
                return False
            return await on_transfer(int(team.value), note.value)
        _buttons(dialog, t, t('chat.staff.transfer_confirm'), 'transfer', confirm)
    return dialog


def _close_dialog(t: Translator, on_close: Callable[[str], Awaitable[bool]]) -> ui.dialog:
    dialog, card = _dialog(t('chat.staff.close_title'), 'close-dialog')
    with card:
        reason = ui.radio({code: t(f'chat.close.{code}') for code in CLOSE_REASONS}, value=CLOSE_REASONS[0]).mark(
            'close-reason')

        async def confirm() -> bool:
            return await on_close(str(reason.value))
        _buttons(dialog, t, t('chat.staff.close_confirm'), 'close', confirm)
    return dialog
