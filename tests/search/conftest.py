"""The demo site loaded once for a whole test module, rolled back at its end."""

import pytest
from django.db import transaction

from tests import snapshot


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """``load_demo`` in a transaction that is rolled back after the module's tests.

    Each test still gets its own savepoint (the ``db`` fixture nests inside), so what a
    test changes is undone too; other modules never see the demo.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            snapshot.load_demo()  # built once per test process, copied after that
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
