"""What matters now, per role: the read model behind each person's home page."""
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from portal.core.clock import Clock
from portal.core.db import Database, get_existing
from portal.core.errors import NotFound
from portal.documents.kinds import RECEIVED
from portal.documents.models import Submission
from portal.home.next_steps import NextSteps, next_steps
from portal.identity.models import Account
from portal.identity.roles import Actor, Role
from portal.people.contact import Contact, contact_of
from portal.people.hours import weekday_in_berlin
from portal.people.models import Customer, Location, Staff, Team
from portal.people.views import LocationView, TeamView, location_view, team_view


@dataclass(frozen=True)
class CustomerHome:
    """The customer's start page: who they are to the job centre, how to reach it, and what to do next."""

    first_name: str
    customer_number: str
    contact: Contact
    next: NextSteps


@dataclass(frozen=True)
class TeamCount:
    team: TeamView
    customers: int
    new_documents: int = 0


@dataclass(frozen=True)
class StaffHome:
    teams: list[TeamCount]
    location: LocationView | None
    customers_total: int | None = None
    staff_total: int | None = None
    accounts_without_password: int | None = None


class Home:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def for_customer(self, actor: Actor) -> CustomerHome:
        """Only the customer's own data: their case worker, team and office, their requests and news."""
        if actor.customer_id is None:
            raise NotFound()
        with self._db.session() as session:
            customer = get_existing(Customer, actor.customer_id, session=session)
            return CustomerHome(customer.first_name, customer.customer_number,
                                contact_of(session, customer, weekday_in_berlin(self._clock())),
                                next_steps(session, customer.id))

    def for_staff(self, actor: Actor) -> StaffHome:
        """Counts only: no customer data, so nothing here needs an audit entry."""
        if not actor.is_staff:
            raise NotFound()
        with self._db.session() as session:
            teams = session.exec(select(Team).where(col(Team.id).in_(actor.team_ids)).order_by(col(Team.name))).all()
            counts = [TeamCount(team_view(team),
                                session.exec(select(func.count()).where(Customer.team_id == team.id)).one(),
                                _new_documents(session, team.id)) for team in teams]
            place = session.get(Location, actor.location_id) if actor.location_id else None
            location = location_view(place) if place is not None else None
            if Role.ADMIN not in actor.roles:
                return StaffHome(counts, location)
            return StaffHome(
                counts, location,
                customers_total=session.exec(select(func.count()).select_from(Customer)).one(),
                staff_total=session.exec(select(func.count()).select_from(Staff)).one(),
                accounts_without_password=session.exec(
                    select(func.count()).select_from(Account).where(Account.password_hash == None)).one(),  # noqa: E711
            )


def _new_documents(session: Session, team_id: int) -> int:
    """Submissions of the team's customers that nobody has decided on yet: the case workers' queue."""
    return session.exec(select(func.count()).select_from(Submission)
                        .join(Customer, col(Customer.id) == Submission.customer_id)
                        .where(Customer.team_id == team_id, Submission.status == RECEIVED)).one()
