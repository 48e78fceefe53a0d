"""What an open conversation page needs from the service: fetching without marking read (the page may be hidden),
and the delivery marks of the customer's own messages."""
from portal.chat.views import ConversationView
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.fakes import FakeClock


def test_a_page_fetching_new_messages_does_not_mark_them_read(portal: Portal, anna: Actor, carla: Actor,
                                                             talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Wir prüfen das.', 'staff-mark-0001')
    fetched = portal.chat.messages(anna, talk.id, read=False)
    assert fetched[-1].body == 'Wir prüfen das.'
    assert portal.chat.unread(anna) == 1
    portal.chat.read(anna, talk.id)
    assert portal.chat.unread(anna) == 0


def test_the_customer_sees_up_to_which_message_staff_got_and_read(portal: Portal, anna: Actor, carla: Actor,
                                                                 talk: ConversationView, clock: FakeClock) -> None:
    first = portal.chat.messages(anna, talk.id)[0].id
    assert (portal.chat.conversation(anna, talk.id).delivered_up_to,
            portal.chat.conversation(anna, talk.id).read_up_to) == (0, 0)
    portal.chat.inbox(carla)  # listed in the inbox: delivered
    assert portal.chat.conversation(anna, talk.id).delivered_up_to == first
    assert portal.chat.conversation(anna, talk.id).read_up_to == 0
    clock.advance(seconds=30)
    portal.chat.messages(carla, talk.id)  # opened: read
    assert portal.chat.conversation(anna, talk.id).read_up_to == first
    assert portal.chat.conversation(carla, talk.id).read_up_to == 0  # marks are for the customer's page only
