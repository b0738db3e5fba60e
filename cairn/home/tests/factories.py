"""A client's caseload summary with nothing recorded yet, for tests (fiction)."""

from cairn.home.models import CaseloadSummary
from tests.factories import ClientRecordFactory


class CaseloadSummaryFactory(ClientRecordFactory):
    """Usually the receivers write these; a test that needs a bare row builds one."""

    class Meta:
        model = CaseloadSummary
