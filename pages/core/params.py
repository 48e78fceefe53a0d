"""Values read from an address (path or query string), cleaned before a service sees them (ids: ``portal.core.ids``)."""
from collections.abc import Collection


def choice(text: str | None, allowed: Collection[str], default: str) -> str:
    """``text`` if it is one of ``allowed`` or '' (which means "any"), else ``default``; None is ``default``."""
    return text if text is not None and (text == '' or text in allowed) else default
