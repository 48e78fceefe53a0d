"""A live conversation (``thread.js``): the messages as bubbles, and the composer that sends new ones.

One element for the whole conversation: the messages are plain dicts in its props (``message_dict``), never one
NiceGUI element each, so a page costs little memory. The browser takes the props when it mounts the element and
merges what ``add`` sends (only what is new) into its own list, so a long conversation is never sent again.

Sending never travels over the websocket: the composer puts each message into an outbox in ``localStorage`` (one
per account and conversation, ``outbox_key``) with a random client id and POSTs it to the messages route; it tries
again when the browser is online again, when the socket reconnects and on a timer, and drops an entry only once
the server answered (the server stores a client id once). Files go by POST to the upload route first.

Messages up: ``on_typing()`` (the person writes, at most every few seconds), ``on_read(newest_id)`` (new messages
of the other side were on screen), ``on_catch_up(after_id)`` (the socket reconnected; send what came after).
"""
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, Literal

from nicegui import ui
from nicegui.events import GenericEventArguments

from components.core.private_storage import PRIVATE_PREFIX
from portal.chat.views import MessageView
from portal.core import routes
from portal.core.i18n import TIMEZONE, Translator
from portal.core.ids import as_id

Viewer = Literal['customer', 'staff']
Handler = Callable[[], Awaitable[None] | None]
IdHandler = Callable[[int], Awaitable[None] | None]

TEXTS = ('log', 'note_label', 'note_switch', 'typing', 'waiting', 'uploading', 'sent', 'delivered', 'read', 'input',
         'placeholder', 'send', 'attach', 'camera', 'edit', 'remaining', 'open_file', 'close', 'pdf', 'photo',
         'file_failed', 'offline', 'signed_out')


def icon(name: str) -> str:
    """An icon drawn by ``thread.js`` (named here, so that deploy/icon_font.py keeps its glyph in the subset)."""
    return name


ICONS = {'send': icon('send'), 'attach': icon('attach_file'), 'camera': icon('photo_camera'),
         'pdf': icon('picture_as_pdf'), 'pending': icon('schedule'), 'error': icon('error'), 'edit': icon('edit'),
         'close': icon('close')}

CSS = '''
.portal-thread { display: flex; flex-direction: column; gap: 0.5rem; width: 100%; }
.portal-thread-list { display: flex; flex-direction: column; gap: 0.5rem; width: 100%; min-height: 8rem; }
.portal-thread-row { display: flex; flex-direction: column; align-items: flex-start; max-width: 100%; }
.portal-thread-row.portal-own { align-items: flex-end; }
.portal-bubble { max-width: min(85%, 36rem); padding: 0.5rem 0.75rem; border-radius: 1rem;
  border-end-start-radius: 0.25rem; background: #eef1f5; color: #1f1f1f; border: 1px solid #c9d1db; }
.portal-own .portal-bubble { background: #1d4e89; color: #fff; border-color: #1d4e89;
  border-end-start-radius: 1rem; border-end-end-radius: 0.25rem; }
.portal-bubble.portal-note { background: #fff4c2; color: #1f1f1f; border: 2px dashed #7a5200; }
.portal-bubble.portal-pending { opacity: 0.85; border-style: dashed; }
.portal-bubble-text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; unicode-bidi: plaintext; }
.portal-bubble-author, .portal-note-label { font-size: 0.8rem; font-weight: 700; }
.portal-note-label { color: #7a5200; text-transform: uppercase; letter-spacing: 0.03em; }
.portal-bubble-meta { display: flex; gap: 0.35rem; justify-content: flex-end; align-items: center;
  font-size: 0.75rem; margin-top: 0.15rem; opacity: 0.9; }
.portal-ticks { font-weight: 700; letter-spacing: -0.2em; padding-inline-end: 0.2em; }
.portal-ticks.portal-read { color: #9fe3b0; }
.portal-thread-event { align-self: center; text-align: center; font-size: 0.85rem; color: #545454;
  padding: 0.25rem 0.75rem; border-radius: 1rem; background: #f3f3f3; max-width: 90%; }
.portal-bubble-error { color: #b00020; font-size: 0.875rem; display: flex; gap: 0.5rem; align-items: center;
  flex-wrap: wrap; max-width: min(85%, 36rem); }
.portal-thread-typing { font-size: 0.875rem; color: #545454; font-style: italic; min-height: 1.5rem; }
.portal-thumb { display: block; padding: 0; border: 0; background: none; cursor: pointer; min-width: 44px;
  min-height: 44px; margin-bottom: 0.25rem; }
.portal-thumb img { display: block; max-width: 12rem; max-height: 12rem; border-radius: 0.5rem; }
.portal-thumb-pdf { display: inline-flex; align-items: center; gap: 0.25rem; color: inherit; }
.portal-composer { display: flex; align-items: flex-end; gap: 0.25rem; width: 100%; border-top: 1px solid #c9d1db;
  padding-top: 0.5rem; background: #fff; }
.portal-composer textarea { flex: 1 1 auto; min-width: 0; min-height: 44px; max-height: 40vh; resize: vertical;
  font: inherit; padding: 0.5rem 0.75rem; border: 1px solid #6b6b6b; border-radius: 1.25rem; color: #1f1f1f; }
.portal-icon-button { position: relative; display: inline-flex; align-items: center; justify-content: center;
  width: 44px; height: 44px; min-width: 44px; border-radius: 50%; border: 0; background: transparent; color: #1d4e89;
  cursor: pointer; flex: 0 0 auto; }
.portal-icon-button input { position: absolute; inset: 0; opacity: 0; cursor: pointer; width: 100%; }
.portal-icon-button:focus-within { outline: 3px solid var(--portal-focus); outline-offset: 2px; }
.portal-send { background: #1d4e89; color: #fff; }
.portal-send:disabled { background: #8a8a8a; cursor: default; }
.portal-counter { font-size: 0.8rem; color: #545454; text-align: end; }
.portal-counter.portal-over { color: #b00020; font-weight: 700; }
.portal-note-switch { display: flex; align-items: center; gap: 0.5rem; min-height: 44px; }
.portal-note-switch input { width: 1.25rem; height: 1.25rem; }
.portal-composer.portal-noting textarea { background: #fff4c2; }
.portal-file-dialog { width: min(96vw, 60rem); max-height: 92vh; padding: 0.5rem; border: 0; border-radius: 0.5rem; }
.portal-file-dialog::backdrop { background: rgba(0, 0, 0, 0.6); }
.portal-file-dialog-body { display: flex; flex-direction: column; gap: 0.5rem; }
.portal-file-dialog-bar { display: flex; justify-content: flex-end; }
.portal-file-dialog img { display: block; max-width: 100%; max-height: 80vh; margin: 0 auto; }
.portal-file-dialog iframe { width: 100%; height: 80vh; border: 0; }
.portal-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
'''


