"""One module per route. ``register_all`` registers every page with the composed portal."""
from pages import (
    activate,
    card,
    home,
    login,
    logout,
    more,
    password,
    second_factor,
)
from portal.services import Portal

MODULES = (login, second_factor, activate, logout, home, card, more, password)


def register_all(portal: Portal) -> None:
    for module in MODULES:
        module.register(portal)
