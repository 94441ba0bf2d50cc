from csp.decorators import csp_exempt
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from motcua.api.accounts import (
    ActivationCodeView,
    ActivationView,
    BusinessRegistrationView,
    CitizenRegistrationView,
    LogoutAllView,
    LogoutView,
    MeView,
    MyDataView,
    TokenView,
)
from motcua.api.audit import AuditViewSet
from motcua.api.procedures import AgencyViewSet, FieldViewSet, ProcedureViewSet
from motcua.documents.api import (
    DigitizationRatesView,
    DigitizedDocumentViewSet,
    DossierDocumentsViewSet,
    RepositoryViewSet,
)
from motcua.dossiers.api import DossierViewSet, LookupViewSet
from motcua.integration.api import ContactPreferenceView
from motcua.payments.api import DossierPaymentViewSet
from motcua.signing.api import DossierResultViewSet, ResultViewSet, VerifyUploadView
from motcua.workspace.api import WorkspaceViewSet

router = DefaultRouter(trailing_slash="/?")
router.register("procedures", ProcedureViewSet, basename="procedure")
router.register("fields", FieldViewSet, basename="field")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("dossiers", DossierViewSet, basename="dossier")
router.register("lookup", LookupViewSet, basename="lookup")
router.register("workspace", WorkspaceViewSet, basename="workspace")
router.register("audit", AuditViewSet, basename="audit")
router.register("results", ResultViewSet, basename="result")
router.register(
    r"dossiers/(?P<dossier_reference>[^/]+)/results", DossierResultViewSet, basename="dossier-result"
)
router.register(
    r"dossiers/(?P<dossier_reference>[^/]+)/payments", DossierPaymentViewSet, basename="dossier-payment"
)
router.register("repository", RepositoryViewSet, basename="repository")
router.register("digitized", DigitizedDocumentViewSet, basename="digitized")
router.register(
    r"dossiers/(?P<dossier_reference>[^/]+)/documents", DossierDocumentsViewSet, basename="dossier-document"
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI and ReDoc start with inline scripts: the only pages without the Content-Security-Policy.
    path("docs/", csp_exempt()(SpectacularSwaggerView.as_view(url_name="schema")), name="api-docs"),
    path("redoc/", csp_exempt()(SpectacularRedocView.as_view(url_name="schema")), name="api-redoc"),
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("auth/logout/", LogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="auth-logout-all"),
    path("me/", MeView.as_view(), name="me"),
    path("me/notifications/", ContactPreferenceView.as_view(), name="me-notifications"),
    path("me/data/", MyDataView.as_view(), name="my-data"),
    path("accounts/citizens/", CitizenRegistrationView.as_view(), name="register-citizen"),
    path("accounts/businesses/", BusinessRegistrationView.as_view(), name="register-business"),
    path("accounts/activate/", ActivationView.as_view(), name="activate-account"),
    path("accounts/activate/code/", ActivationCodeView.as_view(), name="activation-code"),
    path("results/verify/", VerifyUploadView.as_view(), name="verify-upload"),
    path("digitization/rates/", DigitizationRatesView.as_view(), name="digitization-rates"),
    path("", include(router.urls)),
]
