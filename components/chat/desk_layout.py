"""The staff conversation page's layout: the conversation (actions, thread and composer) beside the customer's
context on a desktop, the context below it on a phone. At 1280x800 the composer is in view without scrolling the
page: the conversation column is as high as the window below the header, and the thread scrolls inside it."""
from nicegui import ui

CSS = '''
.portal-desk { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; width: 100%; align-items: start; }
.portal-desk-main { display: flex; flex-direction: column; gap: 0.5rem; height: max(28rem, calc(100dvh - 8rem)); }
.portal-desk-thread { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
@media (min-width: 1024px) {
  .portal-desk { grid-template-columns: minmax(0, 1fr) minmax(18rem, 22rem); }
  .portal-desk-main { height: max(24rem, calc(100dvh - 13rem)); }
  .portal-desk-side { max-height: calc(100dvh - 13rem); overflow-y: auto; }
}
'''


def desk() -> tuple[ui.element, ui.element, ui.element]:
    """(the conversation's header area, the thread's area, the side panel), each to be filled ``with``."""
    ui.add_css(CSS)
    with ui.element('div').classes('portal-desk').mark('desk'):
        with ui.element('section').classes('portal-desk-main').mark('desk-main'):
            header = ui.element('div').classes('column gap-2 w-full')
            thread = ui.element('div').classes('portal-desk-thread w-full').mark('desk-thread')
        side = ui.element('aside').classes('portal-desk-side w-full').mark('desk-side')
    return header, thread, side
