"""Who may see which customer's data: the one place for these rules.

A customer sees only their own data. A case worker sees the customers of their teams. Reception sees
the customers of their location (to check them in). Admins see everyone. Anything else is "not found",
so a tampered id does not even reveal that a customer exists.
"""
from portal.core.errors import NotAllowed, NotFound
from portal.identity.roles import Actor, Role
from portal.people.models import Customer


def require(actor: Actor | None, *roles: Role) -> Actor:
    """Raise NotAllowed unless the actor holds one of the roles."""
    if actor is None or not actor.has_any(set(roles)):
        raise NotAllowed()
    return actor


def staff_id_of(actor: Actor) -> int:
    """The acting member of staff's id; ``NotAllowed`` for anyone else."""
    if actor.staff_id is None:
        raise NotAllowed()
    return actor.staff_id


def can_view_customer(actor: Actor, customer: Customer) -> bool:
    if actor.customer_id is not None:
        return actor.customer_id == customer.id
    if Role.ADMIN in actor.roles:
        return True
    if Role.CASEWORKER in actor.roles and customer.team_id in actor.team_ids:
        return True
    return Role.RECEPTION in actor.roles and actor.location_id == customer.location_id


def ensure_can_view_customer(actor: Actor, customer: Customer | None) -> Customer:
    if customer is None or not can_view_customer(actor, customer):
        raise NotFound()
    return customer


def can_edit_customer(actor: Actor, customer: Customer) -> bool:
    """Master data is kept by admins and by the case workers of the customer's team."""
    if Role.ADMIN in actor.roles:
        return True
    return Role.CASEWORKER in actor.roles and customer.team_id in actor.team_ids
