"""The language picker: every supported language in its own script, so anyone finds theirs."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from portal.core.i18n import LANGUAGES


def language_picker(*, current: str, label: str, on_change: Callable[[str], Awaitable[None]]) -> ui.select:
    """A select of all languages, named ``label`` for screen readers; ``on_change`` gets the chosen code."""
    options = {code: language.native_name for code, language in LANGUAGES.items()}
    select = ui.select(options, value=current, on_change=lambda event: on_change(event.value))
    # Quasar puts these attributes on the field's inner element: a named group is where aria-label is allowed,
    # and the combobox inside takes its name from it
    select.props(f'dense outlined dark options-dense role=group aria-label="{label}"')
    select.props('behavior=menu popup-content-class="portal-lang-menu"')
    select.classes('min-w-[8rem] portal-language').mark('language-picker')
    return select
