"""A client's caseload summary with nothing recorded yet, for tests (fiction)."""

import factory

from cairn.home.models import CaseloadSummary
from tests.factories import UserFactory


class CaseloadSummaryFactory(factory.django.DjangoModelFactory):
    """Usually the receivers write these; a test that needs a bare row builds one."""

    class Meta:
        model = CaseloadSummary

    client = factory.SubFactory(UserFactory)
