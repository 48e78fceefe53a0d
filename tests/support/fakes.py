"""Stand-ins the tests control: the secret key, and a clock that moves only when told."""
from datetime import UTC, datetime, timedelta

TEST_SECRET = 'test-secret-key-that-is-long-enough-0123456789'


class FakeClock:
    """Starts at a fixed moment; tests move it forward instead of sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


