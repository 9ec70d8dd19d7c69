"""Which attachments a person may fetch: those of matters they may see, and their own loose
uploads (files sent before the matter they belong to exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from .models import Attachment

if TYPE_CHECKING:
    from liaison.core.access import Access


def get_attachment_for(access: Access, pk: int) -> Attachment:
    """The attachment with this id, or 404 when it is missing or its matter is not visible."""
    from liaison.workflow.selectors import get_matter_for

    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment.")
    if attachment.matter_id is not None:
        from liaison.workflow.selectors import only_reports_to

        attachment.matter = get_matter_for(access, attachment.matter_id)
        if (
            only_reports_to(access, attachment.matter)
            and attachment.uploaded_by_id != access.user_id
        ):
            raise Http404("No such attachment.")
    elif not access.is_system and attachment.uploaded_by_id != access.user_id:
        raise Http404("No such attachment.")
    return attachment
