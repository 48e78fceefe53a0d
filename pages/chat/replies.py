"""Canned replies for admins (``ROUTE``): a new one, and each one to edit or delete; every text in six languages."""
from functools import partial

from nicegui import ui

from components.chat.canned_form import canned_card, canned_form
from components.core.status import status_line
from pages.core.calls import call
from pages.core.guard import ADMINS, View, menu_page
from portal.chat.canned import CannedReplyView
from portal.core import routes
from portal.core.errors import Conflict, PortalError
from portal.core.i18n import field_messages
from portal.services import Portal

ROUTE = routes.CANNED_REPLIES


def register(portal: Portal) -> None:
    @menu_page(portal, ROUTE, roles=ADMINS, label='nav.canned_replies', icon='format_quote', order=75)
    async def canned_replies_page(view: View) -> None:
        replies = await call(portal.chat.canned_replies, view.actor)
        _RepliesPage(view, replies).build()


class _RepliesPage:
    """Draws the replies from local state; one of them may be open in its form (``editing``)."""

    area: ui.element  # made by ``build``
    status: ui.label

    def __init__(self, view: View, replies: list[CannedReplyView]) -> None:
        self.view = view
        self.replies = {reply.id: reply for reply in replies}
        self.editing: int | None = None

    def build(self) -> None:
        ui.label(self.view.t('chat.replies.explain')).classes('text-body1')
        self.status = status_line()
        self.area = ui.element('div').classes('column gap-4 w-full')
        self.render()

    def render(self) -> None:
        t = self.view.t
        self.area.clear()
        with self.area:
            with ui.expansion(t('chat.replies.new'), icon='add').classes('portal-card').mark('new-reply'):
                canned_form(None, t=t, on_save=partial(self.on_save, None))
            if not self.replies:
                ui.label(t('chat.replies.none')).classes('text-body1')
            for reply in sorted(self.replies.values(), key=lambda item: item.title.lower()):
                if self.editing == reply.id:
                    with ui.card().classes('portal-card').mark(f'edit-reply-{reply.id}'):
                        canned_form(reply, t=t, on_save=partial(self.on_save, reply.id), on_cancel=self.on_cancel)
                else:
                    canned_card(reply, t=t, on_edit=partial(self.edit, reply.id),
                                on_delete=partial(self.on_delete, reply.id))

    def edit(self, reply_id: int | None) -> None:
        self.editing = reply_id
        self.render()

    def on_cancel(self) -> None:
        self.edit(None)

    async def on_save(self, reply_id: int | None, title: str, texts: dict[str, str]) -> dict[str, str]:
        """Saved: the list shows it and says so; refused: the problems by field (or a message for the page)."""
        before = self.replies.get(reply_id) if reply_id is not None else None
        try:
            saved = await call(self.view.portal.chat.save_canned_reply, self.view.actor, reply_id, title, texts,
                               version=before.version if before else None)
        except PortalError as error:
            problems = field_messages(self.view.t, error)
            if not problems:
                await self._failed(error)
            return problems
        self.replies[saved.id] = saved
        self.edit(None)
        self.view.tell(self.view.t('chat.replies.saved', title=saved.title), status=self.status)
        return {}

    async def on_delete(self, reply_id: int) -> None:
        reply = self.replies[reply_id]
        try:
            await call(self.view.portal.chat.delete_canned_reply, self.view.actor, reply_id, version=reply.version)
        except PortalError as error:
            await self._failed(error)
            return
        del self.replies[reply_id]
        self.render()
        self.view.tell(self.view.t('chat.replies.deleted', title=reply.title), status=self.status)

    async def _failed(self, error: PortalError) -> None:
        """A change that crossed another admin's: say so and show the list as it is now."""
        if not isinstance(error, Conflict):
            self.view.fail(error)
            return
        self.view.tell(self.view.t('chat.replies.conflict'), kind='warning', status=self.status)
        replies = await call(self.view.portal.chat.canned_replies, self.view.actor)
        self.replies = {reply.id: reply for reply in replies}
        self.edit(None)
