"""Every capability's tables in one place, so that SQLModel's metadata knows them all (migrations, schema test)."""
from portal.audit.models import AuditEntry
from portal.documents.models import DocumentRequest, Draft, Notification, Scan, Submission, UploadEvent
from portal.identity.models import Account, ActivationCode, LoginAttempt, LoginSession, RecoveryCode
from portal.people.models import Customer, Location, Staff, StaffTeam, Team

__all__ = [
           'Account',
           'ActivationCode',
           'AuditEntry',
           'Customer',
           'DocumentRequest',
           'Draft',
           'Location',
           'LoginAttempt',
           'LoginSession',
           'Notification',
           'RecoveryCode',
           'Scan',
           'Staff',
           'StaffTeam',
           'Submission',
           'Team',
           'UploadEvent',
]
