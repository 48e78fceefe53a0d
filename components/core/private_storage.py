"""What a page keeps in the browser for the person signed in (the chat's unsent messages): stored under
``PRIVATE_PREFIX`` in ``localStorage``, and removed by ``CLEAR_PRIVATE`` when the person signs out, so the next
person on a shared phone finds none of it."""

PRIVATE_PREFIX = 'portal-private:'
CLEAR_PRIVATE = ('() => { try { Object.keys(localStorage).filter((key) => key.startsWith("' + PRIVATE_PREFIX
                 + '")).forEach((key) => localStorage.removeItem(key)); } catch (error) {} }')
