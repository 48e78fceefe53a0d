"""The demo data brings canned replies in all six languages, once, and keeps an admin's changes."""
from portal.chat.canned import checked
from portal.chat.demo import DEMO_REPLIES
from portal.core.i18n import LANGUAGES
from portal.seed import seed_demo
from portal.services import Portal
from tests.support.personas import actor_of, make_world


def test_the_demo_replies_are_seeded_once_in_every_language_and_an_edit_is_kept(portal: Portal) -> None:
    seed_demo(portal.database, portal.settings)
    adam = actor_of(portal, make_world(portal).admin)
    replies = portal.chat.canned_replies(adam)
    assert 3 <= len(replies) <= 4 and {reply.title for reply in replies} == set(DEMO_REPLIES)
    assert all(set(reply.texts) == set(LANGUAGES) for reply in replies)
    first = replies[0]
    portal.chat.save_canned_reply(adam, first.id, first.title, {'de': 'Geändert'}, version=first.version)
    seed_demo(portal.database, portal.settings)
    again = portal.chat.canned_replies(adam)
    assert len(again) == len(replies)
    assert next(reply for reply in again if reply.id == first.id).texts == {'de': 'Geändert'}


def test_the_demo_replies_pass_the_checks_admins_save_with() -> None:
    for title, texts in DEMO_REPLIES.items():
        assert checked(title, texts, 2000) == (title, texts)
