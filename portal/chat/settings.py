"""A team's chat settings, kept by admins: the concerns it answers for its office, and its office hours (none:
the office's opening hours apply)."""
from dataclasses import dataclass
from itertools import pairwise

from sqlmodel import Session, col, select

from portal.chat.models import TeamChat
from portal.chat.part import Part
from portal.chat.teams import CONCERNS
from portal.core import validation
from portal.core.db import get_existing
from portal.core.errors import InvalidInput
from portal.identity.roles import Actor, Role
from portal.people.access import require
from portal.people.models import Location, Team

Hours = tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class TeamChatView:
    """``office_hours`` empty: the customer is told the office's ``location_hours``."""

    team_id: int
    team_name: str
    location_name: str
    concerns: tuple[str, ...]
    office_hours: Hours
    location_hours: Hours


class TeamSettings(Part):
    """Part of ``Chat``."""

    def team_settings(self, actor: Actor) -> list[TeamChatView]:
        """Every team's chat settings, by name (admins)."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            return [_view(session, team) for team in session.exec(select(Team).order_by(col(Team.name))).all()]

    def save_team_settings(self, actor: Actor, team_id: int, concerns: list[str], office_hours: list
                           ) -> TeamChatView:
        """Which concerns the team answers (in the order of ``CONCERNS``) and its own office hours."""
        require(actor, Role.ADMIN)
        if any(concern not in CONCERNS for concern in concerns):
            raise InvalidInput('chat.error.concern')
        hours = _hours(office_hours)
        with self._db.session() as session:
            team = get_existing(Team, team_id, session=session)
            row = session.get(TeamChat, team.id) or TeamChat(team_id=team.id)
            row.concerns = [concern for concern in CONCERNS if concern in concerns]
            row.office_hours = hours
            session.add(row)
            session.commit()
            view = _view(session, team)
        for topic in (f'presence:{team_id}', f'team:{team_id}'):
            self.events.publish(topic, kind='settings')
        return view


def _hours(rows: list) -> list[list]:
    cleaned = validation.opening_hours(rows)
    for before, after in pairwise(cleaned):
        if before[0] == after[0] and after[1] < before[2]:
            raise InvalidInput('locations.hours_overlap')
    return cleaned


def _rows(rows: list | None) -> Hours:
    return tuple(sorted((int(day), str(opens), str(closes)) for day, opens, closes in rows or []))


def _view(session: Session, team: Team) -> TeamChatView:
    settings = session.get(TeamChat, team.id)
    location = get_existing(Location, team.location_id, session=session)
    return TeamChatView(team.id, team.name, location.name, tuple(settings.concerns if settings else ()),
                        _rows(settings.office_hours if settings else []), _rows(location.opening_hours))
