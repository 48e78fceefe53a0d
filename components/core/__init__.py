"""Small pieces every page uses: design tokens, busy buttons, focus, pager, problem notice."""
