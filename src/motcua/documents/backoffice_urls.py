from django.urls import path

from motcua.documents import backoffice

app_name = "documents-backoffice"

urlpatterns = [
    path("", backoffice.tray, name="tray"),
    path("khay/<uuid:reference>/tep/", backoffice.tray_file, name="tray-file"),
    path("khay/<uuid:reference>/gan/", backoffice.assign, name="assign"),
    path("giay-to/<uuid:reference>/xac-nhan/", backoffice.confirm, name="confirm"),
    path("giay-to/<uuid:reference>/tep.pdf", backoffice.searchable_pdf, name="searchable-pdf"),
    path("ho-so/<str:reference>/", backoffice.dossier_documents, name="dossier"),
    path("ho-so/<str:reference>/so-hoa/", backoffice.digitize, name="digitize"),
    path("ho-so/<str:reference>/to-bia.pdf", backoffice.cover_sheet, name="cover-sheet"),
]
