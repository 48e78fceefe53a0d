"""Encrypted, atomic file store for document files under ``<data_dir>/documents``.

Every file is ``MAGIC | key-id length (1 byte) | key id | 12-byte nonce | AES-256-GCM ciphertext+tag``; the
associated data binds the ciphertext to its key id and file name, so files cannot be swapped. Names are
random UUIDs (hex) chosen here. Writes go to a temporary file in the same folder, are flushed to disk and
then renamed with ``os.replace``, so a crash leaves either the old file or the new one, never half of one.
Every operation has a blocking form (scripts, services running in a worker thread, key rotation) and an
``_async`` form for code on the event loop: the file I/O goes through aiofiles, the AES work to a thread.

Keys (``PORTAL_DOCUMENT_KEYS``): ``id:secret`` pairs separated by commas, newest first. The first one
encrypts, every one decrypts. Each secret is at least 32 characters; the AES key is HMAC-SHA256(secret).
Without configured keys one key ``default`` is derived from ``PORTAL_SECRET_KEY``; it stays in the ring
(decrypt-only) when keys are configured, so files written before keep opening until rotated.
Rotation: put a new pair in front, restart, run ``python -m portal.cli rotate-document-key`` (re-encrypts
every file still under an older key), then remove the old pairs.
"""
import asyncio
import contextlib
import hashlib
import hmac
import os
import re
import uuid
from collections.abc import Awaitable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import aiofiles
import aiofiles.os
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b'JCD1'
NONCE = 12
DEFAULT_ID = 'default'
KEY_ID = re.compile(r'^[a-z0-9_-]{1,32}$')
NAME = re.compile(r'^[0-9a-f]{32}$')
MIN_SECRET = 32


class Recording(Protocol):
    """A service's answer about files it was asked to record: ``kept`` is False when it did not need them."""

    @property
    def kept(self) -> bool: ...  # read-only, so frozen dataclasses qualify


R = TypeVar('R', bound=Recording)


class StoreError(Exception):
    """A stored file is missing, damaged, or under a key that is not configured (an operator problem)."""


@dataclass(frozen=True)
class Keyring:
    """AES keys by id, newest first: the first encrypts, all decrypt."""

    keys: tuple[tuple[str, bytes], ...]

    @classmethod
    def parse(cls, configured: str, secret_key: str) -> 'Keyring':
        """Read ``id:secret,id:secret``; raise ValueError naming what is wrong (refused at start-up)."""
        keys: list[tuple[str, bytes]] = []
        for part in filter(None, (item.strip() for item in configured.split(','))):
            key_id, _, secret = part.partition(':')
            if not KEY_ID.match(key_id) or key_id == DEFAULT_ID or key_id in dict(keys):
                raise ValueError(f'PORTAL_DOCUMENT_KEYS: bad or repeated key id {key_id!r}')
            if len(secret) < MIN_SECRET:
                raise ValueError(f'PORTAL_DOCUMENT_KEYS: the secret of {key_id!r} is shorter than {MIN_SECRET}')
            keys.append((key_id, _derive(secret.encode(), b'portal-documents')))
        keys.append((DEFAULT_ID, _derive(secret_key.encode(), b'documents')))
        return cls(tuple(keys))

    @property
    def current(self) -> tuple[str, bytes]:
        return self.keys[0]

    def key(self, key_id: str) -> bytes:
        found = dict(self.keys).get(key_id)
        if found is None:
            raise StoreError(f'document key {key_id!r} is not configured')
        return found


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return hmac.new(secret, purpose, hashlib.sha256).digest()


@dataclass(frozen=True)
class Rotation:
    """What ``rotate`` did: files re-encrypted and files already under the current key."""

    rotated: int
    current: int


