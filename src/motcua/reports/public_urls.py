from django.urls import path

from motcua.reports import views

app_name = "reports-public"

urlpatterns = [path("", views.figures_page, name="figures")]
