import os

from django.core.wsgi import get_wsgi_application

from motcua.core.heap import freeze_startup_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
application = get_wsgi_application()
# Each web worker loads the application after gunicorn forks it: what is alive now lives as long as
# the worker, and the garbage collector need not walk it again at every collection (core/heap.py).
freeze_startup_heap()
