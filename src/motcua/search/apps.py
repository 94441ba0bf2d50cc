from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "motcua.search"
    label = "search"
    verbose_name = "Tìm kiếm thủ tục"

    def ready(self):
        from motcua.search import signals

        signals.connect()
