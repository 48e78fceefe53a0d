"""The composition of the domain: one ``Portal`` object holding every service, built from settings."""
import asyncio
from dataclasses import dataclass
from datetime import timedelta

from portal.audit.service import AuditLog
from portal.chat import erasure as chat_erasure
from portal.chat.access import ChatRules
from portal.chat.files import purge_unsent, stored_names
from portal.chat.notices import ChatNotices, NoticeRules
from portal.chat.service import Chat
from portal.core.clock import Clock, TokenSource, random_token, utc_now
from portal.core.crypto import Sealer
from portal.core.db import Database, make_engine
from portal.core.events import Events, LocalEvents
from portal.core.paper import Letterhead
from portal.core.redis_events import RedisEvents
from portal.core.settings import Settings
from portal.core.workers import Workers, WorkLimits
from portal.documents import Documents, DocumentStore, Inbox, Keyring, Limits, ReceiptSettings
from portal.documents import erasure as documents_erasure
from portal.documents.attachments import Attachments
from portal.documents.upkeep import clear_dead_uploads, purge_drafts, sweep
from portal.home.service import Home
from portal.identity import erasure as identity_erasure
from portal.identity.activation import Activation
from portal.identity.auth import Auth
from portal.identity.second_factor import SecondFactor
from portal.identity.sso import SingleSignOn, configured_issuers
from portal.identity.throttle import ThrottleRule
from portal.mail.service import Mail
from portal.mail.smtp import SmtpServer, domain
from portal.people.card import CardSigner
from portal.people.customers import Customers
from portal.people.erasure import Erasure
from portal.people.organisation import Organisation

# Each capability's part in erasing a customer (``Customers.erase``): rows first, in this order, files after the commit
ERASURE_STEPS = (chat_erasure.erase_customer, documents_erasure.erase_customer, identity_erasure.erase_customer)
# Rows outside document capture that name files in the document store (the hourly sweep keeps those files)
FILES_ELSEWHERE = (stored_names,)


@dataclass(frozen=True)
class Upkeep:
    """What one round of upkeep removed."""

    drafts: int
    files: int
    mails: int = 0  # sent or given up long enough ago
    chat_files: int = 0  # files uploaded to the chat a day ago or more and never sent


@dataclass
class Portal:
    settings: Settings
    database: Database
    clock: Clock
    auth: Auth
    second_factor: SecondFactor
    activation: Activation
    customers: Customers
    organisation: Organisation
    audit_log: AuditLog
    card: CardSigner
    home: Home
    documents: Documents
    inbox: Inbox
    sso: SingleSignOn
    store: DocumentStore  # the encrypted document files
    workers: Workers  # processes for CPU work on uploaded files, bounded in memory and time
    events: Events  # live signals from services to the pages that show what changed
    chat: Chat
    mail: Mail  # the outbox and its sender
    chat_notices: ChatNotices  # e-mails that a chat message waits

    def recover(self) -> int:
        """Once at start-up, before serving: remove the uploads that this host's killed processes left behind
        (see ``documents.upkeep``); returns how many files."""
        return clear_dead_uploads(self.settings.data_dir)

    async def mail_round(self) -> int:
        """What the server runs every ~20 s: queue the chat notices that are due, then send the e-mail that is due;
        returns how many were sent."""
        await asyncio.to_thread(self.chat_notices.round)
        return await self.mail.send_due()

    def upkeep(self) -> Upkeep:
        """Housekeeping the server runs every hour: purge drafts left unsent for ``document_draft_days`` and chat
        files never sent for a day, then remove document files that no row names any more, and old sent mail."""
        now = self.clock()
        drafts = purge_drafts(self.database, self.store, now, self.settings.document_draft_days)
        unsent = purge_unsent(self.database, self.chat.attachments, now)
        return Upkeep(drafts=drafts, files=sweep(self.database, self.store, now, FILES_ELSEWHERE),
                      chat_files=unsent, mails=self.mail.purge())


def build_portal(settings: Settings, *, clock: Clock = utc_now, tokens: TokenSource = random_token,
                 workers: Workers | None = None, events: Events | None = None) -> Portal:
    """Every service, built from settings; tests inject the clock, the tokens, a shared worker pool and events."""
    settings.refuse_insecure()
    database = Database(make_engine(settings.database_url))
    secret = settings.secret_key.get_secret_value()
    rule = ThrottleRule(settings.login_failures_per_account, settings.login_failures_per_address,
                        timedelta(minutes=settings.login_window_minutes))
    auth = Auth(database, clock, tokens, rule, settings.session_hours)
    events = events or (RedisEvents(settings.redis_url) if settings.redis_url else LocalEvents())
    mail = Mail(database, clock, SmtpServer.from_settings(settings), domain=domain(settings))
    workers = workers or Workers(work_limits(settings))
    store = document_store(settings)
    erasure = Erasure(ERASURE_STEPS, store.forget)
    return Portal(
        settings=settings, database=database, clock=clock, auth=auth,
        second_factor=SecondFactor(database, auth, Sealer(secret, 'totp'), clock, rule),
        activation=Activation(database, auth, clock, rule, settings.activation_days),
        customers=Customers(database, clock, erasure=erasure), organisation=Organisation(database, clock),
        audit_log=AuditLog(database, clock), card=CardSigner(secret), home=Home(database, clock),
        sso=SingleSignOn(database, auth, clock, configured_issuers(settings)),
        events=events, chat=_chat(settings, database, clock, events, store, workers),
        mail=mail, chat_notices=ChatNotices(database, clock, mail, notice_rules(settings)),
        **_documents(settings, database, clock, store, workers),
    )


def _documents(settings: Settings, database: Database, clock: Clock, store: DocumentStore, workers: Workers) -> dict:
    """Customer and staff services of document capture, sharing one encrypted store and the workers."""
    receipts = ReceiptSettings(settings.district_name, settings.document_font)
    return dict(documents=Documents(database, clock, store, Limits.from_settings(settings), receipts, workers),
                inbox=Inbox(database, clock, store), store=store, workers=workers)


def _chat(settings: Settings, database: Database, clock: Clock, events: Events, store: DocumentStore,
          workers: Workers) -> Chat:
    """The chat, with photos and PDFs taken in like document uploads and kept in the same encrypted store."""
    attachments = Attachments(database, clock, store, Limits.from_settings(settings), workers)
    return Chat(database, clock, events, chat_rules(settings), attachments=attachments, workers=workers,
                letterhead=Letterhead(settings.district_name, settings.document_font))


def chat_rules(settings: Settings) -> ChatRules:
    return ChatRules(settings.chat_max_chars, settings.chat_messages_per_minute, settings.chat_show_read,
                     settings.chat_admins_see_all)


def notice_rules(settings: Settings) -> NoticeRules:
    return NoticeRules(settings.chat_notice_minutes, str(settings.public_url), settings.district_name)


def work_limits(settings: Settings) -> WorkLimits:
    return WorkLimits(settings.worker_processes, settings.worker_memory_mb * 2**20, settings.worker_seconds)


def document_store(settings: Settings) -> DocumentStore:
    """The encrypted document store; a malformed PORTAL_DOCUMENT_KEYS is refused here, at start-up."""
    keyring = Keyring.parse(settings.document_keys.get_secret_value(), settings.secret_key.get_secret_value())
    return DocumentStore(settings.data_dir, keyring)
