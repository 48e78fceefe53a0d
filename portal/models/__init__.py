"""SQLModel tables. Timestamps are aware UTC. Importing this package registers every table."""
from portal.models.accounts import Account, ActivationCode, LoginAttempt, LoginSession, RecoveryCode
from portal.models.audit import AuditEntry
from portal.models.people import Customer, Location, Staff, StaffTeam, Team

__all__ = [
    'Account', 'ActivationCode', 'AuditEntry', 'Customer', 'Location', 'LoginAttempt', 'LoginSession',
    'RecoveryCode', 'Staff', 'StaffTeam', 'Team',
]
