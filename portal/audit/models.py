"""The audit log: every read or change of a customer's data by staff."""
from datetime import datetime

from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)  # None until the row is added
    at: datetime = Field(index=True)
    actor_account_id: int = Field(foreign_key='account.id', index=True)
    actor_name: str = Field(max_length=170)
    action: str = Field(max_length=60, index=True)
    customer_id: int | None = Field(default=None, foreign_key='customer.id', index=True)
    detail: str = Field(default='', max_length=500)
