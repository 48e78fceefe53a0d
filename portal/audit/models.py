"""The audit log: every read or change of a customer's data by staff."""
from datetime import datetime

from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    """One read or change. ``actor_account_id`` and ``customer_id`` are ids without a reference: the entries stay
    when a customer and their account are erased (ids are never reused, so they keep naming the erased one)."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    at: datetime = Field(index=True)
    actor_account_id: int = Field(index=True)
    actor_name: str = Field(max_length=170)
    action: str = Field(max_length=60, index=True)
    customer_id: int | None = Field(default=None, index=True)
    detail: str = Field(default='', max_length=500)
