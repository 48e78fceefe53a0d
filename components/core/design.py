"""Colours, spacing and global CSS in one place. Colours meet WCAG AA (4.5:1) on white."""
from nicegui import ui

PRIMARY = '#1d4e89'    # 8.3:1 on white
SECONDARY = '#35577a'  # 7.4:1
ACCENT = '#8a4b00'     # 6.6:1
POSITIVE = '#1e6b35'   # 6.5:1
NEGATIVE = '#b00020'   # 6.9:1
WARNING = '#7a5200'    # 6.8:1
INFO = '#1d4e89'
FOCUS = '#b35c00'
MIN_TARGET = 44  # px: the least a finger hits reliably (WCAG 2.5.5, Apple 44 pt, Android 48 dp)

CSS = f'''
:root {{ --portal-focus: {FOCUS};
  /* ui.colors sets these when Vue mounts; the static first paint (components.first_paint) needs them earlier */
  --q-primary: {PRIMARY}; --q-secondary: {SECONDARY}; --q-accent: {ACCENT}; --q-positive: {POSITIVE};
  --q-negative: {NEGATIVE}; --q-warning: {WARNING}; --q-info: {INFO}; }}
body {{ font-size: 1rem; line-height: 1.5; }}
a:not(.q-btn) {{ color: {PRIMARY}; text-decoration: underline; }}
a.q-btn {{ text-decoration: none; }}  /* a link drawn as a button */
:focus-visible {{ outline: 3px solid var(--portal-focus) !important; outline-offset: 2px; }}
.skip-link {{ position: fixed; inset-inline-start: 0.5rem; top: 0.5rem; z-index: 10000; padding: 0.5rem 1rem;
  background: #fff; color: {PRIMARY}; border: 2px solid {PRIMARY}; border-radius: 4px; transform: translateY(-300%); }}
.skip-link:focus {{ transform: none; }}
.portal-main {{ width: 100%; max-width: 960px; margin-inline: auto; padding: 1rem; }}
.portal-main-wide {{ max-width: 1600px; }}
/* a document beside its facts and decision on a desktop (both in view at 1280x800), one column on a phone */
.portal-beside {{ display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; width: 100%; align-items: start; }}
.portal-pdf-frame {{ width: 100%; height: 70vh; min-height: 24rem; border: 1px solid #8a8a8a; border-radius: 4px; }}
@media (min-width: 1024px) {{
  .portal-beside {{ grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); }}
  .portal-pdf-frame {{ height: max(24rem, calc(100vh - 19rem)); }}
}}
/* Quasar keeps scrolled-to and focused elements clear of the fixed header (scroll-padding-top on <html>), but not
   of the customer's bottom navigation: a button reached with Tab would stop under it */
html:has(.portal-bottom-nav) {{ scroll-padding-bottom: 6rem; }}
.portal-sheet {{ box-shadow: 0 0 0 1px #7a7a7a; }}  /* the edge of a white page on a white card (4.3:1) */
.portal-card {{ width: 100%; }}
/* every button and link is a target of at least MIN_TARGET in both directions (Quasar's default button is 36 px) */
.q-btn {{ min-height: {MIN_TARGET}px; min-width: {MIN_TARGET}px; }}
a.nicegui-link {{ display: inline-flex; align-items: center; min-height: {MIN_TARGET}px; min-width: {MIN_TARGET}px; }}
a.nicegui-link.block {{ display: flex; }}
.portal-bottom-nav .q-btn {{ min-height: 56px; min-width: 56px; flex: 1 1 0; font-size: 0.75rem; }}
.portal-bottom-nav .q-btn .q-btn__content {{ flex-direction: column; }}
.portal-drawer-nav .q-btn {{ min-height: 48px; }}
.portal-current {{ font-weight: 700; text-decoration: underline; text-underline-offset: 4px; }}
.q-field__label, .q-field__native, .q-field__messages {{ color: #1f1f1f; }}
.q-header .portal-language .q-field__native, .q-header .portal-language .q-field__append,
.q-header .portal-language .q-field__native span {{ color: #fff !important; }}
.q-header .portal-language .q-field__control:before {{ border-color: rgba(255, 255, 255, 0.85); }}
.portal-language.q-field--dense .q-field__control, .portal-language.q-field--dense .q-field__marginal,
.portal-language.q-field--dense .q-field__native {{ min-height: 48px; }}
.text-grey-7 {{ color: #545454 !important; }}
@media print {{
  .q-header, .q-footer, .q-drawer, .skip-link, .no-print {{ display: none !important; }}
  .q-page-container {{ padding: 0 !important; }}
}}
'''


def apply_theme() -> None:
    """Colours and CSS for the current page."""
    ui.colors(primary=PRIMARY, secondary=SECONDARY, accent=ACCENT, positive=POSITIVE, negative=NEGATIVE,
              warning=WARNING, info=INFO)
    ui.add_css(CSS)
