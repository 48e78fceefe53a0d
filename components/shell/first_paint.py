"""A static copy of a simple page, sent with its HTML, so a phone shows the page before Vue has mounted it.

A NiceGUI page is drawn by JavaScript: on a slow phone network the screen stays white until Vue and Quasar have
arrived (4 s and more on Slow 4G). This renders the page's element tree once more as plain HTML with Quasar's own
classes, painted as soon as the stylesheets are in. It is ``inert`` (no focus, no clicks, hidden from assistive
technology) and goes when Vue mounts the real page, which looks the same. Pages with an element this module
does not know get no copy rather than a wrong one.
"""
from html import escape

from nicegui import Client, ui
from nicegui.element import Element
from nicegui.elements.colors import Colors
from nicegui.elements.dialog import Dialog

SILENT = (Colors, Dialog)  # draw nothing until opened or mounted
LANDMARKS = ('nav', 'main', 'header', 'footer', 'aside')
TAGS = ('div', 'span', 'p', 'dl', 'dt', 'dd', 'ul', 'ol', 'li')
UNDRAWN = {  # props that change how Quasar draws a card, field or button: such a page gets no copy
    'card': ('flat', 'bordered', 'square'),
    'field': ('hint', 'counter', 'prefix', 'suffix', 'clearable', 'filled', 'standout', 'borderless', 'rounded'),
    'button': ('round', 'rounded', 'dense', 'push', 'square', 'stack', 'text-color', 'padding', 'loading', 'disable',
               'icon-right'),
}
BUTTON_SIZES = {'xs': 8, 'sm': 10, 'md': 14, 'lg': 20, 'xl': 24}  # Quasar's font sizes of q-btn, in px
# hidden by CSS in the frame Vue mounts the page (assets/portal.css), then removed: the DOM is as without it
REMOVAL = ('<script>document.addEventListener("DOMContentLoaded", () => document.querySelector("#app > *") && '
           'document.querySelector(".portal-first-paint")?.remove());</script>')
FIELD = 'q-field row no-wrap items-start q-field--outlined'
CONTROL = ('<div class="q-field__inner relative-position col self-stretch"><div class="q-field__control '
           'relative-position row no-wrap"><div class="q-field__control-container col relative-position row no-wrap">')


class Unknown(Exception):
    """The page has an element without a static copy."""


def add_first_paint(client: Client) -> None:
    """Send the static copy of the client's page with its HTML, if every element of the page has one."""
    try:
        markup = page_markup(client)
    except Unknown:
        return
    ui.add_body_html(f'<div class="portal-first-paint" inert>{markup}</div>{REMOVAL}')


def page_markup(client: Client) -> str:
    marginals = [child for child in client.layout if child is not client.page_container]
    content = ''.join(markup(child) for child in client.content)
    return ''.join(markup(child) for child in marginals) + f'<div class="nicegui-content">{content}</div>'


def markup(element: Element) -> str:
    if isinstance(element, SILENT) or not element.visible:
        return ''
    render = RENDERERS.get(type(element))  # the exact class: a subclass may be drawn otherwise
    if render is None:
        raise Unknown(type(element).__name__)
    return render(element)


def _check(element: Element, kind: str) -> None:
    if any(element.props.get(name) for name in UNDRAWN[kind]):
        raise Unknown(f'a {kind} drawn otherwise')


def _children(element: Element) -> str:
    return ''.join(markup(child) for child in element)


def _attributes(element: Element, *classes: str) -> str:
    names = ' '.join([*classes, *element.classes])
    style = '; '.join(f'{key}: {value}' for key, value in element.style.items())
    return f' class="{escape(names)}"' + (f' style="{escape(style)}"' if style else '')


def _box(element: Element, *classes: str, tag: str = 'div') -> str:
    text = escape(getattr(element, 'text', ''))
    return f'<{tag}{_attributes(element, *classes)}>{text}{_children(element)}</{tag}>'


def _element(element: Element) -> str:
    if element.tag in LANDMARKS:  # a landmark twice would confuse screen readers: the copy has none
        return _box(element)
    if element.tag not in TAGS:
        raise Unknown(element.tag)
    return _box(element, tag=element.tag)


def _card(element: ui.card) -> str:
    _check(element, 'card')
    return _box(element, 'q-card')


def _header(element: ui.header) -> str:  # in the flow instead of fixed: the content below starts under it
    return _box(element, 'q-header q-layout__section--marginal')


