"""Drafting a result from the template and signing it: leader, then the agency's seal."""

import shutil
import subprocess

import pytest
from conftest import require_service

from motcua.core.errors import Forbidden, InvalidTransition
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.signing.keys import WrongPin
from motcua.signing.models import ResultDocument
from motcua.signing.services import prepare_result, sign_result
from motcua.signing.verification import check_pdf
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    PIN,
    authority,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    require_service("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_draft_is_the_dossier_rendered_into_pdf_a_with_fonts_embedded(world):
    require_service(
        "LibreOffice", shutil.which("soffice") is not None, "apt-get install libreoffice-writer-nogui"
    )
    result_template_for(world.procedure)
    dossier = dossier_in(world, Status.PROCESSING)
    document = prepare_result(dossier=dossier, by=world.processor.user)
    assert document.state == ResultDocument.State.DRAFT
    pdf = document.draft_pdf.read()
    text = pdf_text(pdf)
    assert dossier.code in text and "Nguyễn Thị An" in text and world.citizen.full_name in text
    assert "01/11/2026" in text  # e-form dates written the Vietnamese way
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert b"pdfaid:part" in pdf  # PDF/A identification in the XMP metadata
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())  # "emb" column


def test_the_leader_signs_the_seal_follows_and_the_dossier_is_approved(world, unsigned_pdf):
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, result_template_for(world.procedure), unsigned_pdf)
    signed = sign_result(document=document, by=world.leader.user, pin=PIN)
    assert signed.state == ResultDocument.State.SIGNED
    assert [s["role"] for s in signed.signers] == ["leader", "seal"]
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RESULT_READY
    check = check_pdf(signed.signed_pdf.read(), trust_roots=[authority().pem])
    assert check.valid
    assert [s.signer for s in check.signatures] == [world.leader.user.full_name, "Sở Tư pháp"]


def test_without_a_seal_key_only_the_leader_signs(world, unsigned_pdf):
    give_leader_a_key(world)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf
    )
    signed = sign_result(document=document, by=world.leader.user, pin=PIN)
    assert [s["role"] for s in signed.signers] == ["leader"]


def test_a_wrong_pin_signs_nothing_and_the_dossier_stays_in_processing(world, unsigned_pdf):
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, result_template_for(world.procedure), unsigned_pdf)
    with pytest.raises(WrongPin):
        sign_result(document=document, by=world.leader.user, pin="000000")
    document.refresh_from_db()
    assert document.state == ResultDocument.State.DRAFT and not document.signed_pdf
    assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING


def test_only_a_leader_of_the_competent_agency_signs(world, unsigned_pdf):
    give_leader_a_key(world)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf
    )
    for outsider in (world.processor.user, world.other_receiver.user, world.citizen):
        with pytest.raises(Forbidden):
            sign_result(document=document, by=outsider, pin=PIN)


def test_a_signed_result_cannot_be_signed_again(world, unsigned_pdf):
    give_leader_a_key(world)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf
    )
    sign_result(document=document, by=world.leader.user, pin=PIN)
    document.refresh_from_db()
    with pytest.raises(InvalidTransition):
        sign_result(document=document, by=world.leader.user, pin=PIN)


def test_only_officials_of_the_competent_agency_prepare_a_draft(world):
    result_template_for(world.procedure)
    dossier = dossier_in(world, Status.PROCESSING)
    for outsider in (world.other_receiver.user, world.citizen):
        with pytest.raises(Forbidden):
            prepare_result(dossier=dossier, by=outsider)
    assert not ResultDocument.objects.exists()


def test_a_leader_signing_again_reuses_the_font_subset_and_the_stamp_still_reads(
    world, unsigned_pdf, monkeypatch, tmp_path
):
    """The font subset of a signature box is made once per signer and kept (making it was a third of
    a signature's time); the second result's box is drawn with the kept subset and reads the same."""
    from fontTools import subset

    from motcua.signing import pades

    # The data directory's Vietnamese font is cut once, by fontTools' subsetter too: made first, so
    # that only the signature boxes' subsets are counted (the test failed when it ran first).
    pades.vietnamese_font()
    made = []
    real_subset = subset.Subsetter.subset
    monkeypatch.setattr(
        subset.Subsetter, "subset", lambda self, font: made.append(1) or real_subset(self, font)
    )
    monkeypatch.setattr(pades, "_subsets", {})
    give_leader_a_key(world)
    signed = []
    for state in (Status.PROCESSING, Status.PROCESSING):
        document = draft_document(
            dossier_in(world, state), result_template_for(world.procedure), unsigned_pdf
        )
        signed.append(sign_result(document=document, by=world.leader.user, pin=PIN).signed_pdf.read())
    assert len(made) == 1
    for pdf in signed:
        assert check_pdf(pdf, trust_roots=[authority().pem]).valid
        assert f"Ký bởi: {world.leader.user.full_name}" in pdf_text(pdf)
        assert "/xac-thuc/" in qr_code_on_last_page(pdf, tmp_path)  # drawn with a fixed mask, still reads


def qr_code_on_last_page(pdf: bytes, folder) -> str:
    import cv2

    require_service("pdftoppm", shutil.which("pdftoppm") is not None, "apt-get install poppler-utils")
    (folder / "signed.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", str(folder / "signed.pdf"), str(folder / "page")], check=True
    )
    last = sorted(folder.glob("page*.png"))[-1]
    return cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(last)))[0]
