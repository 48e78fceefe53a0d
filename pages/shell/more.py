"""More: language, e-mail about chat messages (customers with an address), password, second factor status, the
customer's chat export and signing out."""
from nicegui import events, ui

from components.core.status import status_line
from components.identity.sign_out import sign_out_form
from components.shell.frame import NavItem
from components.shell.language_picker import language_picker
from pages.core.calls import call
from pages.core.guard import EVERYONE_SIGNED_IN, NAVIGATION, View, choose_language, guarded, page_frame
from portal.core import routes
from portal.core.errors import PortalError
from portal.people.views import CustomerView
from portal.services import Portal

ROUTE = routes.MORE
NAVIGATION.append(NavItem(ROUTE, 'more_horiz', 'nav.more', EVERYONE_SIGNED_IN, 90))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=EVERYONE_SIGNED_IN, title='Mehr')
    async def more_page(view: View) -> None:
        t = view.t
        own = await call(portal.customers.own, view.actor) if view.actor.customer_id is not None else None
        with page_frame(view, t('more.title'), current=ROUTE):
            with ui.card().classes('portal-card'):
                ui.label(t('more.language')).classes('text-h6').props('role=heading aria-level=2')
                picker = language_picker(current=t.code, label=t('more.language'),
                                         on_change=lambda code: choose_language(view, code))
                picker.props(remove='dark').mark('settings-language')
            if own is not None and own.email:
                _chat_notices(view, own)
            with ui.card().classes('portal-card'):
                ui.label(t('more.security')).classes('text-h6').props('role=heading aria-level=2')
                ui.button(t('more.change_password'), icon='password').props(
                    f'flat no-caps align=left href="{routes.ACCOUNT}"').classes('w-full')
                sign_out_form(t('more.sign_out'), action=routes.LOGOUT)
            if view.actor.is_customer:
                _export_card(view)


def _chat_notices(view: View, customer: CustomerView) -> None:
    """The customer's consent to an e-mail when a chat message waits: what it does, and the switch."""
    t = view.t
    with ui.card().classes('portal-card'):
        ui.label(t('notices.title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('notices.explain', minutes=view.portal.settings.chat_notice_minutes,
                   email=t.embedded(customer.email or ''))).classes('text-body1')
        switch = ui.switch(t('notices.switch'), value=customer.chat_notices).mark('chat-notices')
        status = status_line()
    undoing: list[bool] = []  # the switch is being put back after a refusal: that is no choice of the customer's

    async def on_change(event: events.ValueChangeEventArguments) -> None:
        if undoing and undoing.pop():
            return
        try:
            saved = await call(view.portal.customers.set_chat_notices, view.actor, bool(event.value))
        except PortalError as error:  # the address was removed meanwhile
            undoing.append(True)
            switch.value = not event.value
            view.fail(error)
            return
        view.tell(t('notices.on' if saved.chat_notices else 'notices.off'), status=status)
    switch.on_value_change(on_change)



def _export_card(view: View) -> None:
    """Everything the customer wrote and was sent in the chat, as one ZIP (GDPR): a plain download link."""
    t = view.t
    with ui.card().classes('portal-card').mark('chat-export'):
        ui.label(t('chat.export.title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('chat.export.explain')).classes('text-body2')
        ui.button(t('chat.export.download'), icon='download').props(
            f'flat no-caps align=left href="{routes.CHAT_EXPORT}" download').classes('w-full').mark('chat-export-link')