def _footer(element: ui.footer) -> str:
    return _box(element, 'q-footer q-layout__section--marginal fixed-bottom')


def _link(element: ui.link) -> str:
    href = escape(str(element.props.get('href', '#')))
    return f'<a href="{href}"{_attributes(element)}>{escape(element.text)}</a>'


def _field(element: Element, kind: str, inner: str, append: str = '') -> str:
    _check(element, 'field')
    if not element.props.get('outlined'):
        raise Unknown('a field that is not outlined')
    kind += ' q-field--dense' if element.props.get('dense') else ''
    kind += ' q-field--dark' if element.props.get('dark') else ''
    icon = f'<div class="q-field__append q-field__marginal row no-wrap items-center">{append}</div>' if append else ''
    return f'<label{_attributes(element, FIELD, kind)}>{CONTROL}{inner}</div>{icon}</div></div></label>'


def _input(element: ui.input) -> str:
    if element.value or element.props.get('placeholder'):
        raise Unknown('a field with text in it')
    label = escape(element.props.get('label') or '')
    appended = list(element.slots['append']) if 'append' in element.slots else []
    if not label or any(type(child) is not ui.icon for child in appended):
        raise Unknown('a field without a label or with more than an icon')
    return _field(element, 'q-input q-field--labeled',
                  f'<div class="q-field__label no-pointer-events absolute ellipsis">{label}</div>'
                  '<div class="q-field__native q-placeholder"></div>',
                  ''.join(_icon(child.props['name']) for child in appended))  # the password's eye


def _select(element: ui.select) -> str:
    if element.props.get('label') or not isinstance(element.options, dict) or element.value not in element.options:
        raise Unknown('a select other than the language picker')
    value = escape(str(element.options[element.value]))
    kind = 'q-select q-field--auto-height q-select--without-input q-select--without-chips q-select--single ' \
           'q-field--float'
    return _field(element, kind, f'<div class="q-field__native row items-center"><span class="ellipsis">{value}'
                  '</span></div>', _icon('arrow_drop_down', 'q-select__dropdown-icon'))


def _icon(name: str, extra: str = '') -> str:
    return f'<i class="q-icon notranslate material-icons {extra}" aria-hidden="true">{escape(name)}</i>'


def _button(element: ui.button) -> str:
    _check(element, 'button')
    if element.style:
        raise Unknown('a styled button')
    props = element.props
    design = next((name for name in ('flat', 'outline', 'unelevated') if props.get(name)), 'standard')
    colours = f'text-{props.get("color") or "primary"}' if design in ('flat', 'outline') \
        else f'bg-{props.get("color") or "primary"} text-white'
    classes = (f'q-btn q-btn-item non-selectable no-outline q-btn--{design} q-btn--rectangle {colours} '
               'q-btn--actionable q-focusable q-hoverable' + (' q-btn--no-uppercase' if props.get('no-caps') else ''))
    justify = {'left': 'justify-start', 'right': 'justify-end'}.get(props.get('align', ''), 'justify-center')
    size = f' style="font-size: {BUTTON_SIZES[props["size"]]}px"' if props.get('size') in BUTTON_SIZES else ''
    tag = 'a' if props.get('href') else 'button'
    return (f'<{tag}{_attributes(element, classes)}{size}><span class="q-focus-helper"></span>'
            f'<span class="q-btn__content text-center col items-center q-anchor--skip {justify} row">'
            f'{_button_content(element)}</span></{tag}>')


def _button_content(element: ui.button) -> str:
    icon = element.props.get('icon')
    drawn = _icon(icon, 'on-left' if element.text else '') if icon else ''
    return drawn + (f'<span class="block">{escape(element.text)}</span>' if element.text else '')


RENDERERS = {
    ui.element: _element,
    ui.label: _box,
    ui.row: _box,
    ui.column: _box,
    ui.card: _card,
    ui.space: lambda element: _box(element, 'q-space'),
    ui.separator: lambda element: f'<hr{_attributes(element, "q-separator q-separator--horizontal")}>',
    ui.html: lambda element: f'<div{_attributes(element)}></div>',  # the skip link: off screen until focused
    ui.header: _header,
    ui.footer: _footer,
    ui.link: _link,
    ui.input: _input,
    ui.select: _select,
    ui.button: _button,
}
