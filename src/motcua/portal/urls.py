from django.urls import path

from motcua.portal import (
    account,
    dossiers,
    feedback,
    filing,
    lookup,
    national_data,
    national_identity,
    passkeys,
    personal_data,
    procedures,
    recovery,
    repository,
    two_factor,
    views,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.SignInView.as_view(), name="sign-in"),
    path("dang-xuat/", views.SignOutView.as_view(), name="sign-out"),
    path("dang-nhap/dinh-danh/", national_identity.start, name="oidc-start"),
    path("dang-nhap/dinh-danh/ve/", national_identity.callback, name="oidc-callback"),
    path("dang-nhap/dinh-danh/lien-ket/", national_identity.link, name="oidc-link"),
    path("dang-ky/", views.sign_up, name="sign-up"),
    path("kich-hoat/<str:token>/", views.activate, name="activate"),
    path("xac-thuc-hai-yeu-to/", two_factor.verify, name="two-factor"),
    path("xac-thuc-hai-yeu-to/dang-ky/", two_factor.enrol, name="two-factor-enrol"),
    path("xac-thuc-hai-yeu-to/khoa-truy-cap/", passkeys.manage, name="passkeys"),
    path("xac-thuc-hai-yeu-to/khoa-truy-cap/<int:passkey_id>/go/", passkeys.remove, name="passkey-remove"),
    # procedures
    path("thu-tuc/", procedures.procedure_list, name="procedures"),
    path("thu-tuc/<str:code>/", procedures.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/qr.svg", procedures.procedure_qr, name="procedure-qr"),
    path("thu-tuc/<str:code>/ap-phich.pdf", procedures.procedure_poster, name="procedure-poster"),
    path("thu-tuc/<str:code>/mau-don/<int:component>/", procedures.blank_form, name="blank-form"),
    path("thu-tuc/<str:code>/nop-ho-so/", filing.new_dossier, name="file"),
    path("thu-tuc/<str:code>/nop-ho-so/du-lieu-quoc-gia/", national_data.fetch, name="fetch-national-data"),
    # the applicant's dossiers
    path("ho-so/", dossiers.my_dossiers, name="my-dossiers"),
    path("tai-khoan/", account.account, name="account"),
    path("tai-khoan/mat-khau/", account.change_password, name="change-password"),
    path("tai-khoan/thong-tin/", account.change_profile, name="change-profile"),
    path("tai-khoan/xac-minh/", account.verify_contact, name="verify-contact"),
    path("quen-mat-khau/", recovery.forgot, name="password-forgot"),
    path("quen-mat-khau/dat-lai/", recovery.reset, name="password-reset"),
    path("du-lieu-cua-toi.zip", personal_data.my_data, name="my-data"),
    path("ho-so/<uuid:reference>/", dossiers.dossier_detail, name="dossier"),
    path("ho-so/<uuid:reference>/sua/", filing.edit_draft, name="draft"),
    path("ho-so/<uuid:reference>/tep/<uuid:attachment>/bo/", filing.remove_file, name="remove-file"),
    path("ho-so/<uuid:reference>/xem-lai/", filing.review, name="review"),
    path("ho-so/<uuid:reference>/bao-sai-du-lieu/", national_data.report, name="report-national-data"),
    path("ho-so/<uuid:reference>/da-nop/", filing.submitted, name="submitted"),
    path("ho-so/<uuid:reference>/bo-sung/", dossiers.supplement, name="supplement"),
    path("ho-so/<uuid:reference>/rut/", dossiers.withdraw, name="withdraw"),
    path("ho-so/<uuid:reference>/danh-gia/", lookup.rate_own, name="rate"),
    path("ho-so/<uuid:reference>/giay-to/<slug:slug>.pdf", dossiers.paper, name="paper"),
    # the applicant's data repository
    path("kho-du-lieu/", repository.my_documents, name="repository"),
    path("kho-du-lieu/<uuid:reference>/tep.pdf", repository.document_file, name="repository-file"),
    # public look-up and rating
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/<str:reference>/", lookup.lookup_reference, name="lookup-reference"),
    path("tra-cuu/<str:token>/danh-gia/", lookup.rate_by_token, name="rate-by-token"),
    # feedback
    path("phan-anh/", feedback.feedback_list, name="feedback"),
    path("phan-anh/gui/", feedback.feedback_new, name="feedback-new"),
    path("phan-anh/tra-cuu/", feedback.feedback_track, name="feedback-track"),
    path("phan-anh/da-gui/<str:code>/", feedback.feedback_sent, name="feedback-sent"),
]
