"""Camera, page editor, document cards, inbox list, decision buttons."""
