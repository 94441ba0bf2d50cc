"""``motcua migrate`` runs Django's system checks with the database's: on either database they must pass
without a warning, or every install and upgrade (``make run`` included) prints it to the operator."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_system_checks_pass_without_a_warning():
    # Raises SystemCheckError, listing them, on any warning (a covering index's included columns,
    # which SQLite ignores, printed W040 on every command of an embedded install).
    call_command("check", databases=["default"], fail_level="WARNING")
