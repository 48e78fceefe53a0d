"""The staff inbox of the chat: the queues with their counts, and one row per conversation (oldest waiting first).

Message previews and names are shown as text (``ui.label``), never as HTML.
"""
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from nicegui import ui

from components.core.pager import paged_rows
from portal.chat.inbox import QueueCount
from portal.chat.models import CLOSED, US
from portal.chat.views import ConversationView
from portal.core.i18n import Translator
from portal.core.listing import Listing

UNREAD_DOT = 'width: 0.75rem; height: 0.75rem; border-radius: 50%; background: var(--q-negative); flex: none'


def queue_bar(counts: Sequence[QueueCount], *, current: str, t: Translator,
              on_queue: Callable[[str], Awaitable[None]]) -> ui.element:
    """One button per queue: its name, how many conversations it holds and how many of them are unread."""
    with ui.element('nav').props(f'aria-label="{t("chat.staff.queues")}"').classes(
            'row wrap gap-2 w-full').mark('queues') as root:
        for count in counts:
            here = count.queue == current
            label = t('chat.staff.queue_count', name=t(f'chat.staff.queue.{count.queue}'),
                      count=t.number(count.conversations))
            button = ui.button(label, on_click=lambda queue=count.queue: on_queue(queue)).props(
                f'no-caps {"unelevated" if here else "outline"} aria-pressed={"true" if here else "false"}').mark(
                f'queue-{count.queue}')
            if count.unread:
                with button:
                    ui.badge(t.number(count.unread), color='negative').props(
                        f'floating aria-label="{t("chat.staff.unread_count", count=t.number(count.unread))}"').mark(
                        f'unread-{count.queue}')
    return root


def conversation_rows(listing: Listing[ConversationView], *, t: Translator, now: datetime,
                      link: Callable[[int], str], on_move: Callable[[int], Awaitable[None]]) -> ui.element:
    """Each row links to ``link(conversation_id)``; a long list is shown fifty at a time (``on_move(offset)``)."""
    def row(conversation: ConversationView) -> None:
        _row(conversation, t, now, link(conversation.id))

    with ui.element('div').classes('column gap-2 w-full').mark('conversations') as root:
        paged_rows(listing, t=t, tag='ul', empty=t('chat.staff.empty'),
                   count=t('chat.staff.count', count=t.number(len(listing.rows))), on_move=on_move, row=row)
    return root


def waited(t: Translator, since: datetime, now: datetime) -> str:
    """'wartet 25 Min.', 'wartet 2 Std. 5 Min.', 'wartet 3 Tage'."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return t('chat.staff.waits_minutes', count=t.number(minutes))
    if minutes < 24 * 60:
        return t('chat.staff.waits_hours', hours=t.number(minutes // 60), minutes=t.number(minutes % 60))
    return t('chat.staff.waits_days', count=t.number(minutes // (24 * 60)))


def _row(conversation: ConversationView, t: Translator, now: datetime, href: str) -> None:
    with ui.card().classes('portal-card q-pa-md gap-1').mark(f'conversation-{conversation.id}'):
        with ui.row().classes('items-center gap-2 w-full no-wrap'):
            if conversation.unread:
                ui.element('span').style(UNREAD_DOT).props(
                    f'role=img aria-label="{t("chat.staff.unread_count", count=t.number(conversation.unread))}"'
                ).mark('unread-dot')
            ui.link(f'{conversation.customer_name} · {conversation.customer_number}', href).classes(
                'text-subtitle1 text-weight-medium').props('dir=auto')
        ui.label(_when(conversation, t, now)).classes('text-body2 text-weight-medium').mark('waits')
        ui.label(t(f'chat.concern.{conversation.concern}') + ' · ' + conversation.team_name).classes('text-body2')
        if conversation.preview:
            ui.label(conversation.preview).classes('text-body1 ellipsis').props('dir=auto').mark('preview')
        ui.label(t('chat.staff.assignee', name=conversation.assignee_name) if conversation.assignee_name
                 else t('chat.staff.nobody')).classes('text-body2 text-grey-7')


def _when(conversation: ConversationView, t: Translator, now: datetime) -> str:
    if conversation.state == CLOSED:
        return t('chat.staff.closed_at', when=t.datetime(conversation.last_message_at, 'short'))
    if conversation.waiting == US:
        return waited(t, conversation.waiting_since or conversation.last_message_at, now)
    return t('chat.staff.answered_at', when=t.datetime(conversation.last_message_at, 'short'))
