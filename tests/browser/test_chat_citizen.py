"""The customer's chat in a real browser on a phone (412 x 915): messages travel both ways live, a message written
offline is delivered exactly once when the phone is back online, the page works right to left (Arabic) and in
Ge'ez script (Tigrinya), and whatever a message contains is shown as text and never runs."""
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Locator, Page, expect
from sqlmodel import select

from portal.chat.models import ChatFile
from portal.core.clock import utc_now
from portal.identity.roles import Actor
from portal.people.models import Staff
from portal.services import Portal
from tests.browser.conftest import PHONE, connected, portal_in, prepare_database, running_portal, signed_in, until
from tests.support.personas import actor_of

TARGETS = 'a[href], button, [role=button], label.portal-icon-button, .portal-composer textarea'
DESK = {'width': 1280, 'height': 800}
STAFF_COOKIES: dict[str, Any] = {}  # Carla's browser state per server
PAYLOADS = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '<svg onload="window.__pwned = 3"></svg>',
    '"><iframe src="javascript:window.top.__pwned = 4"></iframe>',
    '{{ constructor.constructor("window.__pwned = 5")() }}',
    '[klick](javascript:window.__pwned=6) **fett** <b>fett</b>',
    '</textarea><script>window.__pwned = 7</script>',
]


@dataclass(frozen=True)
class Chat:
    base: str
    folder: Path
    citizen: str  # Anna's customer number (German)
    caseworker: str  # Carla's e-mail
    totp_secret: str
    conversation: int  # Anna's conversation with Team A


@pytest.fixture(scope='module')
def chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chat]:
    folder = tmp_path_factory.mktemp('chat')
    world, secret = prepare_database(folder)
    portal = portal_in(folder)
    anna = actor_of(portal, world.citizen_a)
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'browser-start-1')
    photo, pdf = attached(portal, talk.id, 'image'), attached(portal, talk.id, 'pdf')
    portal.chat.post(anna, talk.id, 'Hier das Foto', 'browser-photo-1', file_id=photo)
    portal.chat.post(anna, talk.id, '', 'browser-pdf-1', file_id=pdf)
    portal.database.engine.dispose()
    portal.workers.close()
    with running_portal(folder) as base:
        yield Chat(base, folder, world.citizen_a.customer_number, world.caseworker_a.email, secret, talk.id)


def attached(portal: Portal, conversation_id: int, source: str) -> int:
    """A file row as the upload route stores it (the route and the files themselves come from the file helper's
    work; the thread only needs the id and the kind)."""
    with portal.database.session() as session:
        row = ChatFile(conversation_id=conversation_id, source=source, original=f'{source}.bin',
                       preview=f'{source}.jpg', sha256='0' * 64, upload_key=f'browser-{source}-key',
                       name=f'beleg.{"pdf" if source == "pdf" else "jpg"}', created_at=utc_now())
        session.add(row)
        session.commit()
        return row.id


def services(chat: Chat) -> tuple[Portal, Actor]:
    """The test's view of the database (no events reach the server from here) and Carla, to read as staff."""
    portal = portal_in(chat.folder)
    with portal.database.session() as session:
        carla = session.exec(select(Staff).where(Staff.email == chat.caseworker)).one()
    return portal, actor_of(portal, carla)


async def open_conversation(page: Page, chat: Chat, language: str = '') -> None:
    await page.goto(f'{chat.base}/chat/{chat.conversation}' + (f'?lang={language}' if language else ''))
    await connected(page)
    await expect(page.get_by_test_id('composer')).to_be_visible()


async def write(page: Page, text: str) -> None:
    await page.get_by_test_id('composer').fill(text)
    await page.get_by_test_id('send').click()


async def reply_as_staff(staff: Page, chat: Chat, text: str, client_id: str) -> int:
    """What the staff side's thread sends: a POST from a portal page with Carla's session."""
    status = await staff.evaluate('''async ([url, body]) => (await fetch(url, {method: 'POST', credentials:
        'same-origin', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})).status''',
                                  [f'/api/chat/conversations/{chat.conversation}/messages',
                                   {'text': text, 'client_id': client_id}])
    return status


async def staff_page(browser: Browser, chat: Chat) -> Page:
    """Carla on a portal page at her desk. She signs in once per module and later pages reuse her cookies: a
    second sign-in within the same 30 seconds would present the same one-time code, which is refused."""
    if chat.base not in STAFF_COOKIES:
        page = await signed_in(browser, chat.base, chat.caseworker, 'de-DE', totp_secret=chat.totp_secret,
                               viewport=DESK)
        STAFF_COOKIES[chat.base] = await page.context.storage_state()
        return page
    context = await browser.new_context(viewport=DESK, locale='de-DE', storage_state=STAFF_COOKIES[chat.base])
    page = await context.new_page()
    await page.goto(f'{chat.base}/')
    await connected(page)
    return page


def stored(portal: Portal, carla: Actor, chat: Chat) -> list[str]:
    """The conversation's texts in the database, as staff read them."""
    return [message.body for message in portal.chat.messages(carla, chat.conversation, read=False)]


