"""Gunicorn settings that belong to the code, loaded by ``motcua serve`` (``-c python:motcua.gunicorn_config``).

Gunicorn names itself and its version in every answer (``Server: gunicorn/23.0``): a free
hint to whoever looks for a known vulnerability. Answers say ``Server: motcua`` instead.

Gunicorn 24+ also opens a control socket at one path per user (``~/.gunicorn/gunicorn.ctl``):
every instance on the host (tests side by side, two installations) takes the same path from the
one before. motcua does not use it, so it is off.
"""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "motcua"

control_socket_disable = True
