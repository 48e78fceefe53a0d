"""One module per route, grouped by capability. ``register_all`` registers every page with the composed portal."""
from pages.audit import log
from pages.chat import api as chat_api
from pages.chat import conversation as chat_conversation
from pages.chat import downloads as chat_downloads
from pages.chat import files as chat_files
from pages.chat import overview as chat_overview
from pages.chat import replies, staff_conversation, staff_inbox, team_settings
from pages.chat import start as chat_start
from pages.documents import capture, inbox, overview, uploads
from pages.home import overview as home
from pages.identity import activate, login, logout, password, renewal, second_factor, sso
from pages.people import card, customers, staff, teams
from pages.shell import errors, first_load, more, pwa
from portal.services import Portal

MODULES = (first_load, login, renewal, second_factor, activate, logout, home, card, more, password, customers, staff,
           teams, log, pwa, sso, overview, capture, uploads, inbox, chat_overview, chat_start, chat_conversation,
           chat_api, chat_files, chat_downloads, staff_inbox, staff_conversation, replies, team_settings, errors)


def register_all(portal: Portal) -> None:
    for module in MODULES:
        module.register(portal)