def bubble(page: Page, text: str) -> Locator:
    return page.locator('.portal-bubble-text', has_text=text)


async def test_a_message_from_the_phone_reaches_the_case_worker_and_the_answer_comes_back_live(
        chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    await open_conversation(citizen, chat)
    await write(citizen, 'Ich habe den Bescheid\nvom Mai bekommen.')
    own = citizen.locator('.portal-own .portal-bubble', has_text='vom Mai bekommen.')
    await expect(own.get_by_test_id('state')).to_have_text('gesendet')
    portal, carla = services(chat)
    async def arrived() -> bool:
        return stored(portal, carla, chat)[-1:] == ['Ich habe den Bescheid\nvom Mai bekommen.']
    await until(arrived, 'the message did not reach the database')
    assert await own.locator('.portal-bubble-text').inner_text() == 'Ich habe den Bescheid\nvom Mai bekommen.'

    staff = await staff_page(chromium, chat)
    assert await reply_as_staff(staff, chat, 'Danke, wir prüfen das.', 'staff-browser-0001') == 201
    await expect(bubble(citizen, 'Danke, wir prüfen das.')).to_be_visible()  # without a reload
    await expect(own.get_by_test_id('state')).to_have_text('gelesen')  # a reply reads what came before
    portal.database.engine.dispose()


async def test_a_message_written_offline_is_delivered_once_when_the_phone_is_back_online(
        chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    await open_conversation(citizen, chat)
    await citizen.context.set_offline(True)
    await write(citizen, 'Geschrieben im Funkloch')
    pending = citizen.locator('.portal-pending', has_text='Geschrieben im Funkloch')
    await expect(pending.get_by_text('wartet auf Versand')).to_be_visible()
    outbox = await citizen.evaluate('Object.keys(localStorage).filter(k => k.startsWith("portal-private:outbox:"))')
    assert len(outbox) == 1, 'the unsent message waits in the browser'
    await citizen.context.set_offline(False)
    await expect(pending).to_have_count(0)
    await expect(citizen.locator('.portal-own .portal-bubble', has_text='Geschrieben im Funkloch')
                 .get_by_test_id('state')).to_have_text('gesendet')
    portal, carla = services(chat)
    assert stored(portal, carla, chat).count('Geschrieben im Funkloch') == 1
    await citizen.reload()
    await connected(citizen)
    await expect(bubble(citizen, 'Geschrieben im Funkloch')).to_have_count(1)
    assert await citizen.evaluate('localStorage.length && Object.keys(localStorage).filter('
                                  'k => k.startsWith("portal-private:outbox:") && !k.endsWith(":draft")).length') == 0
    portal.database.engine.dispose()


async def test_in_arabic_the_page_is_right_to_left_and_the_bubbles_are_mirrored(chromium: Browser,
                                                                                 chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'ar', touch=True)
    await open_conversation(citizen, chat, 'ar')
    await expect(citizen.locator('html')).to_have_attribute('dir', 'rtl')
    await write(citizen, 'مرحبا، لدي سؤال')
    own = citizen.locator('.portal-own .portal-bubble', has_text='مرحبا')
    await expect(own.get_by_test_id('state')).to_have_text('أُرسلت')  # stored: the pending bubble was replaced
    own_box = await own.bounding_box()
    list_box = await citizen.get_by_test_id('thread').bounding_box()
    assert own_box is not None and list_box is not None
    assert abs(own_box['x'] - list_box['x']) < 2, 'the own message starts at the left edge in a right-to-left page'
    assert list_box['x'] + list_box['width'] - (own_box['x'] + own_box['width']) > 40, 'and leaves the right free'
    await expect(citizen.get_by_test_id('composer')).to_have_attribute('placeholder', 'رسالتك …')


async def test_in_tigrinya_the_page_renders_its_script_and_nothing_is_wider_than_the_phone(
        chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'ti', touch=True)
    await open_conversation(citizen, chat, 'ti')
    await expect(citizen.locator('html')).to_have_attribute('lang', 'ti')
    await write(citizen, 'ሰላም፡ ሕቶ ኣለኒ ብዛዕባ ክፍሊት')
    await expect(bubble(citizen, 'ሰላም፡ ሕቶ ኣለኒ')).to_be_visible()
    await expect(citizen.get_by_role('link', name='ዝርርብ ከም PDF ኣውርዱ')).to_be_visible()
    width = await citizen.evaluate('document.documentElement.scrollWidth')
    assert width <= PHONE['width'], f'the page is {width} px wide on a {PHONE["width"]} px phone'
    glyph = await bubble(citizen, 'ሰላም፡ ሕቶ ኣለኒ').bounding_box()
    assert glyph['width'] > 40 and glyph['height'] > 10, 'the Ge\'ez text takes up room (it is drawn)'


async def test_markup_and_scripts_in_messages_are_shown_as_text_and_never_run(chromium: Browser,
                                                                              chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    dialogs: list[str] = []
    citizen.on('dialog', lambda dialog: dialogs.append(dialog.message))
    await open_conversation(citizen, chat)
    for payload in PAYLOADS:
        await write(citizen, payload)
        await expect(citizen.locator('.portal-own .portal-bubble-text').last).to_have_text(payload)
    staff = await staff_page(chromium, chat)
    for number, payload in enumerate(PAYLOADS):
        assert await reply_as_staff(staff, chat, payload, f'staff-payload-{number:04}') == 201
    await expect(citizen.locator('.portal-thread-row:not(.portal-own) .portal-bubble-text')
                 .filter(has_text='__pwned = 7')).to_have_count(1)  # the last reply arrived, as text
    await citizen.reload()  # and as the page's first state, drawn from the server's props
    await connected(citizen)
    texts = await citizen.locator('.portal-bubble-text').all_inner_texts()
    assert all(texts.count(payload) >= 2 for payload in PAYLOADS), json.dumps(texts, ensure_ascii=False)
    assert await citizen.evaluate('window.__pwned === undefined')
    assert await citizen.locator('.portal-thread iframe, .portal-thread script, .portal-thread svg').count() == 0
    assert dialogs == []


async def test_signing_out_removes_the_unsent_messages_from_the_phone(chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    await open_conversation(citizen, chat)
    await citizen.context.set_offline(True)
    await write(citizen, 'Nie gesendet')
    await expect(citizen.get_by_text('wartet auf Versand')).to_be_visible()
    await citizen.context.set_offline(False)
    await citizen.evaluate('localStorage.setItem("portal-private:outbox:0:0", "[]")')  # one that cannot be sent
    await citizen.goto(f'{chat.base}/more')
    await connected(citizen)
    await citizen.get_by_role('button', name='Abmelden').click()
    await citizen.wait_for_url(f'{chat.base}/login*')
    left = await citizen.evaluate('Object.keys(localStorage).filter(k => k.startsWith("portal-private:"))')
    assert left == []


async def test_every_target_of_the_chat_pages_is_at_least_44_px_on_a_phone(chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    small = []
    for path in ('/chat', '/chat/new', f'/chat/{chat.conversation}'):
        await citizen.goto(chat.base + path)
        await connected(citizen)
        await citizen.wait_for_load_state('networkidle')
        measured = await citizen.evaluate('''selector => [...document.querySelectorAll(selector)]
            .filter(element => !element.classList.contains('skip-link'))
            .map(element => [element, element.getBoundingClientRect()])
            .filter(([element, box]) => box.width * box.height > 0)
            .map(([element, box]) => [(element.innerText || element.getAttribute('aria-label')
                || element.getAttribute('title') || element.tagName).trim().slice(0, 40), box.width, box.height])''',
                                          TARGETS)
        assert len(measured) >= 3, path
        small += [f'{path}: {text} ({w:.0f} x {h:.0f})' for text, w, h in measured if min(w, h) < 43.5]
    assert small == []


async def test_a_reply_sent_while_the_phone_was_offline_appears_after_it_reconnects(chromium: Browser,
                                                                                    chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    await open_conversation(citizen, chat)
    staff = await staff_page(chromium, chat)
    await citizen.evaluate('window.__samePage = true')
    await citizen.context.set_offline(True)
    await citizen.wait_for_function('!window.socket.connected', timeout=60_000)
    assert await reply_as_staff(staff, chat, 'Antwort im Funkloch', 'staff-offline-0001') == 201
    await expect(bubble(citizen, 'Antwort im Funkloch')).to_have_count(0)
    await citizen.context.set_offline(False)
    await expect(bubble(citizen, 'Antwort im Funkloch')).to_be_visible(timeout=60_000)  # without a reload
    assert await citizen.evaluate('window.__samePage === true'), 'the page caught up without being loaded again'


async def test_photos_and_pdfs_show_as_thumbnails_and_open_in_the_page(chromium: Browser, chat: Chat) -> None:
    citizen = await signed_in(chromium, chat.base, chat.citizen, 'de-DE', touch=True)
    await open_conversation(citizen, chat)
    photo = citizen.get_by_role('button', name='Öffnen: Foto')
    await expect(photo.locator('img')).to_have_attribute('src', re.compile(r'^/api/chat/files/\d+/preview\.jpg$'))
    await photo.click()
    dialog = citizen.locator('dialog.portal-file-dialog')
    await expect(dialog).to_be_visible()
    await expect(dialog.locator('img')).to_have_attribute('src', re.compile(r'^/api/chat/files/\d+$'))
    await dialog.get_by_role('button', name='Schließen').click()
    await expect(dialog).to_be_hidden()
    await citizen.locator('.portal-thumb-pdf').click()
    await expect(dialog.locator('iframe')).to_have_attribute('src', re.compile(r'^/api/chat/files/\d+$'))
    assert citizen.url.endswith(f'/chat/{chat.conversation}'), 'the file opens in the page'
