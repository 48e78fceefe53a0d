"""Chat pieces: the live conversation with its composer, conversation cards, concern buttons."""
