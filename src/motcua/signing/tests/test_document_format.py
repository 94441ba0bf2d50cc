"""The signed result is an administrative document (Decree 30/2020/NĐ-CP, Appendix I): one page for
a short result, its number and date written in, the signer's authority and name, the signatures
in the signature block, the margins kept. Checked with poppler (pdftotext, pdfinfo) and pypdf,
independent of the code that lays the document out."""

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from conftest import require_service
from pypdf import PdfReader

from motcua.dossiers.states import Status
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    DRAFT_SIGNER,
    PIN,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)

pytestmark = pytest.mark.django_db
MM = 72 / 25.4
SIGNED_AT = datetime(2026, 3, 5, 2, 30, tzinfo=UTC)  # 09:30 on 5 March in Hà Tĩnh


def poppler(tool: str, *args: str, pdf: bytes) -> str:
    require_service(tool, shutil.which(tool) is not None, "apt-get install poppler-utils")
    return subprocess.run(
        [tool, *args, "-", "-"][: 2 + len(args)] if tool == "pdfinfo" else [tool, *args, "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def words(pdf: bytes) -> list[tuple[str, int, float, float, float, float]]:
    """(text, page, x0, top, x1, bottom) of every word, top-down coordinates in points (pdftotext -bbox)."""
    tree = ElementTree.fromstring(
        re.sub(r'xmlns="[^"]+"', "", poppler("pdftotext", "-bbox", pdf=pdf)).encode()
    )
    found = []
    for page_number, page in enumerate(tree.iter("page")):
        for word in page.iter("word"):
            box = [float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")]
            found.append((word.text or "", page_number, *box))
    return found


@pytest.fixture
def signed(world, unsigned_pdf):
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    document = draft_document(
        dossier_in(world, Status.PROCESSING),
        result_template_for(world.procedure),
        unsigned_pdf,
        signer=world.leader,
    )
    return sign_result(document=document, by=world.leader.user, pin=PIN, at=SIGNED_AT)


def test_a_short_result_is_one_page_with_number_place_date_title_and_signer(signed):
    pdf = signed.signed_pdf.read()
    assert "Pages:           1" in poppler("pdfinfo", pdf=pdf)
    text = " ".join(poppler("pdftotext", pdf=pdf).split())
    assert signed.number_and_symbol == "01/GCN-STP"
    assert "Số: 01/GCN-STP" in text
    assert "Hà Tĩnh, ngày 05 tháng 3 năm 2026" in text  # the day of signing; leading zero for days under 10
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in text
    assert "GIẤY CHỨNG NHẬN THỬ NGHIỆM" in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text and DRAFT_SIGNER in text
    assert "Nơi nhận:" in text


def test_the_text_keeps_the_decrees_margins(signed):
    width, height = 595.3, 841.9
    for text, _page, x0, top, x1, bottom in words(signed.signed_pdf.read()):  # signature boxes included
        assert x0 >= 30 * MM - 1 and x1 <= width - 15 * MM + 1, text  # 30 mm left, 15 mm right
        assert top >= 20 * MM - 1 and bottom <= height - 20 * MM + 1, text  # 20 mm top and bottom


def signature_rects(pdf: bytes) -> dict[str, tuple[int, list[float]]]:
    """Each signature field's page and widget rectangle, top-down coordinates like pdftotext's."""
    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for page_number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") == "/Sig" or widget.get("/Parent", {}).get("/FT") == "/Sig":
                x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
                found[str(widget.get("/T"))] = (page_number, [x0, height - y1, x1, height - y0])
    return found


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_signatures_sit_between_the_signers_position_and_name_over_no_text(signed):
    rects = signature_rects(signed.signed_pdf.read())
    assert set(rects) == {"ChuKyLanhDao", "DauCoQuan"}
    all_words = words(signed.draft_pdf.read())  # the document's own text, without the signatures' boxes
    name = [w for w in all_words if w[0] == DRAFT_SIGNER.split()[-1]][-1]
    position = [w for w in all_words if w[0] == "PHÓ"][-1]
    page, leader = rects["ChuKyLanhDao"]
    assert page == name[1] == position[1]  # on the page of the name, never on a page of its own
    assert position[5] <= leader[1] and leader[3] <= name[3]  # below the position, above the name
    assert leader[0] < name[2] and name[4] < leader[2]  # over the name, horizontally
    _seal_page, seal = rects["DauCoQuan"]
    assert seal[1] >= position[5] and seal[3] <= name[3] and seal[2] > leader[0]  # touching the signer's box
    for text, _page, *box in all_words:
        assert not overlaps(box, leader) and not overlaps(box, seal), text


def test_a_deputy_signs_for_the_head_and_a_commune_chair_for_the_committee(world):
    from motcua.org.models import AgencyKind
    from motcua.signing.signers import position_lines
    from motcua_testing.factories import AgencyFactory, OfficialFactory

    world.leader.title = "Phó Giám đốc"
    assert position_lines(world.leader, world.justice) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    world.leader.title = "Giám đốc"
    assert position_lines(world.leader, world.justice) == ["GIÁM ĐỐC"]
    commune = AgencyFactory(kind=AgencyKind.COMMUNE_COMMITTEE, name="Ủy ban nhân dân xã Thạch Hà")
    chair, vice = OfficialFactory(title="Chủ tịch UBND"), OfficialFactory(title="Phó Chủ tịch UBND")
    assert position_lines(chair, commune) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert position_lines(vice, commune) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_sample_template_and_its_pdf_are_in_vietnamese(unsigned_pdf):
    """Word underlined every word of the sample template as misspelt English, and the PDF told screen
    readers it was English: python-docx's blank document is en-US."""
    import zipfile

    from motcua.signing.sample_templates import result_template

    docx = zipfile.ZipFile(io.BytesIO(result_template(title="Giấy xác nhận", form_schema=None)))
    styles = docx.read("word/styles.xml").decode()
    assert 'w:val="vi-VN"' in styles and "en-US" not in styles
    assert PdfReader(io.BytesIO(unsigned_pdf)).trailer["/Root"]["/Lang"] == "vi-VN"
