"""A customer's consent to an e-mail when a chat message waits: theirs alone to give, and only with an address."""
import pytest

from portal.core.errors import InvalidInput, NotFound
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.personas import World, actor_of


def test_a_customer_with_an_address_turns_the_e_mail_on_and_off_again(portal: Portal, anna: Actor) -> None:
    assert not portal.customers.own(anna).chat_notices  # off until the customer says otherwise
    assert portal.customers.set_chat_notices(anna, True).chat_notices
    assert portal.customers.own(anna).chat_notices
    assert not portal.customers.set_chat_notices(anna, False).chat_notices
    assert not portal.customers.own(anna).chat_notices


def test_without_an_address_the_e_mail_cannot_be_turned_on(portal: Portal, world: World) -> None:
    bernd = actor_of(portal, world.citizen_b)
    with pytest.raises(InvalidInput) as refused:
        portal.customers.set_chat_notices(bernd, True)
    assert refused.value.key == 'notices.need_email'
    assert not portal.customers.own(bernd).chat_notices


def test_staff_cannot_agree_for_a_customer(portal: Portal, world: World) -> None:
    for person in (world.caseworker_a, world.admin):
        with pytest.raises(NotFound):
            portal.customers.set_chat_notices(actor_of(portal, person), True)
    assert not portal.customers.own(actor_of(portal, world.citizen_a)).chat_notices
