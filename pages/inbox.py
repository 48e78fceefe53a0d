"""Being built."""
from portal.services import Portal


def register(portal: Portal) -> None:
    del portal
