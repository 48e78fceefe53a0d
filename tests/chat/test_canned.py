"""Canned replies: admins keep them in the six languages, staff insert them in the customer's language with the
placeholders filled in; unknown or malformed placeholders are refused when saving."""
from datetime import UTC, datetime

import pytest

from portal.chat.views import ConversationView
from portal.core.errors import Conflict, InvalidFields, NotAllowed, NotFound
from portal.core.i18n import Translator
from portal.identity.roles import Actor
from portal.people.models import Customer
from portal.services import Portal
from tests.support.personas import World, actor_of

GREETING = {'de': 'Guten Tag {customer_name}, Ihr Termin: {next_appointment}. Ihre Fachkraft: {case_worker}',
            'ar': 'مرحباً {customer_name}، موعدك: {next_appointment}. المسؤول عنك: {case_worker}'}


@pytest.fixture
def adam(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.admin)


def speaks(portal: Portal, world: World, language: str, *, case_worker: bool = True) -> None:
    with portal.database.session() as session:
        anna = session.get(Customer, world.citizen_a.id)
        assert anna is not None
        anna.preferred_language = language
        anna.case_worker_id = world.caseworker_a.id if case_worker else None
        session.add(anna)
        session.commit()


def test_a_reply_is_inserted_in_arabic_with_the_placeholders_filled(
        portal: Portal, world: World, adam: Actor, carla: Actor, talk: ConversationView) -> None:
    speaks(portal, world, 'ar')
    reply = portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    rendered = portal.chat.render(carla, reply.id, talk.id)
    no_appointment = Translator('ar')('chat.replies.no_appointment')
    assert rendered.language == 'ar'
    assert rendered.text == f'مرحباً Anna Alpha، موعدك: {no_appointment}. المسؤول عنك: Carla Case'
    assert no_appointment != Translator('de')('chat.replies.no_appointment')


def test_the_next_appointment_comes_from_the_provider_and_the_team_stands_in_for_a_missing_case_worker(
        portal: Portal, world: World, adam: Actor, carla: Actor, talk: ConversationView) -> None:
    speaks(portal, world, 'en', case_worker=False)
    asked: list[int] = []
    portal.chat.next_appointment = lambda customer_id: asked.append(customer_id) or datetime(2026, 12, 3, 8, 30,
                                                                                             tzinfo=UTC)
    texts = {**GREETING, 'en': '{next_appointment} / {case_worker}'}
    reply = portal.chat.save_canned_reply(adam, None, 'Termin', texts)
    rendered = portal.chat.render(carla, reply.id, talk.id)
    assert rendered.text == f'{Translator("en").datetime(datetime(2026, 12, 3, 8, 30, tzinfo=UTC), "short")} / Team A'
    assert '09:30' in rendered.text  # Berlin time
    assert asked == [world.citizen_a.id]


def test_german_stands_in_for_a_language_without_text(portal: Portal, world: World, adam: Actor, carla: Actor,
                                                      talk: ConversationView) -> None:
    speaks(portal, world, 'ti')
    reply = portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    rendered = portal.chat.render(carla, reply.id, talk.id)
    assert rendered.language == 'de' and rendered.text.startswith('Guten Tag Anna Alpha')


@pytest.mark.parametrize(('text', 'key'), [
    ('Hallo {name}', 'chat.replies.error.unknown'),
    ('Hallo {customer_name!r}', 'chat.replies.error.unknown'),
    ('Hallo {customer_name:>30}', 'chat.replies.error.unknown'),
    ('Hallo {customer_name.__class__}', 'chat.replies.error.unknown'),
    ('Hallo {}', 'chat.replies.error.unknown'),
    ('Hallo {customer_name', 'chat.replies.error.malformed'),
    ('Hallo customer_name}', 'chat.replies.error.malformed'),
])
def test_unknown_or_malformed_placeholders_are_refused_when_saving(portal: Portal, adam: Actor, text: str,
                                                                   key: str) -> None:
    with pytest.raises(InvalidFields) as refused:
        portal.chat.save_canned_reply(adam, None, 'Kaputt', {'de': 'Guten Tag', 'fa': text})
    assert {name: problem.key for name, problem in refused.value.problems.items()} == {'fa': key}
    assert portal.chat.canned_replies(adam) == []


def test_a_title_and_a_german_text_are_required(portal: Portal, adam: Actor) -> None:
    with pytest.raises(InvalidFields) as refused:
        portal.chat.save_canned_reply(adam, None, '  ', {'en': 'Hello'})
    assert set(refused.value.problems) == {'title', 'de'}


def test_braces_written_double_stay_braces(portal: Portal, adam: Actor, carla: Actor,
                                           talk: ConversationView) -> None:
    reply = portal.chat.save_canned_reply(adam, None, 'Klammern', {'de': 'Aktenzeichen {{A-1}} für {customer_name}'})
    assert portal.chat.render(carla, reply.id, talk.id).text == 'Aktenzeichen {A-1} für Anna Alpha'


def test_only_admins_keep_canned_replies_and_staff_read_them(portal: Portal, adam: Actor, carla: Actor,
                                                             anna: Actor) -> None:
    with pytest.raises(NotAllowed):
        portal.chat.save_canned_reply(carla, None, 'Begrüßung', GREETING)
    reply = portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    with pytest.raises(NotAllowed):
        portal.chat.delete_canned_reply(carla, reply.id, version=reply.version)
    assert [seen.title for seen in portal.chat.canned_replies(carla)] == ['Begrüßung']
    with pytest.raises(NotFound):
        portal.chat.canned_replies(anna)


def test_an_edit_crossing_another_is_a_conflict(portal: Portal, adam: Actor) -> None:
    reply = portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    changed = portal.chat.save_canned_reply(adam, reply.id, 'Begrüßung', {'de': 'Hallo {customer_name}'},
                                            version=reply.version)
    assert (changed.version, changed.texts) == (reply.version + 1, {'de': 'Hallo {customer_name}'})
    with pytest.raises(Conflict):
        portal.chat.save_canned_reply(adam, reply.id, 'Alt', GREETING, version=reply.version)
    with pytest.raises(Conflict):
        portal.chat.delete_canned_reply(adam, reply.id, version=reply.version)
    portal.chat.delete_canned_reply(adam, reply.id, version=changed.version)
    assert portal.chat.canned_replies(adam) == []


def test_a_second_reply_with_the_same_title_is_refused(portal: Portal, adam: Actor) -> None:
    portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    with pytest.raises(InvalidFields) as refused:
        portal.chat.save_canned_reply(adam, None, 'Begrüßung', {'de': 'Noch eine'})
    assert set(refused.value.problems) == {'title'}


def test_a_reply_for_a_conversation_of_another_team_is_not_found(portal: Portal, adam: Actor, otto: Actor,
                                                                 talk: ConversationView) -> None:
    reply = portal.chat.save_canned_reply(adam, None, 'Begrüßung', GREETING)
    with pytest.raises(NotFound):
        portal.chat.render(otto, reply.id, talk.id)
