"""Values read from an address (path or query string), cleaned before any service sees them."""
from collections.abc import Collection


def identifier(text: str) -> int:
    """A tampered id is simply an id nobody has (0), so it ends in the same "not found" as a foreign one."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else 0


def choice(text: str | None, allowed: Collection[str], default: str) -> str:
    """``text`` if it is one of ``allowed`` or '' (which means "any"), else ``default``; None is ``default``."""
    return text if text is not None and (text == '' or text in allowed) else default
