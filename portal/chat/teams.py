"""Which team answers a concern, when it is in the office, how soon it answers, and whether anyone is there now."""
import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, col, select

from portal.chat.models import Conversation, Presence, TeamChat
from portal.core.errors import InvalidInput
from portal.core.i18n import TIMEZONE
from portal.people.models import Customer, Location, StaffTeam, Team

CONCERNS = ('benefits', 'placement', 'u25', 'reception', 'other')
ESTIMATE_DAYS = 7
PRESENCE_SECONDS = 180  # a member of staff counts as there while their inbox has been seen this recently


@dataclass(frozen=True)
class TeamStatus:
    """What a customer is told before writing: ``open_now`` (office hours), ``available`` (someone is there),
    ``reply_minutes`` (median first reply over the last 7 days; None without replies), ``opens_at`` (the next
    opening when closed; None when open or no hours are known)."""

    team_id: int
    team_name: str
    open_now: bool
    available: bool
    reply_minutes: int | None
    opens_at: datetime | None


def route(session: Session, customer: Customer, concern: str) -> Team:
    """The team of the customer's location that answers ``concern``; the customer's own team when none does."""
    if concern not in CONCERNS:
        raise InvalidInput('chat.error.concern')
    rows = session.exec(select(Team, TeamChat).join(TeamChat, col(TeamChat.team_id) == Team.id)
                        .where(Team.location_id == customer.location_id).order_by(col(Team.name))).all()
    answering = [team for team, settings in rows if concern in (settings.concerns or [])]
    own = next((team for team in answering if team.id == customer.team_id), None)
    chosen = own or (answering[0] if answering else session.get(Team, customer.team_id))
    if chosen is None:
        raise InvalidInput('chat.error.concern')
    return chosen


def office_hours(session: Session, team: Team) -> list[tuple[int, str, str]]:
    """The team's own hours, else its location's opening hours."""
    settings = session.get(TeamChat, team.id)
    rows = settings.office_hours if settings and settings.office_hours else None
    if rows is None:
        location = session.get(Location, team.location_id)
        rows = location.opening_hours if location else []
    return [(int(day), str(opens), str(closes)) for day, opens, closes in rows]


def is_open(hours: list[tuple[int, str, str]], now: datetime) -> bool:
    local = now.astimezone(TIMEZONE)
    clock = local.strftime('%H:%M')
    return any(day == local.weekday() and opens <= clock < closes for day, opens, closes in hours)


def next_opening(hours: list[tuple[int, str, str]], now: datetime) -> datetime | None:
    """The next moment office hours begin, within the coming week (aware, Berlin)."""
    local = now.astimezone(TIMEZONE)
    for ahead in range(8):
        day = (local + timedelta(days=ahead)).date()
        starts = sorted(opens for weekday, opens, _ in hours if weekday == day.weekday())
        for opens in starts:
            start = datetime.combine(day, time.fromisoformat(opens), TIMEZONE)
            if start > local:
                return start
    return None


def reply_minutes(session: Session, team_id: int, now: datetime) -> int | None:
    """The median time to the team's first reply, over conversations started in the last seven days."""
    since = now - timedelta(days=ESTIMATE_DAYS)
    rows = session.exec(select(Conversation.started_at, Conversation.first_reply_at)
                        .where(Conversation.team_id == team_id, col(Conversation.started_at) >= since,
                               col(Conversation.first_reply_at).is_not(None))).all()
    waits = [(replied - started).total_seconds() for started, replied in rows if replied is not None]
    if not waits:
        return None
    return max(1, round(statistics.median(waits) / 60))


def available(session: Session, team_id: int, now: datetime) -> bool:
    """Someone of the team has set themselves available and their inbox is open."""
    recent = now - timedelta(seconds=PRESENCE_SECONDS)
    found = session.exec(select(Presence.staff_id).join(StaffTeam, col(StaffTeam.staff_id) == Presence.staff_id)
                         .where(StaffTeam.team_id == team_id, col(Presence.available).is_(True),
                                col(Presence.seen_at) >= recent).limit(1)).first()
    return found is not None


def team_status(session: Session, team: Team, now: datetime) -> TeamStatus:
    hours = office_hours(session, team)
    open_now = is_open(hours, now)
    return TeamStatus(team.id, team.name, open_now, open_now and available(session, team.id, now),
                      reply_minutes(session, team.id, now), None if open_now else next_opening(hours, now))

