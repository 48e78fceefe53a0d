"""The cast of every access test: citizen A and B, a youth, the case worker of A, another case worker,
reception, and an admin. Passwords are all PASSWORD."""
from dataclasses import dataclass
from datetime import date, timedelta

import pyotp
from sqlmodel import select

from portal.core.clock import utc_now
from portal.factories import make_customer, make_location, make_staff, make_team
from portal.identity.auth import build_actor
from portal.identity.models import Account, LoginSession
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff
from portal.services import Portal, build_portal

PASSWORD = 'correct horse battery'


@dataclass
class World:
    citizen_a: Customer
    citizen_b: Customer
    youth: Customer
    caseworker_a: Staff
    other_caseworker: Staff
    reception: Staff
    admin: Staff


def make_world(portal: Portal) -> World:
    with portal.database.session() as session:
        here = make_location(session=session, name='Jobcenter Testhausen')
        there = make_location(session=session, name='Geschäftsstelle Anderswo')
        team_a = make_team(session=session, location=here, name='Team A')
        team_b = make_team(session=session, location=there, name='Team B')
        world = World(
            citizen_a=make_customer(session=session, team=team_a, password=PASSWORD, first_name='Anna',
                                    last_name='Alpha', email='anna@example.org'),
            citizen_b=make_customer(session=session, team=team_b, password=PASSWORD, first_name='Bernd',
                                    last_name='Beta'),
            youth=make_customer(session=session, team=team_a, password=PASSWORD, first_name='Yusuf',
                                last_name='Young', date_of_birth=date(2008, 5, 5), language='ar'),
            caseworker_a=make_staff(session=session, location=here, teams=(team_a,), password=PASSWORD,
                                    first_name='Carla', last_name='Case', email='carla@jobcenter.example'),
            other_caseworker=make_staff(session=session, location=there, teams=(team_b,), password=PASSWORD,
                                        first_name='Otto', last_name='Other', email='otto@jobcenter.example'),
            reception=make_staff(session=session, location=here, roles=('reception',), password=PASSWORD,
                                 first_name='Rita', last_name='Reception', email='rita@jobcenter.example'),
            admin=make_staff(session=session, location=here, roles=('admin',), password=PASSWORD,
                             first_name='Adam', last_name='Admin', email='adam@jobcenter.example'),
        )
        session.commit()
    return world


def actor_of(portal: Portal, person: Customer | Staff) -> Actor:
    """The actor as a real session would build it, without going through the sign-in steps."""
    with portal.database.session() as session:
        column = Account.customer_id if isinstance(person, Customer) else Account.staff_id
        account = session.exec(select(Account).where(column == person.id)).one()
        login = LoginSession(token_hash=f'test-{account.id}-{utc_now().timestamp()}', account_id=account.id,
                             created_at=utc_now(), last_seen_at=utc_now(), mfa_done=True)
        session.add(login)
        session.commit()
        return build_actor(session, login, utc_now().date())


def enrol_totp(portal: Portal, email: str) -> str:
    """Enrol an authenticator for a member of staff, as if done two minutes ago; return the TOTP secret."""
    earlier = build_portal(portal.settings, clock=lambda: utc_now() - timedelta(minutes=2))
    result = earlier.auth.login(email, PASSWORD, '127.0.0.9')
    enrolment = earlier.second_factor.start_enrolment(result.token)
    code = pyotp.TOTP(enrolment.secret).at(utc_now() - timedelta(minutes=2))
    earlier.second_factor.confirm_enrolment(result.token, code, '127.0.0.9')
    earlier.database.engine.dispose()
    return enrolment.secret
