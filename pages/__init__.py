"""One module per route, grouped by capability. ``register_all`` registers every page with the composed portal."""
from pages.audit import log
from pages.chat import downloads as chat_downloads
from pages.chat import files as chat_files
from pages.documents import capture, inbox, overview, uploads
from pages.home import overview as home
from pages.identity import activate, login, logout, password, renewal, second_factor, sso
from pages.people import card, customers, staff, teams
from pages.shell import errors, first_load, more, pwa
from portal.services import Portal

MODULES = (first_load, login, renewal, second_factor, activate, logout, home, card, more, password, customers, staff,
           teams, log, pwa, sso, overview, capture, uploads, inbox, chat_files, chat_downloads, errors)


def register_all(portal: Portal) -> None:
    for module in MODULES:
        module.register(portal)
