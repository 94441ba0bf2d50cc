"""The site's URLs plus one page that fails, to see the 500 page (tests only)."""

from django.urls import path

from motcua.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("a bug in a page")


urlpatterns = [path("hong/", broken), *urlpatterns]
