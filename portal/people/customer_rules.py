"""The rules a customer's master data must meet, checked all at once so the form can show every problem.

Each problem is kept under the name of the draft's field (``first_name``, ``team_id`` ...), which is also the
name the form gives its input.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from portal.core import validation
from portal.core.errors import InvalidFields, InvalidInput
from portal.core.i18n import LANGUAGES
from portal.identity.models import Account
from portal.identity.roles import Actor, Role
from portal.people.models import Customer, Staff, StaffTeam, Team, is_under_25

# field, label key, longest length, required
TEXTS = (('first_name', 'field.first_name', 80, True), ('last_name', 'field.last_name', 80, True),
         ('street', 'field.street', 120, False), ('postcode', 'field.postcode', 10, False),
         ('city', 'field.city', 80, False), ('community_number', 'field.community_number', 20, False))
REQUIRED = frozenset({'first_name', 'last_name', 'date_of_birth', 'team_id', 'preferred_language'})


@dataclass(frozen=True)
class CustomerDraft:
    """What staff type into the customer form."""

    first_name: str
    last_name: str
    date_of_birth: date | None
    team_id: int | None
    preferred_language: str = 'de'
    email: str | None = None
    phone: str | None = None
    street: str = ''
    postcode: str = ''
    city: str = ''
    case_worker_id: int | None = None
    community_number: str = ''


def checked_values(session: Session, actor: Actor, draft: CustomerDraft, *, today: date,
                   current: Customer | None, account_id: int | None, new_number: Callable[[], str]) -> dict:
    """The columns to store, or ``InvalidFields`` naming every field that breaks a rule."""
    problems = validation.Problems()
    check = problems.check
    values = {name: check(name, validation.text, getattr(draft, name), label, maximum=maximum, required=required)
              for name, label, maximum, required in TEXTS}
    born = check('date_of_birth', validation.birth_date, draft.date_of_birth, 'field.date_of_birth', today)
    check('preferred_language', _language, draft.preferred_language)
    email = check('email', validation.email, draft.email, 'field.email')
    check('email', _email_free, session, email, account_id)
    phone = check('phone', validation.phone, draft.phone, 'field.phone')
    team = check('team_id', _team, session, actor, draft.team_id)
    if team is not None and (current is None or (draft.case_worker_id, team.id) != (current.case_worker_id,
                                                                                    current.team_id)):
        check('case_worker_id', _case_worker, session, draft.case_worker_id, team)
    problems.raise_any()
    if born is None or team is None:  # their rules raise rather than return None, so raise_any raised already
        raise InvalidFields(dict(problems.found))
    return values | dict(
        date_of_birth=born, u25=is_under_25(born, today), preferred_language=draft.preferred_language,
        email=email, phone=phone, team_id=team.id, location_id=team.location_id, case_worker_id=draft.case_worker_id,
        community_number=values['community_number'] or (current.community_number if current else '') or new_number())


def same_person(first_name: str, last_name: str, candidates: list[Customer]) -> list[Customer]:
    """The candidates (born on the same day) whose names match, ignoring case and extra spaces."""
    wanted = (_folded(first_name), _folded(last_name))
    return [row for row in candidates if (_folded(row.first_name), _folded(row.last_name)) == wanted]


def _folded(name: str) -> str:
    return ' '.join((name or '').split()).casefold()


def _language(code: str) -> None:
    if code not in LANGUAGES:
        raise InvalidInput('form.invalid', field='field.language')


def _team(session: Session, actor: Actor, team_id: int | None) -> Team:
    """Case workers assign only their own teams."""
    team = session.get(Team, team_id) if team_id else None
    if team is None:
        raise InvalidInput('form.required', field='field.team')
    if Role.ADMIN not in actor.roles and team.id not in actor.team_ids:
        raise InvalidInput('customers.team_not_yours')
    return team


def _case_worker(session: Session, staff_id: int | None, team: Team) -> None:
    """A newly chosen responsible case worker must be a case worker of the customer's team.

    An unchanged one in an unchanged team is kept, so a change of the team's members does not block
    editing a phone number.
    """
    if staff_id is None:
        return
    staff = session.get(Staff, staff_id)
    if staff is None or session.get(StaffTeam, (staff_id, team.id)) is None \
            or Role.CASEWORKER.value not in staff.roles:
        raise InvalidInput('customers.case_worker_not_in_team')


def _email_free(session: Session, email: str | None, account_id: int | None) -> None:
    """Sign-in e-mails are unique across customers and staff."""
    if email is None:
        return
    other = session.exec(select(Account.id).where(Account.email == email)).first()
    if other is not None and other != account_id:
        raise InvalidInput('form.email_taken')
