"""The customer card: a QR payload that reception can trust, shown only to the customer."""
import pytest
from nicegui import ui
from nicegui.testing import User

from portal.people.card import CardSigner
from portal.services import Portal
from tests.support.personas import PASSWORD, make_world
from tests.support.qr import decode_qr
from tests.support.ui import sign_in


def test_a_genuine_card_reads_back_its_customer_number() -> None:
    signer = CardSigner('secret-one')
    assert signer.customer_number(signer.payload('101K000001')) == '101K000001'


@pytest.mark.parametrize('payload', ['', 'JCP1:101K000001', 'JCP1:101K000002:abc', 'XYZ:101K000001:00', 'a:b:c:d'])
def test_a_forged_or_broken_card_is_refused(payload: str) -> None:
    assert CardSigner('secret-one').customer_number(payload) is None


def test_a_card_signed_with_another_key_is_refused() -> None:
    assert CardSigner('secret-two').customer_number(CardSigner('secret-one').payload('101K000001')) is None


@pytest.mark.usefixtures('app_env')
async def test_a_citizen_sees_their_card_with_a_qr_code_that_reception_can_verify(user: User,
                                                                                   portal: Portal) -> None:
    world = make_world(portal)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/card')
    await user.should_see('Anna Alpha')
    await user.should_see(world.citizen_a.customer_number)
    qr = user.find(marker='card-qr').elements.pop()
    assert isinstance(qr, ui.image)
    scanned = decode_qr(qr.source)
    assert portal.card.customer_number(scanned) == world.citizen_a.customer_number, scanned
