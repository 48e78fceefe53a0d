"""Erasing a customer (GDPR): the record, account, sign-ins, conversations, messages, files, drafts, submissions,
requests and notices go, rows first and then the stored files; the audit log keeps its entries and records the
erasure; other customers' data stays; only admins may do it."""
from datetime import date

import pytest
from sqlalchemy import Table, select
from sqlmodel import SQLModel
from sqlmodel import select as select_model

import portal.tables  # noqa: F401 (registers the tables)
from portal.audit.models import AuditEntry
from portal.chat.models import ChatFile
from portal.core.errors import LoginFailed, NotAllowed, NotFound
from portal.documents.models import Scan, Submission
from portal.factories import make_customer
from portal.identity.models import LoginAttempt
from portal.identity.roles import Actor
from portal.people.models import Customer, Team
from portal.services import Portal
from tests.support.attaching import attach, send_file
from tests.support.capture import blocking, send_now, upload
from tests.support.personas import World, actor_of

OWNED_TABLES = {'customer', 'account', 'loginsession', 'conversation', 'message', 'chatfile', 'draft', 'scan',
                'submission', 'documentrequest', 'notification', 'uploadevent'}


def give_everything(portal: Portal, customer: Actor, carla: Actor | None, concern: str = 'benefits') -> None:
    """A customer with something in every table: conversations with a sent and an unsent file and a note, a
    request, a submission, a draft with a photo, notices, failed sign-ins."""
    talk = portal.chat.start(customer, concern, 'Hallo', f'start-{customer.customer_id:04d}')
    blocking(send_file(portal, customer, talk.id, name='Nachweis.jpg'))
    blocking(attach(portal, customer, talk.id))
    if carla is not None:
        portal.chat.post(carla, talk.id, 'Antwort', 'client-reply-1')
        portal.chat.post(carla, talk.id, 'Notiz', 'client-note-1', note=True)
        portal.inbox.request(carla, customer.customer_id or 0, 'pay_slip', date(2026, 12, 24))
    send_now(portal, customer)
    draft = portal.documents.start(customer, 'letter')
    blocking(upload(portal, customer, draft_id=draft.id))


def owned_rows(portal: Portal, customer_id: int) -> dict[str, set[tuple]]:
    """Every row that belongs to the customer: theirs, and what points at it, transitively (primary keys)."""
    tables: list[Table] = list(SQLModel.metadata.sorted_tables)
    owned: dict[str, set[tuple]] = {'customer': {(customer_id,)}}
    with portal.database.engine.connect() as connection:
        changed = True
        while changed:
            changed = False
            for table in tables:
                for column in table.columns:
                    for key in column.foreign_keys:
                        target = key.column.table.name
                        if target not in owned or len(table.primary_key.columns) == 0:
                            continue
                        ids = [row[0] for row in owned[target]]
                        found = {tuple(row) for row in connection.execute(
                            select(*table.primary_key.columns).where(column.in_(ids)))}
                        if not found <= owned.setdefault(table.name, set()):
                            owned[table.name] |= found
                            changed = True
    return {name: rows for name, rows in owned.items() if rows}


def still_there(portal: Portal, owned: dict[str, set[tuple]]) -> dict[str, int]:
    tables = SQLModel.metadata.tables
    left = {}
    with portal.database.engine.connect() as connection:
        for name, keys in owned.items():
            present = {tuple(row) for row in connection.execute(select(*tables[name].primary_key.columns))}
            if present & keys:
                left[name] = len(present & keys)
    return left


def file_names(portal: Portal, customer_id: int) -> set[str]:
    with portal.database.session() as session:
        names = set()
        for row in session.exec(select_model(Submission).where(Submission.customer_id == customer_id)):
            names |= {row.file_name, row.receipt_name}
        owned = owned_rows(portal, customer_id)
        for (scan_id,) in owned.get('scan', ()):
            scan = session.get(Scan, scan_id)
            names |= {scan.file_name, scan.preview_name}
        for (file_id,) in owned.get('chatfile', ()):
            file = session.get(ChatFile, file_id)
            names |= {file.original, file.preview}
    return names


