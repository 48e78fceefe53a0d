"""SQLModel tables. Timestamps are aware UTC. Importing this package registers every table."""
from portal.models.accounts import Account, ActivationCode, LoginAttempt, LoginSession, RecoveryCode
from portal.models.audit import AuditEntry
from portal.models.documents import DocumentRequest, Draft, DraftPage, Notification, Submission, UploadEvent
from portal.models.people import Customer, Location, Staff, StaffTeam, Team

__all__ = [
    'Account', 'ActivationCode', 'AuditEntry', 'Customer', 'DocumentRequest', 'Draft', 'DraftPage', 'Location',
    'LoginAttempt', 'LoginSession', 'Notification', 'RecoveryCode', 'Staff', 'StaffTeam', 'Submission', 'Team',
    'UploadEvent',
]
