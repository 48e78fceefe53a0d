"""One module per route. ``register_all`` registers every page with the composed portal."""
from pages import (
    activate,
    admin_audit,
    admin_customers,
    admin_staff,
    admin_teams,
    capture,
    card,
    documents,
    first_load,
    home,
    inbox,
    login,
    logout,
    more,
    password,
    pwa,
    second_factor,
    sso,
    uploads,
)
from portal.services import Portal

MODULES = (first_load, login, second_factor, activate, logout, home, card, more, password, admin_customers,
           admin_staff, admin_teams, admin_audit, pwa, sso, documents, capture, uploads, inbox)


def register_all(portal: Portal) -> None:
    for module in MODULES:
        module.register(portal)