class DocumentStore:
    """Put, get and delete encrypted files by server-chosen name."""

    def __init__(self, data_dir: Path, keyring: Keyring) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / 'documents'
        self._keyring = keyring

    @staticmethod
    def new_name() -> str:
        return uuid.uuid4().hex

    def put(self, data: bytes, *, name: str | None = None) -> str:
        """Encrypt and store, under a new random name unless one from ``new_name`` is given; returns it."""
        name = name or self.new_name()
        self._write(name, self._seal(name, data))
        return name

    async def put_async(self, data: bytes, *, name: str | None = None) -> str:
        """``put`` for the event loop: sealed in a thread, written through aiofiles."""
        name = name or self.new_name()
        await self._write_async(name, await asyncio.to_thread(self._seal, name, data))
        return name

    def get(self, name: str) -> bytes:
        return self._open(name, self._read(name))

    async def get_async(self, name: str) -> bytes:
        """``get`` for the event loop: read through aiofiles, decrypted in a thread."""
        try:
            async with aiofiles.open(self._path(name), 'rb') as file:
                sealed = await file.read()
        except FileNotFoundError as problem:
            raise StoreError(f'document file {name} is missing') from problem
        return await asyncio.to_thread(self._open, name, sealed)

    def key_id(self, name: str) -> str:
        return _split(self._read(name))[0]

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def forget(self, names: Sequence[str]) -> None:
        """Delete files once the rows that named them are gone (blocking)."""
        for name in names:
            self.delete(name)

    async def delete_async(self, *names: str) -> None:
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                await aiofiles.os.remove(self._path(name))

    async def recorded(self, names: tuple[str, ...] | list[str], recording: Awaitable[R]) -> R:
        """Await ``recording``, a service call that records files just stored under ``names``, and delete them
        again unless it kept them (it refused, or a retried key made them unnecessary).

        When the caller is cancelled the files stay: the call may still commit in its thread, and the hourly
        sweep removes them if no row names them."""
        try:
            result = await recording
        except Exception:
            await self.delete_async(*names)
            raise
        if not result.kept:
            await self.delete_async(*names)
        return result

    def exists(self, name: str) -> bool:
        return self._path(name).exists()

    def names(self) -> Iterator[str]:
        """Every stored file's name (temporary files of unfinished writes excluded)."""
        if self.root.exists():
            for path in sorted(self.root.glob('*/*')):
                if NAME.match(path.name):
                    yield path.name

    def rotate(self) -> Rotation:
        """Re-encrypt every file that is not under the current key; each file is replaced atomically."""
        current_id = self._keyring.current[0]
        rotated = kept = 0
        for name in self.names():
            if self.key_id(name) == current_id:
                kept += 1
                continue
            self._write(name, self._seal(name, self.get(name)))
            rotated += 1
        return Rotation(rotated, kept)

    def _seal(self, name: str, data: bytes) -> bytes:
        key_id, key = self._keyring.current
        nonce = os.urandom(NONCE)
        head = MAGIC + bytes([len(key_id)]) + key_id.encode()
        return head + nonce + AESGCM(key).encrypt(nonce, data, _aad(key_id, name))

    def _open(self, name: str, sealed: bytes) -> bytes:
        key_id, nonce, body = _split(sealed)
        try:
            return AESGCM(self._keyring.key(key_id)).decrypt(nonce, body, _aad(key_id, name))
        except InvalidTag as problem:
            raise StoreError(f'document file {name} does not decrypt') from problem

    def _path(self, name: str) -> Path:
        if not NAME.match(name):
            raise StoreError(f'not a document file name: {name!r}')
        return self.root / name[:2] / name

    def _read(self, name: str) -> bytes:
        try:
            return self._path(name).read_bytes()
        except FileNotFoundError as problem:
            raise StoreError(f'document file {name} is missing') from problem

    def _write(self, name: str, sealed: bytes) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = _temporary(path)
        try:
            with temporary.open('wb') as file:
                file.write(sealed)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        _sync_folder(path.parent)

    async def _write_async(self, name: str, sealed: bytes) -> None:
        """``_write`` through aiofiles: temporary file, flush, fsync, replace, then the folder's fsync."""
        path = self._path(name)
        await aiofiles.os.makedirs(path.parent, exist_ok=True)
        temporary = _temporary(path)
        try:
            async with aiofiles.open(temporary, 'wb') as file:
                await file.write(sealed)
                await file.flush()
                await FSYNC(file.fileno())
            await aiofiles.os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                await aiofiles.os.remove(temporary)
        await SYNC_FOLDER(path.parent)


def _temporary(path: Path) -> Path:
    """Beside the target (same file system, so the rename is atomic); ``names`` and the sweep know the shape."""
    return path.with_name(f'.{path.name}.{uuid.uuid4().hex[:8]}.tmp')


def _split(sealed: bytes) -> tuple[str, bytes, bytes]:
    if sealed[:4] != MAGIC or len(sealed) < 5:
        raise StoreError('not an encrypted document file')
    length = sealed[4]
    key_id = sealed[5:5 + length].decode('ascii', errors='replace')
    start = 5 + length
    return key_id, sealed[start:start + NONCE], sealed[start + NONCE:]


def _aad(key_id: str, name: str) -> bytes:
    return MAGIC + key_id.encode() + b'/' + name.encode()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


FSYNC = aiofiles.os.wrap(os.fsync)
SYNC_FOLDER = aiofiles.os.wrap(_sync_folder)
