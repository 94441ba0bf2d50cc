from django.urls import path

from motcua.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.SignInView.as_view(), name="sign-in"),
    path("dang-xuat/", views.SignOutView.as_view(), name="sign-out"),
]
