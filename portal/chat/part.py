"""What every part of the ``Chat`` service shares (the parts are mixins, each in its own module)."""
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import Session

from portal.chat.access import ChatRules
from portal.chat.models import Conversation
from portal.chat.views import ConversationView
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.events import Events
from portal.identity.roles import Actor


class Part:
    _db: Database
    _clock: Clock
    events: Events
    rules: ChatRules

    if TYPE_CHECKING:
        def _view(self, session: Session, actor: Actor, row: Conversation) -> ConversationView: ...

        def _views(self, session: Session, actor: Actor, rows: Sequence[Conversation]) -> list[ConversationView]: ...

        def _announce(self, conversation: Conversation, kind: str) -> None: ...
