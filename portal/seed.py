"""Demo data for ``make run``: two offices, three teams, staff of every role and a dozen customers, with phone
numbers and e-mail addresses (invented: ``.example`` addresses) so the customers' start page shows whom to contact.

Idempotent: a second run finds the demo office and changes nothing, except filling in contact data that a demo
database made by an older version lacks. Refused in production.
"""
from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from portal.chat.demo import DEMO_REPLIES
from portal.chat.models import CannedReply, TeamChat
from portal.core.db import Database, get_existing
from portal.core.settings import Settings
from portal.factories import make_customer, make_location, make_staff, make_team
from portal.people.models import Customer, Location, Staff, StaffTeam, Team

DEMO_PASSWORD = 'Demo-Passwort-2026'  # noqa: S105 (printed for the demo, refused in production)
DEMO_OFFICE = 'Jobcenter Musterstadt'
CUSTOMERS = [  # first, last, born, language, customer number
    ('Anna', 'Schmidt', date(1984, 3, 9), 'de', '101K000001'),
    ('Jonas', 'Weber', date(2007, 6, 21), 'de', '101K000002'),
    ('Samira', 'Haddad', date(1990, 1, 30), 'ar', '101K000003'),
    ('Reza', 'Ahmadi', date(1979, 11, 2), 'fa', '101K000004'),
    ('Ayesha', 'Khan', date(1995, 7, 14), 'ur', '101K000005'),
    ('Tesfaye', 'Gebremedhin', date(2004, 2, 5), 'ti', '101K000006'),
    ('Olena', 'Kowalenko', date(1988, 9, 17), 'en', '101K000007'),
    ('Klaus', 'Fischer', date(1966, 5, 3), 'de', '101K000008'),
    ('Leonie', 'Wagner', date(2005, 12, 1), 'de', '101K000009'),
    ('Mustafa', 'Demir', date(1983, 8, 23), 'de', '101K000010'),
    ('Helga', 'Neumann', date(1970, 4, 11), 'de', '101K000011'),
    ('Yonas', 'Tesfay', date(2001, 10, 8), 'ti', '101K000012'),
]
# demo rows by name (e-mail for staff): phone, e-mail (None: keep the staff's sign-in address)
OFFICE_CONTACTS = {DEMO_OFFICE: ('+49 1234 5678-0', 'info@jobcenter.example'),
                   'Geschäftsstelle Nordheim': ('+49 1234 5679-0', 'nordheim@jobcenter.example')}
TEAM_CONTACTS = {'Team Markt und Integration 1': ('+49 1234 5678-210', 'team-mi1@jobcenter.example'),
                 'Team U25': ('+49 1234 5678-250', 'team-u25@jobcenter.example'),
                 'Team Nordheim': ('+49 1234 5679-300', 'team-nordheim@jobcenter.example')}
STAFF_CONTACTS = {'petra.hoffmann@jobcenter.example': ('+49 1234 5678-211', None),
                  'mehmet.yilmaz@jobcenter.example': ('+49 1234 5678-251', None)}
CASE_WORKERS = {'Team Markt und Integration 1': 'petra.hoffmann@jobcenter.example',
                'Team U25': 'mehmet.yilmaz@jobcenter.example'}
# the concerns each demo team answers in chat; reception's team is made where missing
CHAT_CONCERNS = {'Team Markt und Integration 1': ['benefits', 'placement', 'other'], 'Team U25': ['u25'],
                 'Team Nordheim': ['benefits', 'placement', 'other'], 'Team Empfang': ['reception']}
RECEPTION_TEAM, RECEPTIONIST = 'Team Empfang', 'sabine.krueger@jobcenter.example'
Reachable = TypeVar('Reachable', Location, Team, Staff)  # rows with a phone and an e-mail of their own


def seed_demo(database: Database, settings: Settings) -> str:
    """Create the demo data once and return the text that tells people how to sign in."""
    if settings.env == 'production':
        return 'Production: no demo data is seeded.'
    with database.session() as session:
        if session.exec(select(Location).where(Location.name == DEMO_OFFICE)).first() is None:
            _create(session)
        _fill_in_contacts(session)
        _fill_in_chat(session)
        _fill_in_canned_replies(session)
        session.commit()
    return _summary(settings)


def _fill_in_contacts(session: Session) -> None:
    """Phone and e-mail of the demo offices, teams and case workers, and each demo customer's case worker, where
    missing (a value someone changed is kept)."""
    _fill_in(session, Location, OFFICE_CONTACTS)
    _fill_in(session, Team, TEAM_CONTACTS)
    _fill_in(session, Staff, STAFF_CONTACTS)
    for team_name, email in CASE_WORKERS.items():
        team = session.exec(select(Team).where(Team.name == team_name)).first()
        worker = session.exec(select(Staff).where(Staff.email == email)).first()
        if team is None or worker is None:
            continue
        for customer in session.exec(select(Customer).where(Customer.team_id == team.id,
                                                            Customer.case_worker_id == None)).all():  # noqa: E711
            customer.case_worker_id = worker.id
            session.add(customer)


