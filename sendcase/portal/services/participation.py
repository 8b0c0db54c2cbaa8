"""Families taking part: their views (section A), documents, review wishes and who sees what.

Every service takes the family account as `account` and the child as the FamilyChild the access
module returned, checks again that the account may take part, validates everything before
writing, and audits the change with the account named (sendcase/portal/audit.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from sendcase.audit.models import Action
from sendcase.audit.services import audited_transaction, diff, snapshot
from sendcase.cases.models import Plan, PlanStatus
from sendcase.cases.services.advice_documents import uploads_discard
from sendcase.cases.services.validation import Checks
from sendcase.core.errors import ValidationFailed
from sendcase.core.locking import bump_version, lock_current
from sendcase.portal.access import FamilyChild, not_found, require_own_young_person_account
from sendcase.portal.audit import family_changed, family_created
from sendcase.portal.models import (
    FamilyAccount,
    FamilyDocument,
    FamilyViews,
    MeetingFormat,
    ParentsSee,
    ReviewPreference,
    Status,
)
from sendcase.portal.uploads import family_uploads_check, family_uploads_store
from sendcase.reviews.models import AnnualReview

VIEWS_FIELDS = ["child_views", "family_views", "aspirations"]
MAX_TEXT = 20_000


def require_taking_part(family_child: FamilyChild) -> None:
    if not family_child.may_take_part:
        raise not_found()


def _check_lengths(checks: Checks, texts: dict[str, str]) -> None:
    for name, value in texts.items():
        if len(value) > MAX_TEXT:
            checks.add(name, _("This must be %(max)s characters or fewer") % {"max": f"{MAX_TEXT:,}"})


def views_save(
    *,
    account: FamilyAccount,
    family_child: FamilyChild,
    views: FamilyViews | None,
    child_views: str,
    family_views: str,
    aspirations: str,
    send: bool,
    expected_version: int | None,
) -> FamilyViews:
    """Save the family's views as a draft, or send them to the council (then they cannot change)."""
    require_taking_part(family_child)
    texts = {
        "child_views": child_views.strip(),
        "family_views": family_views.strip(),
        "aspirations": aspirations.strip(),
    }
    checks = Checks()
    if views is not None and views.status == Status.SENT:
        checks.add("child_views", _("These views have already been sent, so they cannot be changed"))
    if send and not any(texts.values()):
        checks.add("child_views", _("Write something in at least one of the boxes before you send your views"))
    _check_lengths(checks, texts)
    checks.raise_if_any(_("There is a problem"))
    child = family_child.child
    with audited_transaction():
        if views is None:
            views = FamilyViews.objects.filter(child=child, account=account, status=Status.DRAFT).first()
        if views is None:
            views = FamilyViews.objects.create(child=child, account=account, **texts)
            family_created(
                account=account, instance=views, what="Views (section A) drafted", child=child, audited=VIEWS_FIELDS
            )
        else:
            views = lock_current(views, expected_version=expected_version, what=_("your views"))
            if views.status == Status.SENT:
                raise ValidationFailed(_("These views have already been sent, so they cannot be changed"))
            before = snapshot(views, VIEWS_FIELDS)
            for name, value in texts.items():
                setattr(views, name, value)
            bump_version(views)
            views.save()
            family_changed(
                account=account,
                action=Action.UPDATE,
                instance=views,
                what="Views (section A) draft saved",
                child=child,
                changes=diff(before, snapshot(views, VIEWS_FIELDS)),
            )
        if send:
            views.status, views.sent_at = Status.SENT, timezone.now()
            views.save(update_fields=["status", "sent_at", "modified_at"])
            family_changed(
                account=account,
                action=Action.UPDATE,
                instance=views,
                what="Views (section A) sent to the council",
                child=child,
                changes={"status": [Status.DRAFT, Status.SENT]},
            )
    return views


def document_upload(
    *, account: FamilyAccount, family_child: FamilyChild, files: Sequence[UploadedFile], description: str
) -> list[FamilyDocument]:
    """Store documents the family sends; nothing is written unless every file is acceptable.

    The checks and storage are the advice documents' own (sendcase/cases/services/advice_documents.py):
    PDF, Word (.docx), JPEG or PNG by content, at most SENDCASE_UPLOAD_MAX_BYTES, under
    SENDCASE_UPLOAD_DIR with random names, scanned when SENDCASE_UPLOAD_SCAN_COMMAND is set; the
    refusals are worded in the family's language by sendcase/portal/uploads.py.
    """
    require_taking_part(family_child)
    checks = Checks()
    if not files:
        checks.add("documents", _("Select a file to upload"))
    if len(description) > 200:
        checks.add("description", _("The description must be 200 characters or fewer"))
    uploads = family_uploads_check(checks, files, field="documents")
    checks.raise_if_any(_("There is a problem"))
    stored = family_uploads_store(uploads)
    child = family_child.child
    documents = []
    try:
        with audited_transaction():
            for item in stored:
                document = FamilyDocument.objects.create(
                    child=child,
                    account=account,
                    description=description.strip(),
                    stored_name=item.stored_name,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                )
                family_created(
                    account=account,
                    instance=document,
                    what=f"Document uploaded: {item.original_name}",
                    child=child,
                    audited=["original_name", "content_type", "size", "sha256"],
                )
                documents.append(document)
    except BaseException:
        uploads_discard(stored)
        raise
    return documents


def review_preference_send(
    *,
    account: FamilyAccount,
    family_child: FamilyChild,
    plan: Plan | None,
    meeting_format: str,
    access_needs: str,
    views: str,
) -> ReviewPreference:
    """Tell the council how the family wants the annual review meeting held, and their views."""
    require_taking_part(family_child)
    checks = Checks()
    if plan is None or plan.child_id != family_child.child.pk or plan.status != PlanStatus.ACTIVE:
        checks.add("meeting_format", _("There is no EHC plan to review yet"))
    if meeting_format not in MeetingFormat.values:
        checks.add("meeting_format", _("Select how you would like the meeting to be held"))
    _check_lengths(checks, {"access_needs": access_needs, "views": views})
    checks.raise_if_any(_("There is a problem"))
    child = family_child.child
    with audited_transaction():
        preference = ReviewPreference.objects.create(
            child=child,
            plan=plan,
            review=AnnualReview.objects.filter(plan=plan, completed_on__isnull=True).first(),
            account=account,
            meeting_format=meeting_format,
            access_needs=access_needs.strip(),
            views=views.strip(),
            sent_at=timezone.now(),
        )
        family_created(
            account=account,
            instance=preference,
            what=f"Annual review meeting wishes sent: {MeetingFormat(meeting_format).label}",
            child=child,
            audited=["meeting_format", "access_needs"],
        )
    return preference


def sharing_set(*, account: FamilyAccount, family_child: FamilyChild, parents_see: str) -> FamilyAccount:
    """The young person decides what their parents see in the portal."""
    require_own_young_person_account(account, family_child)
    if parents_see not in ParentsSee.values:
        raise ValidationFailed(
            _("There is a problem"), field_errors={"parents_see": _("Select what your parents can see")}
        )
    with audited_transaction():
        current = lock_current(account, expected_version=None, what=_("your account"))
        old = current.parents_see
        current.parents_see = parents_see
        bump_version(current)
        current.save()
        family_changed(
            account=current,
            action=Action.UPDATE,
            instance=current,
            what=f"Young person chose what parents see: {ParentsSee(parents_see).label}",
            child=family_child.child,
            changes={"parents_see": [old, parents_see]},
        )
    return current
