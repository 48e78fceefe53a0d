"""Beside a conversation, staff see who the customer is: name, number, language, case worker, open document
requests and the five newest documents with their status; every look is in the audit log."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.chat.views import ConversationView
from portal.core.errors import NotFound
from portal.identity.roles import Actor
from portal.people.models import Customer
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World
from tests.support.rows import add_submissions


def test_the_context_names_the_customer_their_case_worker_requests_and_newest_documents(
        portal: Portal, world: World, carla: Actor, talk: ConversationView, clock: FakeClock) -> None:
    with portal.database.session() as session:
        anna = session.get(Customer, world.citizen_a.id)
        assert anna is not None
        anna.case_worker_id, anna.preferred_language = world.caseworker_a.id, 'ar'
        session.add(anna)
        session.commit()
    later = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 12, 20), '')
    sooner = portal.inbox.request(carla, world.citizen_a.id, 'rental_contract', date(2026, 12, 5), '')
    portal.inbox.cancel_request(carla, portal.inbox.request(carla, world.citizen_a.id, 'letter',
                                                            date(2026, 12, 1), '').id)
    sent = add_submissions(portal, world.citizen_a.id, 7, clock() - timedelta(days=3), status='accepted')
    add_submissions(portal, world.citizen_b.id, 1, clock(), kind='letter')  # someone else's

    seen = portal.chat.context(carla, talk.id)

    assert (seen.name, seen.customer_number, seen.language) == ('Anna Alpha', world.citizen_a.customer_number, 'ar')
    assert (seen.case_worker, seen.team_name) == ('Carla Case', 'Team A')
    assert [(request.id, request.kind) for request in seen.documents.open_requests] == [
        (sooner.id, 'rental_contract'), (later.id, 'pay_slip')]
    assert [document.id for document in seen.documents.recent] == list(reversed(sent))[:5]
    assert {document.status for document in seen.documents.recent} == {'accepted'}


def test_looking_at_the_context_is_audited(portal: Portal, carla: Actor, talk: ConversationView,
                                           world: World) -> None:
    portal.chat.context(carla, talk.id)
    with portal.database.session() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == 'chat.context')).all()
    assert [(entry.customer_id, entry.actor_name) for entry in entries] == [(world.citizen_a.id, 'Carla Case')]


@pytest.mark.parametrize('who', ['anna', 'bernd', 'otto'])
def test_nobody_else_gets_the_context(portal: Portal, talk: ConversationView, who: str,
                                      request: pytest.FixtureRequest) -> None:
    with pytest.raises(NotFound):
        portal.chat.context(request.getfixturevalue(who), talk.id)


def test_a_customer_without_case_worker_shows_none(portal: Portal, carla: Actor, talk: ConversationView) -> None:
    seen = portal.chat.context(carla, talk.id)
    assert seen.case_worker == '' and seen.documents.open_requests == () and seen.documents.recent == ()


def test_a_staff_page_catches_up_with_what_came_since_its_newest_message(
        portal: Portal, anna: Actor, carla: Actor, talk: ConversationView) -> None:
    shown = portal.chat.desk(carla, talk.id)
    newest = shown.messages[-1].id
    portal.chat.post(anna, talk.id, 'Noch eine Frage', 'client-0002')
    portal.chat.assign(carla, talk.id, carla.staff_id)
    update = portal.chat.catch_up(carla, talk.id, newest)
    assert [(message.kind, message.body) for message in update.messages] == [('text', 'Noch eine Frage'),
                                                                             ('event', 'assigned')]
    assert update.conversation.assignee_name == 'Carla Case'
    assert update.conversation.unread == 1, 'read once the page showed it (the thread says so), not on fetching'
    portal.chat.read(carla, talk.id)
    assert portal.chat.conversation(carla, talk.id).unread == 0


def test_the_staff_badge_counts_open_conversations_with_unread_customer_messages(
        portal: Portal, anna: Actor, carla: Actor, otto: Actor, talk: ConversationView) -> None:
    counts = [portal.chat.staff_unread(person) for person in (carla, otto, anna)]
    assert counts == [1, 0, 0]
    portal.chat.messages(carla, talk.id)
    assert portal.chat.staff_unread(carla) == 0
    portal.chat.post(anna, talk.id, 'Noch was', 'client-0003')
    assert portal.chat.staff_unread(carla) == 1
