"""Document numbers: one register per agency, document type and year, a number taken only when the
leader signs, never twice, never skipped by a failed signature."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from motcua.dossiers.states import Status
from motcua.signing.keys import WrongPin
from motcua.signing.models import DocumentRegister, ResultDocument
from motcua.signing.numbering import take_number
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    PIN,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)


def _sign(world, unsigned_pdf, *, at):
    document = draft_document(
        dossier_in(world, Status.PROCESSING),
        result_template_for(world.procedure),
        unsigned_pdf,
        signer=world.leader,
    )
    return sign_result(document=document, by=world.leader.user, pin=PIN, at=at)


@pytest.mark.django_db
def test_numbers_follow_each_other_a_wrong_pin_takes_none_and_a_new_year_starts_again(world, unsigned_pdf):
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    draft = draft_document(
        dossier_in(world, Status.PROCESSING),
        result_template_for(world.procedure),
        unsigned_pdf,
        signer=world.leader,
    )
    assert draft.number is None  # a draft has no number yet
    with pytest.raises(WrongPin):
        sign_result(document=draft, by=world.leader.user, pin="000000")
    first = sign_result(
        document=draft, by=world.leader.user, pin=PIN, at=datetime(2026, 12, 30, 3, tzinfo=UTC)
    )
    second = _sign(world, unsigned_pdf, at=datetime(2026, 12, 31, 3, tzinfo=UTC))
    next_year = _sign(world, unsigned_pdf, at=datetime(2027, 1, 2, 3, tzinfo=UTC))
    assert [first.number, second.number, next_year.number] == [1, 2, 1]
    assert [first.number_and_symbol, second.number_and_symbol] == ["01/GCN-STP", "02/GCN-STP"]
    assert first.register == second.register != next_year.register


@pytest.mark.django_db
def test_a_leader_who_is_not_the_drafts_signer_is_refused_and_no_number_is_taken(world, unsigned_pdf):
    from motcua.core.errors import Forbidden
    from motcua.org.models import Role
    from motcua_testing.factories import OfficialFactory

    other = OfficialFactory.with_roles((world.justice, Role.LEADER))
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf, signer=other
    )
    give_leader_a_key(world)
    with pytest.raises(Forbidden) as refused:
        sign_result(document=document, by=world.leader.user, pin=PIN)
    assert str(other) in str(refused.value.message)
    assert not DocumentRegister.objects.exists()
    assert ResultDocument.objects.get(pk=document.pk).state == ResultDocument.State.DRAFT


@pytest.mark.django_db(transaction=True)
def test_leaders_signing_at_once_never_get_the_same_number(world):
    """Eight transactions take numbers from one register at the same time (threads, own connections)."""
    taken, errors, start = [], [], threading.Barrier(8)

    def sign_one():
        try:
            start.wait()
            with transaction.atomic():
                _register, number = take_number(agency=world.justice, doc_type="QĐ", year=2026)
                taken.append(number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 9))
    assert DocumentRegister.objects.get(agency=world.justice, doc_type="QĐ", year=2026).last_number == 8


@pytest.mark.django_db
def test_a_criminal_record_certificate_is_numbered_in_its_own_register_as_stp_lltp(world, settings, tmp_path):
    """The sample template of “Phiếu lý lịch tư pháp” was numbered “01/GXN-STP”, in the register of
    the letters of confirmation; the Ministry of Justice's form writes “Số: …/STP-LLTP”."""
    import shutil

    from conftest import require_service

    from motcua.signing.sample_templates import result_template
    from motcua.signing.services import prepare_result, upload_template
    from motcua_testing.pdf import pdf_text

    require_service(
        "LibreOffice", shutil.which("soffice") is not None, "apt-get install libreoffice-writer-nogui"
    )
    settings.MEDIA_ROOT = tmp_path / "files"
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    title = "Phiếu lý lịch tư pháp số 1"
    upload_template(
        procedure=world.procedure,
        name=title,
        data=result_template(title=title, form_schema=world.procedure.form_schema),
    )
    draft = prepare_result(dossier=dossier_in(world, Status.PROCESSING), by=world.processor.user)
    assert draft.state == ResultDocument.State.DRAFT
    certificate = sign_result(document=draft, by=world.leader.user, pin=PIN)
    assert certificate.number_and_symbol == "01/STP-LLTP"
    assert certificate.register.doc_type == "LLTP"
    text = pdf_text(certificate.signed_pdf.read())  # the number is stamped into the gap before the “/”
    assert "/STP-LLTP" in text and "GXN" not in text
