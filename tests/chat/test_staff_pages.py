"""The staff pages of the chat as case workers and admins use them: the inbox with queues, counts and waiting
times, the actions on a conversation with the customer beside it, canned replies and team settings for admins."""
from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from portal.core.clock import utc_now
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of
from tests.support.ui import choose, only, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


def texts(user: User, marker: str) -> list[str]:
    """The texts of the elements with this marker, top to bottom."""
    return [element.text for element in sorted(user.find(marker=marker).elements, key=lambda element: element.id)]


async def test_the_inbox_shows_the_teams_conversations_oldest_waiting_first_with_counts(
        user: User, portal: Portal, world: World, anna: Actor, bernd: Actor, clock: FakeClock) -> None:
    clock.now = utc_now() - timedelta(minutes=25)
    first = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-page-0001')
    clock.advance(minutes=10)
    yusuf = actor_of(portal, world.youth)
    portal.chat.start(yusuf, 'other', 'Frage zur Schule', 'client-page-0002')
    portal.chat.start(bernd, 'benefits', 'Bernd fragt', 'client-page-0003')  # another team's
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/staff/chat')
    await user.should_see('Anna Alpha · ' + world.citizen_a.customer_number)
    await user.should_see('Wann kommt mein Geld?')
    await user.should_not_see('Bernd')
    waits = texts(user, 'waits')
    assert waits[0] in ('wartet 25 Min.', 'wartet 26 Min.') and waits[1] in ('wartet 15 Min.', 'wartet 16 Min.')
    assert only(user, 'queue-unassigned').text == 'Nicht zugewiesen: 2'
    assert only(user, 'unread-unassigned').text == '2'
    assert len(user.find(marker='unread-dot').elements) == 2
    links = [element.props['href'] for element in sorted(user.find(kind=ui.link).elements, key=lambda e: e.id)
             if str(element.props.get('href', '')).startswith('/staff/chat/')]
    assert links[0] == f'/staff/chat/{first.id}'


async def test_a_search_finds_a_customers_conversations_in_every_queue(
        user: User, portal: Portal, world: World, anna: Actor, carla: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Alte Frage', 'client-page-0004')
    portal.chat.close(carla, talk.id, 'answered')
    portal.chat.start(actor_of(portal, world.youth), 'other', 'Frage zur Schule', 'client-page-0005')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/staff/chat')
    await user.should_see('Frage zur Schule')
    user.find(marker='search').type('alpha')
    user.find(marker='search-button').click()
    await user.should_see('Alte Frage')
    await user.should_not_see('Frage zur Schule')
    user.find(marker='search-clear').click()
    await user.should_see('Frage zur Schule')


async def test_a_case_worker_takes_closes_and_reopens_a_conversation_beside_the_customer(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-page-0006')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    await user.should_see('Gespräch mit Anna Alpha')
    assert 'Noch niemandem zugewiesen' in only(user, 'conversation-facts').text
    await user.should_see(world.citizen_a.customer_number)
    await user.should_see('Keine offenen Anforderungen.')
    user.find(marker='take').click()
    await user.should_see('Sie bearbeiten das Gespräch jetzt.')
    assert 'Bearbeitet von Carla Case' in only(user, 'conversation-facts').text
    user.find(marker='close').click()
    await user.should_see(marker='close-dialog')
    user.find('Doppelt (anderes Gespräch)').click()
    user.find(marker='close-confirm').click()
    await user.should_see('Das Gespräch ist abgeschlossen.')
    assert 'abgeschlossen: Doppelt (anderes Gespräch)' in only(user, 'conversation-facts').text
    user.find(marker='reopen').click()
    await user.should_see('Das Gespräch ist wieder offen.')


async def test_a_change_someone_else_made_meanwhile_is_reported_and_the_page_reloads(
        user: User, portal: Portal, world: World, anna: Actor, carla: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-page-0007')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    await user.should_see(marker='take')
    portal.chat.close(carla, talk.id, 'no_reply')  # a colleague, in another tab
    user.find(marker='take').click()
    await user.should_see('Jemand anderes hat dieses Gespräch inzwischen geändert.', retries=200)
    await user.should_see(marker='reopen')


async def test_a_transfer_needs_a_note_and_moves_the_conversation(user: User, portal: Portal, world: World,
                                                                  anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Ich ziehe um', 'client-page-0008')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    user.find(marker='transfer').click()
    await user.should_see(marker='transfer-dialog')
    choose(user, 'transfer-team', 'Team B')
    user.find(marker='transfer-confirm').click()
    await user.should_see('Bitte schreiben Sie dem neuen Team, worum es geht.')
    user.find(marker='transfer-note').type('Umzug nach Anderswo')
    user.find(marker='transfer-confirm').click()
    await user.should_see('Das Gespräch ist an Team B weitergeleitet.')
    otto = actor_of(portal, world.other_caseworker)
    assert [row.id for row in portal.chat.inbox(otto).rows] == [talk.id]


async def test_another_teams_conversation_is_not_found(user: User, portal: Portal, world: World,
                                                       bernd: Actor) -> None:
    talk = portal.chat.start(bernd, 'benefits', 'Bernd fragt', 'client-page-0009')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    await user.should_see(marker='problem')
    await user.should_not_see('Bernd')


@pytest.mark.usefixtures('one_events')
async def test_the_inbox_follows_its_teams_live(user: User, portal: Portal, world: World, anna: Actor) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/staff/chat')
    await user.should_see('Keine Gespräche in dieser Ansicht.')
    talk = portal.chat.start(anna, 'benefits', 'Ist jemand da?', 'client-page-0010')
    await user.should_see('Ist jemand da?')
    assert only(user, 'queue-unassigned').text == 'Nicht zugewiesen: 1'
    portal.chat.assign(actor_of(portal, world.caseworker_a), talk.id, world.caseworker_a.id)
    await user.should_see('Keine Gespräche in dieser Ansicht.')
    assert only(user, 'queue-mine').text == 'Meine: 1'


async def test_the_presence_switch_makes_the_team_available(user: User, portal: Portal, world: World,
                                                            carla: Actor) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/staff/chat')
    user.find(marker='available').click()
    await user.should_see('Sie sind jetzt für den Chat verfügbar.')
    assert portal.chat.is_available(carla)
