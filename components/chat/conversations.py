"""The customer's conversations as cards, the five concerns to start one with, and what a team's status means.

Data in (read models from ``portal.chat``), ``on_*`` callbacks out. Message text is shown as text.
"""
import math
from collections.abc import Awaitable, Callable

from nicegui import ui

from portal.chat.teams import CONCERNS, TeamStatus
from portal.chat.views import ConversationView
from portal.core import routes
from portal.core.i18n import TIMEZONE, Translator

CONCERN_ICONS = {'benefits': 'euro', 'placement': 'work', 'u25': 'school', 'reception': 'event', 'other': 'help'}
CSS = '''
a.portal-chat-card { display: block; color: inherit; text-decoration: none; }
a.portal-chat-card:hover .q-card { border-color: #1d4e89; }
.portal-chat-preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
.portal-concerns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5rem; }
.portal-concerns .q-btn { min-height: 56px; }
@media (min-width: 600px) { .portal-concerns { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
'''


def conversation_list(conversations: list[ConversationView], *, t: Translator) -> ui.column:
    """The conversations, newest activity first (as the service orders them), or a line saying there are none;
    ``fill_conversations`` draws it again."""
    ui.add_css(CSS)
    column = ui.column().classes('w-full gap-2').mark('conversations')
    fill_conversations(column, conversations, t=t)
    return column


def fill_conversations(column: ui.column, conversations: list[ConversationView], *, t: Translator) -> None:
    column.clear()
    with column:
        if not conversations:
            ui.label(t('chat.citizen.none')).classes('text-body1').mark('no-conversations')
        for conversation in conversations:
            conversation_card(conversation, t=t)


def conversation_card(conversation: ConversationView, *, t: Translator) -> ui.link:
    """One conversation: concern, team, state, the newest message's first words, time and unread count; the
    whole card opens it."""
    with ui.link(target=routes.chat_conversation(conversation.id)).classes(
            'portal-chat-card w-full').mark(f'conversation-{conversation.id}') as link:
        with ui.card().classes('portal-card').props('flat bordered'):
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.icon(CONCERN_ICONS.get(conversation.concern, 'chat'), size='md').classes('text-primary')
                with ui.column().classes('gap-0 col-grow'):
                    ui.label(t(f'chat.concern.{conversation.concern}')).classes('text-subtitle1 text-weight-medium')
                    ui.label(t('chat.citizen.team_state', team=t.embedded(conversation.team_name),
                               state=t(f'chat.citizen.state_{conversation.state}'))).classes('text-body2')
                if conversation.unread:
                    ui.badge(t.number(conversation.unread), color='negative').classes('text-body2 q-px-sm').props(
                        f'aria-label="{t("chat.citizen.unread", count=conversation.unread)}"').mark(
                        f'unread-{conversation.id}')
            if conversation.preview:
                ui.label(conversation.preview).classes('text-body1 portal-chat-preview').props('dir=auto')
            ui.label(t.datetime(conversation.last_message_at, 'short')).classes('text-body2 text-grey-7')
    return link


def concern_buttons(*, t: Translator, on_choose: Callable[[str], Awaitable[None]]) -> dict[str, ui.button]:
    """Five big buttons, one per concern, with an icon and plain words (``press`` marks the chosen one)."""
    ui.add_css(CSS)
    buttons = {}
    label = t('chat.citizen.concern')
    with ui.element('div').classes('portal-concerns w-full').props(f'role=group aria-label="{label}"'):
        for concern in CONCERNS:
            async def choose(concern: str = concern) -> None:
                await on_choose(concern)
            buttons[concern] = ui.button(t(f'chat.concern.{concern}'), icon=CONCERN_ICONS[concern],
                                         on_click=choose).props(
                'outline no-caps size=lg align=left color=primary aria-pressed=false').classes('w-full').mark(
                f'concern-{concern}')
    return buttons


def press(buttons: dict[str, ui.button], chosen: str) -> None:
    for concern, button in buttons.items():
        here = concern == chosen
        button.props(f'{"unelevated" if here else "outline"} aria-pressed={"true" if here else "false"}',
                     remove='outline' if here else 'unelevated')


def status_lines(status: TeamStatus, *, t: Translator) -> list[str]:
    """What the customer is told before and while writing: whether the team is in, when it answers, how soon."""
    lines = []
    if status.available:
        lines.append(t('chat.citizen.available'))
    elif status.open_now:
        lines.append(t('chat.citizen.open'))
    elif status.opens_at is not None:
        opens = status.opens_at.astimezone(TIMEZONE)
        lines.append(t('chat.citizen.closed_until', day=t.date(opens.date(), 'full'), time=t.time(opens)))
    else:
        lines.append(t('chat.citizen.closed'))
    if status.reply_minutes is not None:
        lines.append(reply_estimate(status.reply_minutes, t=t))
    return lines


def reply_estimate(minutes: int, *, t: Translator) -> str:
    """"Usually answers within N minutes/hours" (the median of the team's first replies over the last week)."""
    if minutes < 60:
        return t('chat.citizen.reply_minute' if minutes == 1 else 'chat.citizen.reply_minutes', count=minutes)
    hours = math.ceil(minutes / 60)
    return t('chat.citizen.reply_hour' if hours == 1 else 'chat.citizen.reply_hours', count=hours)


def status_card(status: TeamStatus, *, t: Translator) -> ui.column:
    """The team's name and its status lines, read out when they change (``show_status`` redraws it)."""
    with ui.column().classes('gap-0 w-full').props('role=status aria-live=polite').mark('team-status') as box:
        show_status(box, status, t=t)
    return box


def show_status(box: ui.column, status: TeamStatus, *, t: Translator) -> None:
    box.clear()
    with box:
        ui.label(t('chat.citizen.status_team', team=t.embedded(status.team_name))).classes(
            'text-body1 text-weight-medium')
        for line in status_lines(status, t=t):
            ui.label(line).classes('text-body1')
