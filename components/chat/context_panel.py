"""Beside a conversation: who the customer is, their case worker, open document requests and newest documents."""
from nicegui import ui

from portal.chat.context import CustomerContext
from portal.core.i18n import LANGUAGES, TIMEZONE, Translator


def context_panel(context: CustomerContext, *, t: Translator, customer_link: str) -> ui.element:
    """A card; names are shown as text in their own direction; ``customer_link`` opens the customer's page."""
    with ui.card().classes('portal-card q-pa-md gap-2').props(
            f'role=complementary aria-label="{t("chat.context.title")}"').mark('customer-context') as root:
        ui.label(t('chat.context.title')).classes('text-h6').props('role=heading aria-level=2')
        ui.label(context.name).classes('text-subtitle1 text-weight-medium').props('dir=auto').mark('context-name')
        language = LANGUAGES.get(context.language)
        _fact(t('chat.context.number'), context.customer_number)
        _fact(t('chat.context.language'), language.native_name if language else context.language)
        _fact(t('chat.context.case_worker'), context.case_worker or t('chat.context.team_only',
                                                                      team=context.team_name))
        ui.link(t('chat.context.customer_page'), customer_link).classes('text-body1')
        _requests(context, t)
        _documents(context, t)
    return root


def _fact(label: str, value: str) -> None:
    with ui.row().classes('gap-2 items-baseline'):
        ui.label(label + ':').classes('text-body2 text-grey-7')
        ui.label(value).classes('text-body1').props('dir=auto')


def _requests(context: CustomerContext, t: Translator) -> None:
    ui.label(t('chat.context.requests')).classes('text-subtitle2 q-mt-sm').props('role=heading aria-level=3')
    if not context.documents.open_requests:
        ui.label(t('chat.context.no_requests')).classes('text-body2')
        return
    with ui.element('ul').classes('column gap-1 q-pa-none').mark('context-requests'):
        for request in context.documents.open_requests:
            with ui.element('li'):
                ui.label(t('chat.context.request', kind=t(f'documents.kind.{request.kind}'),
                           date=t.date(request.due_on))).classes('text-body2')


def _documents(context: CustomerContext, t: Translator) -> None:
    ui.label(t('chat.context.documents')).classes('text-subtitle2 q-mt-sm').props('role=heading aria-level=3')
    if not context.documents.recent:
        ui.label(t('chat.context.no_documents')).classes('text-body2')
        return
    with ui.element('ul').classes('column gap-1 q-pa-none').mark('context-documents'):
        for document in context.documents.recent:
            with ui.element('li'):
                ui.label(t('chat.context.document', kind=t(f'documents.kind.{document.kind}'),
                           status=t(f'documents.status.{document.status}'),
                           date=t.date(document.submitted_at.astimezone(TIMEZONE).date()))).classes('text-body2')
