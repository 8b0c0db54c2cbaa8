"""Errors services raise, each carrying a message fit to show to the person who caused it."""

from __future__ import annotations


class ServiceError(Exception):
    """A request SENDcase refuses; `field_errors` maps a field name to what is wrong with it."""

    def __init__(self, message: str, *, field_errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class ValidationFailed(ServiceError):
    pass


class EditConflict(ServiceError):
    """Someone else saved the record after this person opened it."""

    def __init__(self, what: str = "this record") -> None:
        super().__init__(
            f"Someone else changed {what} while you were working on it. "
            "Your changes have not been saved. Check the current details and try again."
        )


class Forbidden(ServiceError):
    pass
