"""A web worker's startup objects are frozen out of the garbage collector's generations
(``core/heap.py``): full collections during a request walk only what requests allocated."""

import os
import subprocess
import sys

PROBE = (
    "import gc, sys; import motcua.wsgi; "
    "print(gc.get_freeze_count(), 'motcua.urls' in sys.modules, len(gc.get_objects()))"
)


def test_loading_the_web_application_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "MOTCUA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "motcua.settings"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    frozen, urls_loaded, still_tracked = int(out[0]), out[1] == "True", int(out[2])
    assert urls_loaded, "the URL conf (every app's views) is loaded before freezing"
    assert frozen > 50_000, frozen
    assert still_tracked < frozen / 10, (still_tracked, frozen)
