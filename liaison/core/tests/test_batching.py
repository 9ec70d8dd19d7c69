"""Rows written together: one INSERT per table at the end of the block, none if it fails."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from liaison.audit.actions import audit_record
from liaison.audit.models import AuditRecord
from liaison.core.batching import insert_row, rows_batched
from liaison.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rows_added_in_a_block_are_written_at_its_end_in_one_statement_per_table() -> None:
    person = UserFactory()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries, rows_batched():
        for n in range(5):
            audit_record(actor=person, action=f"test.batched.{n}", obj=person)
        with rows_batched():  # an inner block joins the outer one
            audit_record(actor=None, action="test.batched.inner", obj=person)
        assert not AuditRecord.objects.filter(action__startswith="test.batched").exists()
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    written = AuditRecord.objects.filter(action__startswith="test.batched").order_by("pk")
    assert [r.action for r in written] == [
        *(f"test.batched.{n}" for n in range(5)),
        "test.batched.inner",
    ]
    assert written[0].actor == person and written[5].actor is None


def test_a_block_that_fails_writes_nothing_and_outside_a_block_rows_are_written_at_once() -> None:
    person = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic(), rows_batched():
        audit_record(actor=person, action="test.failed", obj=person)
        raise RuntimeError("step failed")
    assert not AuditRecord.objects.filter(action="test.failed").exists()
    row = insert_row(AuditRecord(action="test.now", object_type="x", object_id="1", payload={}))
    assert row.pk is not None