class Thread(ui.element, component='thread.js'):
    """A conversation and its composer; ``viewer`` 'customer' (delivery ticks on their messages) or 'staff'
    (internal notes shown, a switch to write one)."""

    def __init__(self, messages: Iterable[MessageView], *, conversation_id: int, viewer: Viewer, t: Translator,
                 outbox_key: str, max_chars: int, on_typing: Handler | None = None,
                 on_read: IdHandler | None = None, on_catch_up: IdHandler | None = None) -> None:
        super().__init__()
        ui.add_css(CSS)
        self._t, self._viewer = t, viewer
        shown = [message_dict(message, t) for message in messages]
        self.last_id = max((message['id'] for message in shown), default=0)
        self._props.update(messages=shown, viewer=viewer, texts=thread_texts(t, viewer), icons=ICONS,
                           outbox_key=outbox_key, max_chars=max_chars, send_url=routes.chat_messages(conversation_id),
                           upload_url=routes.chat_upload(conversation_id), file_url=routes.CHAT_FILE,
                           marks={'delivered': 0, 'read': 0})
        if on_typing is not None:
            self.on('typing', lambda _: on_typing())
        for name, handler in (('read', on_read), ('catch_up', on_catch_up)):
            if handler is not None:
                self.on(name, _with_id(handler))
        self.classes('w-full')

    def add(self, messages: Iterable[MessageView]) -> None:
        """New or changed messages: merged by id in the browser (a pending bubble with the same client id is
        replaced), kept in order."""
        fresh = [message_dict(message, self._t) for message in messages]
        if not fresh:
            return
        self.last_id = max(self.last_id, *(message['id'] for message in fresh))
        merged = {message['id']: message for message in [*self._props['messages'], *fresh]}
        self._props['messages'] = [merged[key] for key in sorted(merged)]  # what a rebuilt page would show
        self.run_method('add', fresh)

    def set_states(self, *, delivered: int, read: int) -> None:
        """The customer's messages up to ``delivered`` reached staff, up to ``read`` were read."""
        self._props['marks'] = {'delivered': delivered, 'read': read}  # for a page built again later
        self.run_method('set_marks', delivered, read)

    def show_typing(self) -> None:
        """The other side is writing (shown for a few seconds)."""
        self.run_method('show_typing')

    def insert_text(self, text: str) -> None:
        """Put text into the composer at the cursor (a canned reply), for the person to edit and send."""
        self.run_method('insert_text', text)


def message_dict(message: MessageView, t: Translator) -> dict[str, Any]:
    """A message as ``thread.js`` shows it: an event already translated, the time written in the reader's
    language, a file by id and kind."""
    body = t(f'chat.event.{message.body}', **_strings(message.detail)) if message.kind == 'event' else message.body
    file = message.file
    return {'id': message.id, 'client_id': message.client_id, 'author': message.author, 'kind': message.kind,
            'body': body, 'author_name': message.author_name, 'state': message.state,
            'time': _when(message.created_at, t), 'iso': message.created_at.isoformat(),
            'file': {'id': file.id, 'source': file.source, 'name': file.name} if file else None}


def thread_texts(t: Translator, viewer: Viewer) -> dict[str, str]:
    """The component's words in the reader's language ("typing" names the other side)."""
    texts = {name: t(f'chat.thread.{name}') for name in TEXTS}
    if viewer == 'staff':
        texts['typing'] = t('chat.thread.typing_customer')
    return texts


def outbox_key(account_id: int, conversation_id: int) -> str:
    """Where the browser keeps unsent messages of one account in one conversation (removed at sign-out)."""
    return f'{PRIVATE_PREFIX}outbox:{account_id}:{conversation_id}'


def _when(moment: datetime, t: Translator) -> str:
    """The time for today's messages, else date and time."""
    today = datetime.now(TIMEZONE).date()
    return t.time(moment) if moment.astimezone(TIMEZONE).date() == today else t.datetime(moment, 'short')


def _strings(detail: dict) -> dict[str, str]:
    return {str(key): str(value) for key, value in detail.items()}


def _with_id(handler: IdHandler) -> Callable[[GenericEventArguments], Awaitable[None] | None]:
    def on_event(event: GenericEventArguments) -> Awaitable[None] | None:
        value = event.args.get('id') if isinstance(event.args, dict) else None
        return handler(as_id(value))  # anything else than an id becomes 0
    return on_event
