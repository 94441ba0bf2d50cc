import shutil

import pytest
from conftest import require_service

from motcua.signing import docx_templates, rendering
from motcua.signing.sample_templates import result_template
from motcua_testing.factories import BIRTH_FORM
from motcua_testing.signing import draft_context


@pytest.fixture(scope="session")
def unsigned_pdf() -> bytes:
    """One result rendered by LibreOffice, reused by the signing tests (rendering takes seconds)."""
    require_service(
        "LibreOffice", shutil.which("soffice") is not None, "apt-get install libreoffice-writer-nogui"
    )
    data = result_template(title="Giấy chứng nhận thử nghiệm", form_schema=BIRTH_FORM)
    context = draft_context({"child_name": "Nguyễn Thị An", "birth_date": "2026-11-01", "sex": "Nữ"})
    return rendering.docx_to_pdf(docx_templates.render_docx(data, context))
