"""More: language, password, second factor status, the customer's chat export and signing out."""
from nicegui import ui

from components.identity.sign_out import sign_out_form
from components.shell.frame import NavItem
from components.shell.language_picker import language_picker
from pages.core.guard import EVERYONE_SIGNED_IN, NAVIGATION, View, choose_language, guarded, page_frame
from portal.core import routes
from portal.services import Portal

ROUTE = routes.MORE
NAVIGATION.append(NavItem(ROUTE, 'more_horiz', 'nav.more', EVERYONE_SIGNED_IN, 90))


def register(portal: Portal) -> None:
    @guarded(portal, ROUTE, roles=EVERYONE_SIGNED_IN, title='Mehr')
    async def more_page(view: View) -> None:
        t = view.t
        with page_frame(view, t('more.title'), current=ROUTE):
            with ui.card().classes('portal-card'):
                ui.label(t('more.language')).classes('text-h6').props('role=heading aria-level=2')
                picker = language_picker(current=t.code, label=t('more.language'),
                                         on_change=lambda code: choose_language(view, code))
                picker.props(remove='dark').mark('settings-language')
            with ui.card().classes('portal-card'):
                ui.label(t('more.security')).classes('text-h6').props('role=heading aria-level=2')
                ui.button(t('more.change_password'), icon='password').props(
                    f'flat no-caps align=left href="{routes.ACCOUNT}"').classes('w-full')
                sign_out_form(t('more.sign_out'), action=routes.LOGOUT)
            if view.actor.is_customer:
                _export_card(view)


def _export_card(view: View) -> None:
    """Everything the customer wrote and was sent in the chat, as one ZIP (GDPR): a plain download link."""
    t = view.t
    with ui.card().classes('portal-card').mark('chat-export'):
        ui.label(t('chat.export.title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(t('chat.export.explain')).classes('text-body2')
        ui.button(t('chat.export.download'), icon='download').props(
            f'flat no-caps align=left href="{routes.CHAT_EXPORT}" download').classes('w-full').mark('chat-export-link')
