import pytest

from motcua.core.errors import Forbidden, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.factories import BIRTH_DATA, AgencyFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def test_submission_gives_a_code_of_the_receiving_agency(world):
    dossier = services.file_dossier(applicant=world.citizen, procedure=world.procedure, form_data=BIRTH_DATA)
    assert dossier.status == Status.SUBMITTED
    assert dossier.code.startswith("000.00.12.H30-")
    assert dossier.code.endswith("-0001")
    assert dossier.applicant_name == world.citizen.full_name


def test_a_draft_has_no_code_until_submitted(world):
    draft = services.file_dossier(
        applicant=world.citizen, procedure=world.procedure, form_data={}, submit=False
    )
    assert draft.code is None
    draft = services.update_draft(dossier=draft, by=world.citizen, form_data=BIRTH_DATA)
    assert services.submit_dossier(dossier=draft, by=world.citizen).code.endswith("-0001")


def test_the_e_form_is_checked_field_by_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationFailed) as raised:
        services.file_dossier(
            applicant=world.citizen,
            procedure=world.procedure,
            form_data={"child_name": "", "birth_date": "2026-02-30", "sex": "Khác"},
        )
    fields = raised.value.fields
    assert set(fields) == {"child_name", "birth_date", "sex"}
    assert "Cần nhập Họ, chữ đệm, tên của trẻ" in fields["child_name"][0]
    assert "ngày hợp lệ" in fields["birth_date"][0]
    assert Dossier.objects.count() == 0


def test_a_procedure_not_offered_online_cannot_be_filed_online(world):
    offline = ProcedureFactory(online_level="offline", agencies=[world.justice])
    with pytest.raises(ValidationFailed) as raised:
        services.file_dossier(applicant=world.citizen, procedure=offline, form_data=BIRTH_DATA)
    assert "một cửa" in raised.value.fields["procedure"][0]
    assert Dossier.objects.count() == 0


def test_officials_do_not_file_online_dossiers(world):
    with pytest.raises(Forbidden):
        services.file_dossier(applicant=world.receiver.user, procedure=world.procedure, form_data=BIRTH_DATA)


def test_a_dossier_filed_anywhere_is_routed_to_the_competent_agency(world):
    centre = AgencyFactory(
        code="000.00.31.H30", name="Trung tâm Phục vụ hành chính công", kind="service_centre"
    )
    dossier = services.file_dossier(
        applicant=world.citizen, procedure=world.procedure, form_data=BIRTH_DATA, receiving_agency=centre
    )
    assert dossier.receiving_agency == centre
    assert dossier.competent_agency == world.justice
    assert dossier.code.startswith("000.00.31.H30-")


def test_a_procedure_with_several_agencies_asks_which_one(world):
    procedure = ProcedureFactory(agencies=[world.justice, world.construction])
    with pytest.raises(ValidationFailed) as raised:
        services.file_dossier(applicant=world.citizen, procedure=procedure, form_data=BIRTH_DATA)
    message = raised.value.fields["competent_agency"][0]
    assert "Sở Xây dựng" in message and "000.00.15.H30" not in message  # names, never technical codes
    dossier = services.file_dossier(
        applicant=world.citizen,
        procedure=procedure,
        form_data=BIRTH_DATA,
        competent_agency=world.construction,
    )
    assert dossier.competent_agency == world.construction


def test_walk_in_reception_creates_a_received_dossier_with_its_appointment(world):
    from motcua_testing.factories import DocumentFactory

    required = DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh")
    DocumentFactory(procedure=world.procedure, name="Giấy tờ tùy chọn", mandatory=False)
    with pytest.raises(ValidationFailed) as raised:
        services.receive_at_counter(
            official=world.receiver,
            agency=world.justice,
            applicant=world.other_citizen,
            procedure=world.procedure,
            form_data=BIRTH_DATA,
            documents_received=[],
        )
    assert raised.value.fields["documents_received"] == ["Giấy chứng sinh"]
    dossier = services.receive_at_counter(
        official=world.receiver,
        agency=world.justice,
        applicant=world.other_citizen,
        procedure=world.procedure,
        form_data=BIRTH_DATA,
        documents_received=[required.id],
    )
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == "counter"
    assert dossier.due_at is not None
    assert [e.kind for e in dossier.events.order_by("seq")] == ["submitted", "received"]


def test_walk_in_reception_needs_the_receiver_role_at_that_agency(world):
    with pytest.raises(Forbidden):
        services.receive_at_counter(
            official=world.other_receiver,
            agency=world.justice,
            applicant=world.citizen,
            procedure=world.procedure,
            form_data=BIRTH_DATA,
        )
