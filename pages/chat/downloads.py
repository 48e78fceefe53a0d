"""What a customer takes home from the chat, as plain HTTP routes: a conversation's transcript (PDF, in the language
the person reads the portal in, German beside it) and the export of everything they wrote and were sent (ZIP).
Both are downloads (``attachment``), never cached; ids the person may not see are 404."""
from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from pages.core.answers import answer, file_response
from pages.core.guard import current_language
from portal.core import routes
from portal.core.ids import Id
from portal.identity.roles import Actor
from portal.services import Portal


def register(portal: Portal) -> None:
    chat = portal.chat

    @app.get(routes.CHAT_TRANSCRIPT)
    async def transcript(request: Request, conversation_id: Id) -> Response:
        language = current_language(request, portal.settings.default_language)

        async def download(actor: Actor) -> Response:
            pdf = await chat.transcript_pdf(actor, conversation_id, language)
            return file_response(pdf, 'application/pdf', f'Gespraechsverlauf-{conversation_id}.pdf')
        return await answer(portal, request, download)

    @app.get(routes.CHAT_EXPORT)
    async def export(request: Request) -> Response:
        async def download(actor: Actor) -> Response:
            return file_response(await chat.export(actor), 'application/zip', 'Chat-Daten.zip')
        return await answer(portal, request, download)