def _fill_in_chat(session: Session) -> None:
    """Reception's team, and which concerns each demo team answers in chat, where missing."""
    receptionist = session.exec(select(Staff).where(Staff.email == RECEPTIONIST)).first()
    if receptionist is not None and session.exec(select(Team).where(Team.name == RECEPTION_TEAM)).first() is None:
        office = get_existing(Location, receptionist.location_id, session=session)
        team = make_team(session=session, location=office, name=RECEPTION_TEAM)
        session.add(StaffTeam(staff_id=receptionist.id, team_id=team.id))
    for team in session.exec(select(Team).where(col(Team.name).in_(CHAT_CONCERNS))).all():
        if session.get(TeamChat, team.id) is None:
            session.add(TeamChat(team_id=team.id, concerns=CHAT_CONCERNS[team.name]))


def _fill_in_canned_replies(session: Session) -> None:
    """The demo canned replies whose titles are missing (one an admin changed or renamed stays as it is)."""
    known = set(session.exec(select(CannedReply.title)).all())
    for title, texts in DEMO_REPLIES.items():
        if title not in known:
            session.add(CannedReply(title=title, texts=texts))


def _fill_in(session: Session, model: type[Reachable], contacts: Mapping[str, tuple[str, str | None]]) -> None:
    """Offices and teams are known by name, members of staff by e-mail."""
    key = col(Staff.email) if issubclass(model, Staff) else col(model.name)
    for row in session.exec(select(model).where(key.in_(contacts))).all():
        phone, email = contacts[row.email if isinstance(row, Staff) else row.name]
        row.phone = row.phone or phone
        if email:
            row.email = row.email or email
        session.add(row)


def _create(session: Session) -> None:
    main = make_location(session=session, name=DEMO_OFFICE, street='Marktplatz 1', postcode='12345',
                         city='Musterstadt')
    north = make_location(session=session, name='Geschäftsstelle Nordheim', street='Bahnhofstraße 7',
                          postcode='12399', city='Nordheim')
    team_a = make_team(session=session, location=main, name='Team Markt und Integration 1')
    team_u25 = make_team(session=session, location=main, name='Team U25')
    make_team(session=session, location=north, name='Team Nordheim')
    make_staff(session=session, location=main, teams=(team_a,), password=DEMO_PASSWORD, first_name='Petra',
               last_name='Hoffmann', email='petra.hoffmann@jobcenter.example')
    make_staff(session=session, location=main, teams=(team_u25,), password=DEMO_PASSWORD, first_name='Mehmet',
               last_name='Yılmaz', email='mehmet.yilmaz@jobcenter.example')
    make_staff(session=session, location=main, roles=('reception',), password=DEMO_PASSWORD, first_name='Sabine',
               last_name='Krüger', email='sabine.krueger@jobcenter.example')
    make_staff(session=session, location=main, roles=('admin',), password=DEMO_PASSWORD, first_name='Thomas',
               last_name='Becker', email='thomas.becker@jobcenter.example')
    for first, last, born, language, number in CUSTOMERS:
        young = born.year >= 2002
        make_customer(session=session, team=team_u25 if young else team_a, language=language,
                      password=DEMO_PASSWORD if number in ('101K000001', '101K000002') else None,
                      first_name=first, last_name=last, date_of_birth=born, customer_number=number,
                      community_number=f'12345BG{number[-7:]}')


def _summary(settings: Settings) -> str:
    rows = [
        ('Bürgerin / citizen', '101K000001', 'Anna Schmidt'),
        ('Jugendlicher / youth (U25)', '101K000002', 'Jonas Weber'),
        ('Fallmanagerin / case worker, Team Markt und Integration 1', 'petra.hoffmann@jobcenter.example', ''),
        ('Fallmanager / case worker, Team U25', 'mehmet.yilmaz@jobcenter.example', ''),
        ('Empfang / reception', 'sabine.krueger@jobcenter.example', ''),
        ('Administrator', 'thomas.becker@jobcenter.example', ''),
    ]
    login = f'{str(settings.public_url).rstrip("/")}/login'
    lines = ['', f'DEMO DATA - invented people, not real customers. Sign in at {login}', '']
    lines += [f'  {role:<58} {login:<36} {name}' for role, login, name in rows]
    lines += ['', f'  Password for all demo accounts: {DEMO_PASSWORD}',
              '  Staff set up an authenticator app (TOTP) at their first sign-in: scan the QR code shown.', '']
    return '\n'.join(lines)
