"""Erasing a customer from the chat: their conversations with every message and file (``Customers.erase``)."""
from sqlmodel import Session, col, delete, select

from portal.chat.models import ChatFile, Conversation, Message


def erase_customer(session: Session, customer_id: int) -> list[str]:
    """Delete the customer's conversations, their messages (staff's and notes too) and files; returns the store
    names of the files, to delete once the deletion is committed."""
    conversations = select(Conversation.id).where(Conversation.customer_id == customer_id)
    files = session.exec(select(ChatFile).where(col(ChatFile.conversation_id).in_(conversations))).all()
    session.execute(delete(Message).where(col(Message.conversation_id).in_(conversations)))
    session.execute(delete(ChatFile).where(col(ChatFile.conversation_id).in_(conversations)))
    session.execute(delete(Conversation).where(col(Conversation.customer_id) == customer_id))
    return [name for row in files for name in (row.original, row.preview)]
