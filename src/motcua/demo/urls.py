"""The demo's sandbox providers (answer 404 unless ``MOTCUA_OIDC_SANDBOX=1``)."""

from django.urls import path

from motcua.demo import lgsp_sandbox, oidc_provider

app_name = "sandbox"

urlpatterns = [
    path("oidc/.well-known/openid-configuration", oidc_provider.discovery, name="oidc-discovery"),
    path("oidc/jwks.json", oidc_provider.jwks, name="oidc-jwks"),
    path("oidc/authorize", oidc_provider.authorize, name="oidc-authorize"),
    path("oidc/token", oidc_provider.token, name="oidc-token"),
    path("oidc/userinfo", oidc_provider.userinfo, name="oidc-userinfo"),
    path("oidc/end-session", oidc_provider.end_session, name="oidc-end-session"),
    path("lgsp/api/dan-cu/v1/cong-dan/<str:personal_id>", lgsp_sandbox.citizen, name="lgsp-citizen"),
    path(
        "lgsp/api/dang-ky-kinh-doanh/v1/doanh-nghiep/<str:code>", lgsp_sandbox.business, name="lgsp-business"
    ),
    path("lgsp/api/dat-dai/v1/thua-dat", lgsp_sandbox.parcels, name="lgsp-parcels"),
]
