"""The language picker: every supported language in its own script, so anyone finds theirs."""
from collections.abc import Callable

from nicegui import ui

from portal.i18n import LANGUAGES


def language_picker(*, current: str, label: str, on_change: Callable[[str], None]) -> ui.select:
    options = {code: language.native_name for code, language in LANGUAGES.items()}
    select = ui.select(options, value=current, on_change=lambda event: on_change(event.value))
    select.props(f'dense outlined dark options-dense aria-label="{label}" popup-content-class="portal-lang-menu"')
    select.props('behavior=menu').classes('min-w-[8rem] portal-language').mark('language-picker')
    return select
