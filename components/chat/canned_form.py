"""Canned replies for admins: one card per reply, and the form with a title and one text per language."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.chat.field_error import show_error
from components.core.busy import busy_button
from portal.chat.canned import PLACEHOLDERS, CannedReplyView
from portal.core.i18n import LANGUAGES, SOURCE, Translator

Save = Callable[[str, dict[str, str]], Awaitable[dict[str, str]]]  # title, texts -> problems by field ({}: saved)


def placeholder_help(t: Translator) -> ui.element:
    """What each placeholder becomes when a reply is inserted."""
    with ui.element('div').classes('column gap-1').mark('placeholder-help') as root:
        ui.label(t('chat.replies.placeholders')).classes('text-body2 text-weight-medium')
        with ui.element('ul').classes('column gap-1 q-pl-md'):
            for name in PLACEHOLDERS:
                with ui.element('li').classes('row gap-2 items-baseline'):
                    ui.label('{' + name + '}').classes('font-mono text-body2').props('dir=ltr')
                    ui.label(t(f'chat.replies.placeholder.{name}')).classes('text-body2')
    return root


def canned_card(reply: CannedReplyView, *, t: Translator, on_edit: Callable[[], None],
                on_delete: Callable[[], Awaitable[None]]) -> ui.element:
    """Title, the German text, in how many languages it exists, and edit / delete."""
    with ui.card().classes('portal-card q-pa-md gap-1').mark(f'reply-{reply.id}') as root:
        ui.label(reply.title).classes('text-subtitle1 text-weight-medium').props('dir=auto')
        ui.label(reply.texts.get(SOURCE, '')).classes('text-body2').props('lang=de dir=auto')
        ui.label(t('chat.replies.languages', count=t.number(len(reply.texts)), total=t.number(len(LANGUAGES)))
                 ).classes('text-body2 text-grey-7')
        with ui.row().classes('gap-2'):
            ui.button(t('chat.replies.edit'), icon='edit', on_click=on_edit).props('outline no-caps').mark(
                'edit-reply')
            ui.button(t('chat.replies.delete'), icon='delete',
                      on_click=lambda: _confirm_delete(reply, t, on_delete).open()).props(
                'flat no-caps color=negative').mark('delete-reply')
    return root


def canned_form(reply: CannedReplyView | None, *, t: Translator, on_save: Save,
                on_cancel: Callable[[], None] | None = None) -> ui.element:
    """Title and the six texts (German required); a problem ``on_save`` reports is shown under its field."""
    with ui.element('div').classes('column gap-3 w-full').mark('reply-form') as root:
        title = ui.input(t('chat.replies.title') + ' *', value=reply.title if reply else '').props(
            'outlined maxlength=80').classes('w-full').mark('reply-title')
        placeholder_help(t)
        fields: dict[str, ui.textarea] = {}
        for code, language in LANGUAGES.items():
            fields[code] = ui.textarea(
                t('chat.replies.text', language=language.native_name) + (' *' if code == SOURCE else ''),
                value=reply.texts.get(code, '') if reply else '').props(
                f'outlined autogrow lang={code} dir={"rtl" if language.rtl else "ltr"}').classes('w-full').mark(
                f'reply-text-{code}')

        async def save() -> None:
            for field in (title, *fields.values()):
                show_error(field, '')
            problems = await on_save(title.value or '', {code: field.value or '' for code, field in fields.items()})
            for name, message in problems.items():
                target = title if name == 'title' else fields.get(name)
                if target is not None:
                    show_error(target, message)
        with ui.row().classes('gap-2'):
            busy_button(t('form.save'), icon='save', on_click=save).mark('save-reply')
            if on_cancel is not None:
                ui.button(t('form.cancel'), on_click=on_cancel).props('flat no-caps').mark('cancel-reply')
    return root


def _confirm_delete(reply: CannedReplyView, t: Translator, on_delete: Callable[[], Awaitable[None]]) -> ui.dialog:
    with ui.dialog().mark('delete-dialog') as dialog, ui.card().classes('q-pa-md gap-3'):
        ui.label(t('chat.replies.confirm_delete', title=reply.title)).classes('text-body1').props('dir=auto')

        async def delete() -> None:
            dialog.close()
            await on_delete()
        with ui.row().classes('justify-end gap-2 w-full'):
            ui.button(t('form.cancel'), on_click=dialog.close).props('flat no-caps')
            busy_button(t('chat.replies.delete'), icon='delete', props='unelevated no-caps color=negative',
                        on_click=delete).mark('delete-confirm')
    return dialog
