from django.urls import path

from motcua.reports import backoffice, exports

app_name = "reports"

urlpatterns = [
    path("", backoffice.dashboard, name="dashboard"),
    path("tre-han/", backoffice.late, name="late"),
    path("chi-so.csv", exports.dashboard_csv, name="export-csv"),
    path("chi-so.xlsx", exports.dashboard_xlsx, name="export-xlsx"),
    path("bao-cao-dinh-ky.xlsx", exports.periodic_report, name="periodic"),
    path("so-theo-doi/", exports.ledgers, name="ledgers"),
    path("so-theo-doi/<int:counter_id>.<str:kind>", exports.ledger, name="ledger"),
]
