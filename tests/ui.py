"""Helpers for tests that drive pages with NiceGUI's ``User`` fixture."""
import pyotp
from nicegui.testing import User


async def sign_in(user: User, identifier: str, password: str, totp_secret: str | None = None) -> None:
    """Sign in through the login page (and the second-factor page for staff) and land on the home page."""
    await user.open('/login')
    user.find(marker='identifier').type(identifier)
    user.find(marker='password').type(password)
    user.find(marker='login').click()
    if totp_secret is not None:
        await user.should_see(marker='code')
        user.find(marker='code').type(pyotp.TOTP(totp_secret).now())
        user.find(marker='confirm').click()
    await user.should_see('Hallo,')  # the home page greets whoever signed in