@pytest.fixture
def bernd(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.citizen_b)


@pytest.fixture
def carla(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.caseworker_a)


@pytest.fixture
def both_customers(portal: Portal, world: World, anna: Actor, bernd: Actor, carla: Actor) -> None:
    give_everything(portal, anna, carla)
    give_everything(portal, bernd, None)
    for identifier in ('anna@example.org', world.citizen_a.customer_number):
        with pytest.raises(LoginFailed):
            portal.auth.login(identifier, 'wrong password', '127.0.0.9')


def test_after_erasing_nothing_of_the_customer_is_left_in_any_table_or_the_store(
        portal: Portal, world: World, both_customers: None) -> None:
    anna_id, bernd_id = world.citizen_a.id, world.citizen_b.id
    owned, names = owned_rows(portal, anna_id), file_names(portal, anna_id)
    assert set(owned) >= OWNED_TABLES and all(owned[name] for name in OWNED_TABLES)  # the test has data everywhere
    bernd_owned, bernd_names = owned_rows(portal, bernd_id), file_names(portal, bernd_id)
    assert len(names) == 8 and all(portal.store.exists(name) for name in names)

    erased = portal.customers.erase(actor_of(portal, world.admin), anna_id)

    assert (erased.name, erased.files) == ('Anna Alpha', 8)
    assert still_there(portal, owned) == {}
    assert not any(portal.store.exists(name) for name in names)
    with portal.database.session() as session:
        keys = set(session.exec(select_model(LoginAttempt.key)).all())
    assert keys == {'ip:127.0.0.9'}  # her failed sign-ins went (those of the address are no one's)
    assert still_there(portal, bernd_owned) == {name: len(rows) for name, rows in bernd_owned.items()}
    assert all(portal.store.exists(name) for name in bernd_names)
    assert set(portal.store.names()) == bernd_names  # and no file is left that no row names


def test_the_audit_log_keeps_its_entries_and_records_the_erasure(portal: Portal, world: World, carla: Actor,
                                                                 both_customers: None) -> None:
    anna_id = world.citizen_a.id
    portal.customers.get(carla, anna_id)  # an audited read before
    with portal.database.session() as session:
        before = len(session.exec(select_model(AuditEntry).where(AuditEntry.customer_id == anna_id)).all())
    portal.customers.erase(actor_of(portal, world.admin), anna_id)
    with portal.database.session() as session:
        after = session.exec(select_model(AuditEntry).where(AuditEntry.customer_id == anna_id)).all()
    assert before > 1 and len(after) == before + 1
    assert after[-1].action == 'customer.erase' and world.citizen_a.customer_number in after[-1].detail
    assert after[-1].actor_name == 'Adam Admin'


def test_an_erased_customers_id_is_never_given_to_a_new_one(portal: Portal, world: World, carla: Actor) -> None:
    with portal.database.session() as session:
        newest = make_customer(session=session, team=session.get(Team, world.citizen_a.team_id), first_name='Neu')
        session.commit()
        newest_id = newest.id
    portal.customers.erase(actor_of(portal, world.admin), newest_id)
    with portal.database.session() as session:
        again = make_customer(session=session, team=session.get(Team, world.citizen_a.team_id), first_name='Neuer')
        session.commit()
        assert again.id > newest_id  # the audit log's entries about the erased one keep naming only them


def test_staff_who_are_not_admins_cannot_erase_a_customer(portal: Portal, world: World, anna: Actor,
                                                          carla: Actor) -> None:
    for actor in (carla, actor_of(portal, world.reception), anna):
        with pytest.raises(NotAllowed):
            portal.customers.erase(actor, world.citizen_a.id)
    with portal.database.session() as session:
        assert session.get(Customer, world.citizen_a.id) is not None
    with pytest.raises(NotFound):
        portal.customers.erase(actor_of(portal, world.admin), 9999)
