"""Drive a dossier of the test world into any status through the real services."""

from __future__ import annotations

from datetime import datetime

from motcua.demo.dossiers import PATHS
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.factories import BIRTH_DATA
from motcua_testing.world import World


def actor_for(world: World, transition: str):
    """The user entitled to perform ``transition`` in the test world."""
    return {
        "submit": world.citizen,
        "supplement": world.citizen,
        "withdraw": world.citizen,
        "receive": world.receiver.user,
        "reject": world.receiver.user,
        "return_result": world.receiver.user,
        "request_supplement": world.processor.user,
        "start_processing": world.processor.user,
        "request_payment": world.processor.user,
        "confirm_payment": world.processor.user,
        "approve": world.leader.user,
        "refuse": world.leader.user,
    }[transition]


def perform(
    world: World, dossier: Dossier, transition: str, *, by=None, at: datetime | None = None
) -> Dossier:
    by = by if by is not None else actor_for(world, transition)
    call = {
        "submit": lambda: services.submit_dossier(dossier=dossier, by=by, at=at),
        "receive": lambda: services.receive(dossier=dossier, by=by, at=at),
        "reject": lambda: services.reject(
            dossier=dossier, by=by, reason="Hồ sơ không thuộc thẩm quyền", at=at
        ),
        "request_supplement": lambda: services.request_supplement(
            dossier=dossier, by=by, reason="Thiếu bản sao giấy chứng sinh", missing=["Giấy chứng sinh"], at=at
        ),
        "supplement": lambda: services.supplement(dossier=dossier, by=by, note="Đã bổ sung", at=at),
        "start_processing": lambda: services.start_processing(dossier=dossier, by=by, at=at),
        "request_payment": lambda: services.request_payment(dossier=dossier, by=by, amount=50_000, at=at),
        "confirm_payment": lambda: services.confirm_payment(
            dossier=dossier, by=by, reference="BL-001", at=at
        ),
        "approve": lambda: services.approve(dossier=dossier, by=by, at=at),
        "refuse": lambda: services.refuse(dossier=dossier, by=by, reason="Không đủ điều kiện", at=at),
        "return_result": lambda: services.return_result(dossier=dossier, by=by, at=at),
        "withdraw": lambda: services.withdraw(dossier=dossier, by=by, reason="Không còn nhu cầu", at=at),
    }[transition]
    return call()


def dossier_in(world: World, status: str, *, at: datetime | None = None) -> Dossier:
    dossier = services.file_dossier(
        applicant=world.citizen,
        procedure=world.procedure,
        form_data=dict(BIRTH_DATA),
        submit=status != Status.DRAFT,
        at=at,
    )
    for transition in PATHS[status]:
        dossier = perform(world, dossier, transition, at=at)
    assert dossier.status == status
    return dossier


def digitized_document(dossier, name: str, **state):
    """A file handed in at the counter for ``dossier`` and its digitized document (``state``:
    ``state="done"``, ``pages_done``, ``created_at``…), for pages that show digitization."""
    from django.core.files.base import ContentFile

    from motcua.documents.models import Attachment, DigitizedDocument
    from motcua.documents.storage import store
    from motcua.documents.validation import FileKind
    from motcua_testing.files import pdf_bytes

    stored = store(ContentFile(pdf_bytes(name), name=f"{name}.pdf"), kind=FileKind.PDF)
    attachment = Attachment.objects.create(
        dossier=dossier, file=stored, filename=f"{name}.pdf", stage="counter"
    )
    return DigitizedDocument.objects.create(
        attachment=attachment, dossier=dossier, owner=dossier.applicant, original=stored, title=name, **state
    )
