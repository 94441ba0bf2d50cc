"""A leader's signing PIN cannot be guessed: five wrong PINs lock signing, each one is in the audit log."""

import pytest

from motcua.audit.models import Action, AuditEntry
from motcua.dossiers.states import Status
from motcua.signing.keys import WrongPin
from motcua.signing.pin_attempts import PinLocked
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes
from motcua_testing.signing import PIN, draft_document, give_leader_a_key, result_template_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_five_wrong_pins_lock_signing_even_with_the_right_pin(world, settings):
    settings.SIGNING_PIN_ATTEMPTS = 5
    give_leader_a_key(world)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), pdf_bytes()
    )
    for _attempt in range(5):
        with pytest.raises(WrongPin):
            sign_result(document=document, by=world.leader.user, pin="000000")
    with pytest.raises(PinLocked, match="thử lại sau 15 phút"):
        sign_result(document=document, by=world.leader.user, pin=PIN)
    denied = AuditEntry.objects.filter(action=Action.DENIED, object_type="pin", actor_id=world.leader.user.pk)
    assert denied.exists()
    assert denied.first().detail["reason"] in {"wrong_pin", "locked"}
