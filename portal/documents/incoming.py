"""Uploads on their way in: the request body streamed to a temporary file under ``<data_dir>/incoming``.

The server never holds a whole upload in memory, and the worker process that checks it (``prepare_scan``)
gets the file's path instead of the bytes. The temporary file is encrypted (AES-CTR) with a random key that
exists only in memory, so even a crash leaves no readable copy of a customer's photo on disk; ``receive``
removes the file whatever happens (accepted, refused, the connection dropped), and the hourly upkeep removes
what a killed process left behind. A body that stops coming for ``Limits.idle_seconds`` (a phone that lost its
connection, or a client that declares 10 MB and sends nothing) is refused, so it cannot hold a request and a
file for ever.

A file's name says which process wrote it (``<host>-<pid>-<random>.part``): at start-up the server removes the
files of this host's processes that are gone (``upkeep.clear_dead_uploads``), while other instances sharing the
data directory keep theirs.
"""
import asyncio
import contextlib
import os
import re
import socket
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from portal.core.errors import InvalidInput
from portal.documents.limits import Limits, check_upload_bytes

FOLDER = 'incoming'
SUFFIX = '.part'
OWNER = re.compile(r'^([A-Za-z0-9._]+)-([0-9]+)-[0-9a-f]+\.part$')


@dataclass(frozen=True)
class IncomingFile:
    """A received upload: where it is, its size, and the key that opens it (picklable, for a worker)."""

    path: Path
    size: int
    key: bytes
    nonce: bytes

    def read(self) -> bytes:
        """The upload's bytes (blocking: in the worker process)."""
        decryptor = _cipher(self.key, self.nonce).decryptor()
        return decryptor.update(self.path.read_bytes()) + decryptor.finalize()


def incoming_folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def this_host() -> str:
    """The host name as it appears in file names (no '-', which separates the parts)."""
    return re.sub(r'[^A-Za-z0-9.]', '_', socket.gethostname())[:64] or 'host'


def part_name(host: str, pid: int) -> str:
    """A new, unique name for an upload in flight written by process ``pid`` on ``host``."""
    return f'{host}-{pid}-{uuid.uuid4().hex}{SUFFIX}'


def owner_of(name: str) -> tuple[str, int] | None:
    """The host and process id that wrote an upload file, or None for names of another form."""
    found = OWNER.match(name)
    return (found.group(1), int(found.group(2))) if found else None


@contextlib.asynccontextmanager
async def receive(chunks: AsyncIterable[bytes], data_dir: Path, limits: Limits,
                  declared: int | None = None) -> AsyncIterator[IncomingFile]:
    """Write ``chunks`` to a temporary file, refusing the upload as soon as it grows beyond the upload limit.

    ``declared`` (a Content-Length) is refused before a byte is read; chunked bodies are counted as they come.
    The file is deleted when the ``async with`` block ends, however it ends.
    """
    if declared is not None:
        check_upload_bytes(declared, limits)
    folder = incoming_folder(data_dir)
    await aiofiles.os.makedirs(folder, exist_ok=True)
    key, nonce = os.urandom(32), os.urandom(16)
    encryptor = _cipher(key, nonce).encryptor()
    path, size = folder / part_name(this_host(), os.getpid()), 0
    try:
        async with aiofiles.open(path, 'wb') as file:
            iterator = aiter(chunks)
            while (chunk := await _next(iterator, limits.idle_seconds)) is not None:
                size += len(chunk)
                check_upload_bytes(size, limits)
                await file.write(encryptor.update(chunk))
            await file.write(encryptor.finalize())
        yield IncomingFile(path, size, key, nonce)
    finally:
        with contextlib.suppress(FileNotFoundError):
            await aiofiles.os.remove(path)


async def _next(chunks: AsyncIterator[bytes], seconds: float) -> bytes | None:
    """The next chunk (None at the end), refusing the upload when it takes longer than ``seconds``."""
    try:
        return await asyncio.wait_for(anext(chunks), seconds)
    except StopAsyncIteration:
        return None
    except TimeoutError:
        raise InvalidInput('documents.error.upload_stalled') from None


def _cipher(key: bytes, nonce: bytes) -> Cipher:
    return Cipher(algorithms.AES(key), modes.CTR(nonce))
