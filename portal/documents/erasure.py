"""Erasing a customer from document capture: drafts with their scans, submissions with their receipts, requests,
notices and the upload counts (``Customers.erase``)."""
from sqlmodel import Session, col, delete, select

from portal.documents.models import DocumentRequest, Draft, Notification, Scan, Submission, UploadEvent


def erase_customer(session: Session, customer_id: int) -> list[str]:
    """Delete every row of the customer's documents; returns the store names of their files, to delete once the
    deletion is committed."""
    drafts = select(Draft.id).where(Draft.customer_id == customer_id)
    scans = session.exec(select(Scan).where(col(Scan.draft_id).in_(drafts))).all()
    submissions = session.exec(select(Submission).where(Submission.customer_id == customer_id)).all()
    session.execute(delete(Scan).where(col(Scan.draft_id).in_(drafts)))
    session.execute(delete(Draft).where(col(Draft.customer_id) == customer_id))
    session.execute(delete(Submission).where(col(Submission.customer_id) == customer_id))
    for table in (DocumentRequest, Notification, UploadEvent):  # requests last: drafts and submissions named them
        session.execute(delete(table).where(col(table.customer_id) == customer_id))
    return [name for scan in scans for name in (scan.file_name, scan.preview_name)] + \
        [name for submission in submissions for name in (submission.file_name, submission.receipt_name)]
