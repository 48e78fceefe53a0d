"""Every path of the portal in one place: pages register these, links and redirects use them, letters and
e-mails build addresses from them. Templates take their ids through the functions below."""

HOME = '/'
LOGIN = '/login'
SIGN_IN_DONE = '/login/done'  # where a sign-in gets its new session cookie
SECOND_FACTOR = '/login/second-factor'
ENROL = '/login/enrol'
ACTIVATE = '/activate'
LOGOUT = '/logout'
ACCOUNT = '/account/password'  # where a signed-in person changes the password
SSO = '/auth/oidc/{kind}'
MORE = '/more'
CARD = '/card'

CUSTOMERS = '/admin/customers'
CUSTOMER = '/admin/customers/{customer_id}'
STAFF = '/admin/staff'
TEAMS = '/admin/teams'
AUDIT = '/admin/audit'

DOCUMENTS = '/documents'
CAPTURE = '/documents/capture/{draft_id}'
INBOX = '/staff/documents'
STAFF_CHAT = '/staff/chat'
STAFF_CONVERSATION = '/staff/chat/{conversation_id}'
CANNED_REPLIES = '/admin/chat/replies'
CHAT_SETTINGS = '/admin/chat/teams'
INBOX_ITEM = '/staff/documents/{submission_id}'
INBOX_PDF = '/api/inbox/{submission_id}/document.pdf'
DOCUMENTS_API = '/api/documents'
SCAN_UPLOAD = DOCUMENTS_API + '/drafts/{draft_id}/scans'
SCAN_REPLACE = DOCUMENTS_API + '/scans/{scan_id}/replace'
SCAN_PREVIEW = DOCUMENTS_API + '/scans/{scan_id}/preview.jpg'
SCAN_RESULT = DOCUMENTS_API + '/drafts/{draft_id}/scans/{scan_id}/result.jpg'
RECEIPT_PDF = DOCUMENTS_API + '/submissions/{submission_id}/receipt.pdf'
DOCUMENT_PDF = DOCUMENTS_API + '/submissions/{submission_id}/document.pdf'
SUBMISSION_SHEET = DOCUMENTS_API + '/submissions/{submission_id}/sheets/{index}.jpg'

CHAT = '/chat'
CHAT_NEW = '/chat/new'
CHAT_CONVERSATION = '/chat/{conversation_id}'
CHAT_API = '/api/chat'
CHAT_MESSAGES = CHAT_API + '/conversations/{conversation_id}/messages'
CHAT_UPLOAD = CHAT_API + '/conversations/{conversation_id}/files'  # POST a photo or PDF: {"file_id": n}
CHAT_FILE = CHAT_API + '/files/{file_id}'  # the original, opened in the browser
CHAT_FILE_PREVIEW = CHAT_API + '/files/{file_id}/preview.jpg'
CHAT_TRANSCRIPT = CHAT_API + '/conversations/{conversation_id}/transcript.pdf'
CHAT_EXPORT = CHAT_API + '/export.zip'  # everything the signed-in customer wrote and was sent

MANIFEST = '/manifest.webmanifest'
SERVICE_WORKER = '/sw.js'
OFFLINE = '/offline.html'
ASSETS = '/assets'


def customer(customer_id: int) -> str:
    return CUSTOMER.format(customer_id=customer_id)


def capture(draft_id: int) -> str:
    return CAPTURE.format(draft_id=draft_id)


def inbox_item(submission_id: int) -> str:
    return INBOX_ITEM.format(submission_id=submission_id)


def staff_conversation(conversation_id: int) -> str:
    return STAFF_CONVERSATION.format(conversation_id=conversation_id)


def sso_start(kind: str) -> str:
    return SSO.format(kind=kind) + '/start'


def sso_callback(kind: str) -> str:
    return SSO.format(kind=kind) + '/callback'


def chat_conversation(conversation_id: int) -> str:
    return CHAT_CONVERSATION.format(conversation_id=conversation_id)


def chat_messages(conversation_id: int) -> str:
    return CHAT_MESSAGES.format(conversation_id=conversation_id)


def chat_upload(conversation_id: int) -> str:
    return CHAT_UPLOAD.format(conversation_id=conversation_id)


def chat_file(file_id: int) -> str:
    return CHAT_FILE.format(file_id=file_id)


def chat_file_preview(file_id: int) -> str:
    return CHAT_FILE_PREVIEW.format(file_id=file_id)


def chat_transcript(conversation_id: int) -> str:
    return CHAT_TRANSCRIPT.format(conversation_id=conversation_id)
