"""Admins keep the canned replies (six languages, placeholders checked) and the teams' chat settings; case
workers may not open these pages."""
import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction

from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.personas import World, actor_of
from tests.support.ui import only, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


async def test_an_admin_writes_a_canned_reply_and_a_wrong_placeholder_is_shown_under_its_field(
        user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/chat/replies')
    await user.should_see('{next_appointment}')
    user.find(marker='new-reply').click()
    user.find(marker='reply-title').type('Rückruf')
    user.find(marker='reply-text-de').type('Guten Tag {customer_name}, wir rufen Sie an.')
    user.find(marker='reply-text-ar').type('مرحباً {name}')
    user.find(marker='save-reply').click()
    await user.should_see('Den Platzhalter {name} gibt es nicht. Erlaubt sind nur die oben genannten.')
    assert only(user, 'reply-text-ar').props.get('error') is True
    assert portal.chat.canned_replies(actor_of(portal, world.admin)) == []
    user.find(marker='reply-text-ar').clear().type('مرحباً {customer_name}، سنتصل بك.')
    user.find(marker='save-reply').click()
    await user.should_see('Der Textbaustein „Rückruf“ ist gespeichert.')
    saved = portal.chat.canned_replies(actor_of(portal, world.admin))
    assert [(reply.title, sorted(reply.texts)) for reply in saved] == [('Rückruf', ['ar', 'de'])]
    await user.should_see('In 2 von 6 Sprachen')


async def test_an_admin_deletes_a_canned_reply_after_confirming(user: User, portal: Portal, world: World) -> None:
    adam = actor_of(portal, world.admin)
    portal.chat.save_canned_reply(adam, None, 'Alt', {'de': 'Nicht mehr nötig'})
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/chat/replies')
    user.find(marker='delete-reply').click()
    await user.should_see('Den Textbaustein „Alt“ wirklich löschen?')
    user.find(marker='delete-confirm').click()
    await user.should_see('Der Textbaustein „Alt“ ist gelöscht.')
    assert portal.chat.canned_replies(adam) == []


async def test_a_case_worker_may_not_keep_canned_replies_or_team_settings(user: User, portal: Portal,
                                                                         world: World) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    for route in ('/admin/chat/replies', '/admin/chat/teams'):
        response = await user.http_client.get(route)
        assert response.status_code == 403 and 'Kein Zugriff' in response.text
        assert 'Textbausteine für Antworten' not in response.text


async def test_an_admin_sets_the_concerns_a_team_answers(user: User, portal: Portal, world: World,
                                                         anna: Actor) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/chat/teams')
    team_a = world.citizen_a.team_id
    card = f'team-chat-{team_a}'
    await user.should_see(marker=card)
    box = only_in(user, card, 'concern-u25')
    box.set_value(True)
    UserInteraction(user, {only_in(user, card, 'save-team-chat')}, None).click()
    await user.should_see('Die Chat-Einstellungen von Team A sind gespeichert.')
    shown = next(view for view in portal.chat.team_settings(actor_of(portal, world.admin)) if view.team_id == team_a)
    assert 'u25' in shown.concerns


def only_in(user: User, card: str, marker: str) -> ui.element:
    """The one element with ``marker`` inside the element marked ``card``."""
    inside = user.find(marker=card).elements
    found = [element for element in user.find(marker=marker).elements if any(
        ancestor in inside for ancestor in element.ancestors())]
    assert len(found) == 1, f'{len(found)} elements marked {marker} in {card}'
    return found[0]
