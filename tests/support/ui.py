"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import asyncio
import logging

import pyotp
import pytest
from nicegui import context, ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from nicegui.testing.user_notify import UserNotify

from portal.people.models import Staff
from portal.services import Portal
from tests.support.personas import PASSWORD, enrol_totp

SIGN_IN_PAGES = ('/login', '/login/second-factor', '/login/enrol')


async def sign_in(user: User, identifier: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the login page (and the second-factor page for staff) and land on the home page."""
    await user.open('/login')
    user.find(marker='identifier').type(identifier)
    user.find(marker='password').type(password)
    user.find(marker='login').click()
    if totp_secret is not None:
        await user.should_see(marker='code', retries=50)  # a busy machine takes a while to check the password
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
        user.find(marker='confirm').click()
    for _ in range(100):  # the page moves on to where the person was going, in whatever language
        if user.back_history and user.back_history[-1] not in SIGN_IN_PAGES:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f'sign-in did not leave the login pages: {user.back_history}')


class PageToasts(UserNotify):
    """``ui.notify`` as in a real page: it needs the slot the handler runs in to find its client.

    NiceGUI's ``User`` fixture records toasts without that lookup, so a handler that redrew the part of the page
    holding its own button and then notified would pass a test while the browser got nothing (and the server
    logged ``RuntimeError: The parent element this slot belongs to has been deleted``).
    """

    def __call__(self, message: str, **kwargs: object) -> None:
        context.client  # noqa: B018 - the lookup NiceGUI's notify makes; raises in a deleted slot
        super().__call__(message, **kwargs)


def page_toasts(user: User) -> None:
    """Make ``ui.notify`` behave as in a real page for the rest of the test."""
    user.notify = PageToasts()


def server_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors NiceGUI logged while handling events (its default exception handler logs them)."""
    return [record.getMessage() + (f' {record.exc_info[1]!r}' if record.exc_info else '')
            for record in caplog.records if record.levelno >= logging.ERROR]


async def sign_in_staff(user: User, portal: Portal, staff: Staff) -> None:
    """Enrol an authenticator for the member of staff and sign in with it."""
    secret = enrol_totp(portal, staff.email)
    await sign_in(user, staff.email, PASSWORD, totp_secret=secret)


def only(user: User, marker: str) -> ui.element:
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, f'{len(elements)} elements marked {marker}'
    return next(iter(elements))


def choose(user: User, select: str | ui.element, option: str) -> None:
    """Open the select and click the option with exactly this label, as a person would."""
    select = only(user, select) if isinstance(select, str) else select
    UserInteraction(user, {select}, None).click()
    UserInteraction(user, {select}, option).click()
    assert select.options.get(select.value) == option, f'no option {option!r}'


def newest(user: User, marker: str) -> ui.element:
    """The most recently made of several elements with this marker (e.g. a row just added)."""
    return max(user.find(marker=marker).elements, key=lambda element: element.id)
