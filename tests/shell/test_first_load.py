"""The first load without Tailwind's runtime and with a cut-down icon font: every class and icon the code uses
still has its rule or glyph, and every page links the long-cached stylesheet and preloads its fonts."""
import ast
import importlib.util
import re
from pathlib import Path

import nicegui
import pytest
from nicegui.testing import User

from components.core.design import CSS as DESIGN_CSS

pytestmark = pytest.mark.usefixtures('app_env')

ROOT = Path(__file__).resolve().parents[2]
NICEGUI_STATIC = Path(nicegui.__file__).parent / 'static'
FRAMEWORK_CSS = ('quasar.unimportant.prod.css', 'quasar.important.prod.css', 'nicegui.css')
PORTAL_CSS = ROOT / 'assets' / 'portal.css'
# Tailwind generated these even where Quasar has a class of the same name, in a layer above NiceGUI's rows and
# cards; Quasar's own rules lose to NiceGUI's, so the portal's stylesheet must define them
TAILWIND_OVER_QUASAR = re.compile(r'(items|justify|self|content)-[a-z]+|text-(left|center|right)')
OWN_PREFIX = 'portal-'  # the portal's own names: hooks for its CSS, scripts and tests, never a utility
CLASS_ATTRIBUTE = re.compile(r'class="([^"{}]*)"')
SELECTOR_CLASS = re.compile(r'\.((?:[\w-]|\\.)+)')


def _load_icon_font_script():
    spec = importlib.util.spec_from_file_location('icon_font', ROOT / 'deploy' / 'icon_font.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def css_classes(css: str) -> set[str]:
    """Class names in the selectors (not the declarations) of a stylesheet, escapes undone."""
    preludes = re.findall(r'([^{};]+)\{', re.sub(r'/\*.*?\*/', '', css, flags=re.S))
    return {name.replace('\\', '') for prelude in preludes for name in SELECTOR_CLASS.findall(prelude)}


def classes_in_code() -> dict[str, str]:
    """Every class given to ``.classes(...)`` as a literal or written in a ``class="..."`` attribute → a file."""
    used: dict[str, str] = {}
    for path in sorted([*(ROOT / 'pages').rglob('*.py'), *(ROOT / 'components').rglob('*.py')]):
        for name in _classes_in_python(path.read_text(encoding='utf-8')):
            used.setdefault(name, str(path.relative_to(ROOT)))
    for path in sorted((ROOT / 'components').rglob('*.js')):
        for value in CLASS_ATTRIBUTE.findall(path.read_text(encoding='utf-8')):
            used.update(dict.fromkeys(value.split(), str(path.relative_to(ROOT))))
    return used


def _classes_in_python(source: str) -> set[str]:
    tree = ast.parse(source)
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'classes':
            arguments = [*node.args, *(k.value for k in node.keywords if k.arg in ('add', 'replace'))]
            found |= {name for argument in arguments for name in _words(argument, constants)}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found |= {name for value in CLASS_ATTRIBUTE.findall(node.value) for name in value.split()}
    return found


def _words(node: ast.AST, constants: dict[str, str]) -> set[str]:
    """Whole class names in an argument: literals, both branches of ``a if c else b``, module constants, and the
    literal parts of f-strings (a word touching a placeholder is not a whole name)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return set(node.value.split())
    if isinstance(node, ast.Name):
        return set(constants.get(node.id, '').split())
    if isinstance(node, ast.IfExp):
        return _words(node.body, constants) | _words(node.orelse, constants)
    if isinstance(node, ast.JoinedStr):
        text = ''.join(part.value if isinstance(part, ast.Constant) else '\0' for part in node.values)
        return {word for word in text.split() if '\0' not in word}
    return set()


def defined_classes() -> tuple[set[str], set[str]]:
    """(classes of Quasar and NiceGUI, classes of the portal's own stylesheets)."""
    framework = set().union(*(css_classes((NICEGUI_STATIC / name).read_text(encoding='utf-8'))
                              for name in FRAMEWORK_CSS))
    return framework, css_classes(PORTAL_CSS.read_text(encoding='utf-8')) | css_classes(DESIGN_CSS)


def test_every_class_the_code_uses_has_a_rule() -> None:
    framework, portal = defined_classes()
    used = classes_in_code()
    assert {'w-full', 'gap-2', 'portal-card', 'text-h5'} <= used.keys(), 'the extraction finds the usual classes'
    undefined = {name: path for name, path in used.items()
                 if name not in framework | portal and not name.startswith(OWN_PREFIX)}
    assert undefined == {}, 'define these in assets/portal.css (NiceGUI runs without Tailwind)'


def test_alignment_classes_are_the_portals_own_so_they_win_over_nicegui_layouts() -> None:
    _, portal = defined_classes()
    needed = {name for name in classes_in_code() if TAILWIND_OVER_QUASAR.fullmatch(name)}
    assert 'items-center' in needed
    assert needed - portal == set()


def test_the_stylesheet_reader_sees_escaped_names_and_skips_declarations() -> None:
    css = '@media (width >= 48rem) { .md\\:grid-cols-2 { margin: 0.5rem; } } .min-w-\\[8rem\\], .a.b { x: 1.5em }'
    assert css_classes(css) == {'md:grid-cols-2', 'min-w-[8rem]', 'a', 'b'}


def test_the_class_reader_follows_branches_constants_and_fstrings() -> None:
    source = '''SHEET = 'portal-sheet'
x.classes('a b' if c == 'left' else 'd').classes(f'e {SHEET} f{n}', remove='gone').classes(SHEET)
ui.html('<a class="g h">')'''
    assert _classes_in_python(source) == {'a', 'b', 'd', 'e', 'portal-sheet', 'g', 'h'}


def test_the_icon_font_has_every_icon_the_code_and_quasar_draw() -> None:
    script = _load_icon_font_script()
    in_font = set((ROOT / 'assets' / 'fonts' / 'material-icons.txt').read_text(encoding='utf-8').split())
    used = script.icons_in_code(ROOT)
    assert {'menu', 'photo_camera', 'home', 'badge'} <= used, 'the extraction finds icon=, ui.icon and NavItem'
    wanted = used | script.quasar_icons(NICEGUI_STATIC) | script.nicegui_icons()
    assert {'arrow_drop_down', 'keyboard_arrow_down', 'warning'} <= wanted
    assert wanted - in_font == set(), 'run deploy/icon_font.py to add these icons to the subset'


async def test_every_page_links_the_stylesheet_and_preloads_both_fonts(user: User) -> None:
    page = (await user.http_client.get('/login')).text
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/\w+/portal\.css)">', page).group(1)
    icons = re.search(r'<link rel="preload" href="(/static/\w+/material-icons\.woff2)" as="font"', page).group(1)
    text_font = re.search(r'<link rel="preload" href="(/_nicegui/[^"]+\.woff2)" as="font"', page).group(1)
    for url, kind in ((stylesheet, 'text/css'), (icons, 'font/woff2'), (text_font, 'font/woff2')):
        response = await user.http_client.get(url)
        assert response.status_code == 200 and response.headers['content-type'].startswith(kind)
        assert 'max-age=31536000' in response.headers['cache-control'], 'content-hashed: cached for a year'
    assert 'tailwindcss' not in page
