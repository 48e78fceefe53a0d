"""Regenerate assets/fonts/material-icons.woff2: the Material Icons font that NiceGUI ships, cut down to the icons
the portal and Quasar's own widgets use (the full font is 127 KiB, the largest file of a first visit).

Run after adding an icon (tests/test_first_load.py fails until then) or after a NiceGUI update:

    apt-get install python3-fonttools python3-brotli   # Debian's fontTools; not a dependency of the portal
    /usr/bin/python3 deploy/icon_font.py

The font is Google's Material Icons, Apache License 2.0 (assets/fonts/README.md). The icon names are read from the
code: ``icon=`` arguments, ``ui.icon(...)`` and the navigation items; Quasar's icon set (select arrows, expansion
chevrons, notification icons, ...) is read from the Quasar bundle NiceGUI ships.
"""
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / 'assets' / 'fonts' / 'material-icons.woff2'
NAMES = ROOT / 'assets' / 'fonts' / 'material-icons.txt'
CODE = ('pages', 'components')
ICON_CALLS = ('icon', '_icon_button')  # calls whose first argument is an icon name
NAME = re.compile(r'[a-z0-9_]+')


def icons_in_code(root: Path = ROOT) -> set[str]:
    """Icon names given as literals: ``icon='...'``, ``ui.icon('...')``, ``NavItem(route, '...', ...)``."""
    found: set[str] = set()
    for folder in CODE:
        for path in sorted((root / folder).rglob('*.py')):
            for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
                if isinstance(node, ast.Call):
                    found |= {value for value in _icon_arguments(node) if NAME.fullmatch(value)}
    return found


def _icon_arguments(call: ast.Call) -> list[str]:
    function = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, 'id', '')
    arguments = [keyword.value for keyword in call.keywords if keyword.arg == 'icon']
    if function in ICON_CALLS and call.args:
        arguments.append(call.args[0])
    if function == 'NavItem' and len(call.args) > 1:
        arguments.append(call.args[1])
    return [node.value for argument in arguments for node in ast.walk(argument)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def nicegui_static() -> Path:
    venv = sorted(ROOT.glob('.venv/lib/python3*/site-packages/nicegui/static'))
    if venv:
        return venv[0]
    import nicegui  # only when run with the portal's own python
    return Path(nicegui.__file__).parent / 'static'


def quasar_icons(static: Path) -> set[str]:
    """The names in Quasar's material-icons icon set, the icons its components draw by themselves."""
    bundle = (static / 'quasar.umd.prod.js').read_text(encoding='utf-8')
    start = bundle.index('name:"material-icons"')
    end = bundle.index('};', start)
    return set(re.findall(r':"([a-z0-9_]+)"', bundle[start:end])) - {'material'}


def nicegui_icons() -> set[str]:
    """Icons NiceGUI's elements add in Python (the password toggle of ``ui.input``)."""
    return {'visibility', 'visibility_off'}


def full_font(static: Path) -> Path:
    css = (static / 'fonts.css').read_text(encoding='utf-8')
    match = re.search(r'font-family: "Material Icons";[^}]*?src: url\(([^)]+)\)', css)
    return static / match.group(1)


def subset(source: Path, names: set[str]) -> list[str]:
    """Keep the letters and only the ligatures (name → icon) of the wanted icons; return the names kept."""
    from fontTools import subset as ftsubset  # Debian's python3-fonttools, needed at build time only
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    cmap = font.getBestCmap()
    ligatures = {}
    for lookup in font['GSUB'].table.LookupList.Lookup:
        for table in lookup.SubTable:
            for first, entries in getattr(table, 'ligatures', {}).items():
                for ligature in entries:
                    ligatures[(first, *ligature.Component)] = ligature.LigGlyph
    kept, glyphs = [], set()
    for name in sorted(names):
        key = tuple(cmap[ord(char)] for char in name)
        if key in ligatures:
            kept.append(name)
            glyphs.add(ligatures[key])
    characters = sorted({ord(char) for name in kept for char in name})
    options = ftsubset.Options(layout_closure=False, flavor='woff2', layout_features=['rlig', 'liga'],
                               name_IDs=['*'], notdef_outline=True)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=sorted(glyphs), unicodes=characters)
    subsetter.subset(font)
    font.flavor = 'woff2'
    font.save(TARGET)
    return kept


def main() -> None:
    static = nicegui_static()
    wanted = icons_in_code() | quasar_icons(static) | nicegui_icons()
    kept = subset(full_font(static), wanted)
    missing = sorted(wanted - set(kept))
    NAMES.write_text('\n'.join(kept) + '\n', encoding='utf-8')
    print(f'{TARGET.relative_to(ROOT)}: {len(kept)} icons, {TARGET.stat().st_size / 1024:.1f} KiB'
          + (f'; not in the font: {", ".join(missing)}' if missing else ''))
    sys.exit(1 if missing else 0)


if __name__ == '__main__':
    main()
