"""Hashing and encryption helpers: argon2 for passwords and codes, AES-GCM for secrets at rest."""
import base64
import hashlib
import hmac
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_HASHER = PasswordHasher()
# A hash of a random value, verified when an account is unknown so that timing does not reveal it.
DUMMY_HASH = _HASHER.hash(base64.b64encode(os.urandom(16)).decode())


def hash_secret(value: str) -> str:
    return _HASHER.hash(value)


def verify_secret(hashed: str | None, value: str) -> bool:
    """Constant work whether or not there is a hash, so unknown accounts cost the same time."""
    try:
        return _HASHER.verify(hashed or DUMMY_HASH, value) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    """Session tokens are long and random, so a fast hash suffices; only the digest is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class Sealer:
    """AES-GCM with a key derived from the settings' secret. Output: base64(nonce + ciphertext)."""

    def __init__(self, secret: str, purpose: str) -> None:
        key = hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()
        self._aead = AESGCM(key)
        self._purpose = purpose.encode()

    def seal(self, plain: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, plain, self._purpose)

    def open(self, sealed: bytes) -> bytes:
        return self._aead.decrypt(sealed[:12], sealed[12:], self._purpose)

    def seal_text(self, plain: str) -> str:
        return base64.b64encode(self.seal(plain.encode())).decode()

    def open_text(self, sealed: str) -> str:
        return self.open(base64.b64decode(sealed)).decode()
