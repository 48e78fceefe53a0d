"""What a customer reads about the team before and while writing: in, away, closed until when, how soon."""
from datetime import UTC, datetime

from components.chat.conversations import reply_estimate, status_lines
from portal.chat.teams import TeamStatus
from portal.core.i18n import Translator

DE, EN = Translator('de'), Translator('en')


def status(**changes: object) -> TeamStatus:
    values: dict = dict(team_id=1, team_name='Team A', open_now=True, available=True, reply_minutes=None,
                        opens_at=None)
    values.update(changes)
    return TeamStatus(**values)


def test_a_team_that_is_in_says_so_and_how_soon_it_answers() -> None:
    assert status_lines(status(reply_minutes=12), t=EN) == ['The team is available now.',
                                                            'Usually answers within 12 minutes.']


def test_office_hours_without_anyone_in_the_chat_are_not_called_available() -> None:
    assert status_lines(status(available=False), t=DE) == ['Das Team ist im Dienst, gerade aber nicht im Chat.']


def test_outside_office_hours_the_customer_may_write_and_learns_when_the_answer_comes() -> None:
    monday_eight = datetime(2026, 5, 11, 6, 0, tzinfo=UTC)  # 08:00 in Berlin
    lines = status_lines(status(open_now=False, available=False, opens_at=monday_eight), t=DE)
    assert lines == ['Sie können jetzt schreiben. Wir antworten ab Montag, 11. Mai 2026, 08:00.']
    assert status_lines(status(open_now=False, available=False), t=EN) == [
        'You can write now. We answer as soon as we can.']


def test_long_waits_are_given_in_hours_and_one_is_singular() -> None:
    assert reply_estimate(1, t=EN) == 'Usually answers within 1 minute.'
    assert reply_estimate(59, t=EN) == 'Usually answers within 59 minutes.'
    assert reply_estimate(60, t=EN) == 'Usually answers within 1 hour.'
    assert reply_estimate(150, t=DE) == 'Antwortet meist innerhalb von 3 Stunden.'
