from django.urls import path

from motcua.backoffice import audit, counter, feedback, security_notices, views, walk_in

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    # the one-stop-shop counter
    path("mot-cua/", counter.counter_home, name="counter"),
    path("mot-cua/tiep-nhan/", walk_in.walk_in, name="walk-in"),
    path("mot-cua/tiep-nhan/<str:code>/", walk_in.walk_in_record, name="walk-in-record"),
    path("mot-cua/ho-so/<str:code>/", counter.counter_dossier, name="counter-dossier"),
    path("mot-cua/ho-so/<str:code>/giay-to/<slug:slug>.pdf", counter.counter_paper, name="counter-paper"),
    path("mot-cua/ho-so/<str:code>/<slug:action>/", counter.counter_action, name="counter-action"),
    path("nhat-ky/", audit.audit_search, name="audit"),
    path("canh-bao/", security_notices.notices, name="security-notices"),
    path("canh-bao/da-xem/", security_notices.seen_all, name="security-notices-seen"),
    path("canh-bao/<int:notice_id>/da-xem/", security_notices.seen, name="security-notice-seen"),
    # feedback addressed to the official's agencies
    path("phan-anh/", feedback.feedback_inbox, name="feedback"),
    path("phan-anh/<str:code>/", feedback.feedback_answer, name="feedback-answer"),
    path("phan-anh/<str:code>/cong-khai/", feedback.feedback_publication, name="feedback-publication"),
]
