"""Domain errors. Pages turn each into a translated message; the message key lives on the class."""


class PortalError(Exception):
    """Base of all domain errors; ``key`` names the translated message, ``params`` fill its placeholders."""

    key = 'error.generic'

    def __init__(self, *args: object, **params: object) -> None:
        super().__init__(*args)
        self.params = params


class NotFound(PortalError):
    """The object does not exist, or the actor may not know that it exists."""

    key = 'error.not_found'


class NotAllowed(PortalError):
    """The actor is known but lacks the role or relationship needed."""

    key = 'error.not_allowed'


class InvalidInput(PortalError):
    """Input that fails a rule; ``key`` is given per case."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class LoginFailed(PortalError):
    """Wrong identifier or password; says nothing about which."""

    key = 'auth.login_failed'


class TooManyAttempts(PortalError):
    """Sign-in throttled; ``minutes`` tells when to try again. Same for unknown and known accounts."""

    key = 'auth.too_many_attempts'


class ActivationFailed(PortalError):
    """Wrong customer number or code, or the code expired or was used."""

    key = 'auth.activation_failed'


class WrongCode(PortalError):
    """A second-factor or recovery code that does not match."""

    key = 'auth.wrong_code'


class Conflict(PortalError):
    """Someone else changed the object first, or a unique value is taken."""

    key = 'error.conflict'


class WorkTooLarge(InvalidInput):
    """Reading a file took more memory or time than a worker process may use (a crafted or broken file)."""

    def __init__(self) -> None:
        super().__init__('error.work_too_large')

    def __reduce__(self) -> tuple:
        return type(self), ()
class InvalidFields(PortalError):
    """Several inputs of one form fail their rules; ``problems`` maps each input's name to its ``InvalidInput``,
    so a form shows every problem next to its field at once."""

    key = 'form.check_fields'

    def __init__(self, problems: dict[str, InvalidInput]) -> None:
        super().__init__(count=len(problems))
        self.problems = problems


class PossibleDuplicate(PortalError):
    """A new record looks like one that exists (e.g. same name and date of birth); ``matches`` are read models of
    those the actor may see. The person decides: open one of them, or create the new one anyway."""

    key = 'customers.duplicate_warning'

    def __init__(self, matches: tuple) -> None:
        super().__init__(count=len(matches))
        self.matches = matches
