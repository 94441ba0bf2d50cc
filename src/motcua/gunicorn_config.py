"""Gunicorn settings that belong to the code, loaded by ``motcua serve`` (``-c python:motcua.gunicorn_config``).

Gunicorn names itself and its version in every answer (``Server: gunicorn/23.0``): a free
hint to whoever looks for a known vulnerability. Answers say ``Server: motcua`` instead.
"""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "motcua"
