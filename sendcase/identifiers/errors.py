"""The one error type the identifier validators raise."""

from __future__ import annotations


class IdentifierError(ValueError):
    """An identifier is missing, badly formed or fails its check.

    ``str(error)`` is a plain-English message that can be shown as a GOV.UK error message as it
    is. ``identifier`` names the identifier ("UPN", "NHS number", ...) for logs and reports.
    """

    def __init__(self, identifier: str, message: str) -> None:
        super().__init__(message)
        self.identifier = identifier
        self.message = message
