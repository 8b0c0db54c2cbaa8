"""The case discussion: notes and decisions about a child, shared with the team around them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendcase.access import require_case_discussion
from sendcase.audit.services import audited_transaction, create_audited
from sendcase.cases.services.validation import Checks
from sendcase.teams.models import Audience, CaseNote, NoteKind

if TYPE_CHECKING:
    from sendcase.accounts.models import User
    from sendcase.people.models import Child

# A long note is fine; a pasted report belongs in a document, not the discussion.
MAX_NOTE_LENGTH = 10_000


def case_note_add(*, actor: User, child: Child, kind: str, body: str, audience: str = Audience.TEAM) -> CaseNote:
    """Add a note or decision to the discussion about `child`, for the whole team or the SEND team only."""
    require_case_discussion(actor, child, audience=audience if audience in Audience.values else Audience.TEAM)
    checks = Checks()
    if kind not in NoteKind.values:
        checks.add("kind", "Select whether this is a note or a decision")
    if audience not in Audience.values:
        checks.add("audience", "Select who may read this")
    if not body.strip():
        checks.add("body", "Enter the note")
    elif len(body) > MAX_NOTE_LENGTH:
        checks.add("body", f"The note must be {MAX_NOTE_LENGTH:,} characters or fewer")
    checks.raise_if_any()
    with audited_transaction():
        return create_audited(
            CaseNote,
            actor=actor,
            about=child,
            what=lambda n: f"{n.get_kind_display()} added to the case discussion ({n.get_audience_display().lower()})",
            audited=["kind", "audience", "body"],
            child=child,
            kind=kind,
            body=body.strip(),
            audience=audience,
        )
