"""Which attachments a person may fetch: those of matters they may see that the matter type's
policy shows them (``workflow.policy``: one answer for the page, this download and the
mechanisms' lists), and their own loose uploads (files sent before their matter exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from .models import Attachment

if TYPE_CHECKING:
    from liaison.core.access import Access


def get_attachment_for(access: Access, pk: int) -> Attachment:
    """The attachment with this id, or 404 when it is missing, its matter is not visible, or
    its matter's policy does not show this file to this user (``Reading.shows_file``: a
    reporter fetches only the files they sent)."""
    from liaison.workflow.selectors import get_matter_for

    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment.")
    if attachment.matter_id is not None:
        matter = get_matter_for(access, attachment.matter_id)
        attachment.matter = matter
        if not matter.workflow.policy.reading(access, matter).shows_file(attachment):
            raise Http404("No such attachment.")
    elif not access.is_system and attachment.uploaded_by_id != access.user_id:
        raise Http404("No such attachment.")
    return attachment
