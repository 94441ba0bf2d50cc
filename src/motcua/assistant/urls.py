from django.urls import path

from motcua.assistant import views

app_name = "assistant"

urlpatterns = [path("", views.assistant_page, name="page")]
