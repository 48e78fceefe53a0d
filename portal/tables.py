"""Every capability's tables in one place, so that SQLModel's metadata knows them all (migrations, schema test)."""
from portal.audit.models import AuditEntry
from portal.chat.models import CannedReply, ChatFile, Conversation, Message, Presence, TeamChat
from portal.documents.models import DocumentRequest, Draft, Notification, Scan, Submission, UploadEvent
from portal.identity.models import Account, ActivationCode, LoginAttempt, LoginSession, RecoveryCode
from portal.mail.models import OutgoingMail
from portal.people.models import Customer, Location, Staff, StaffTeam, Team

__all__ = [
    'Account',
    'ActivationCode',
    'AuditEntry',
    'CannedReply',
    'ChatFile',
    'Conversation',
    'Customer',
    'DocumentRequest',
    'Draft',
    'Location',
    'LoginAttempt',
    'LoginSession',
    'Message',
    'Notification',
    'OutgoingMail',
    'Presence',
    'RecoveryCode',
    'Scan',
    'Staff',
    'StaffTeam',
    'Submission',
    'Team',
    'TeamChat',
    'UploadEvent',
]
