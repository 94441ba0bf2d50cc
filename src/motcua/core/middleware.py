"""Vietnamese first: pages are in Vietnamese unless the visitor chose English with the switch.

Browsers send ``Accept-Language`` whether or not anyone chose it (a phone set to
English, a headless test browser), so pages follow only the explicit choice
(the language cookie). API clients do choose their header, so ``/api/`` honours
``Accept-Language``.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
