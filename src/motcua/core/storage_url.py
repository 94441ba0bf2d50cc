"""``MOTCUA_STORAGE_URL`` → Django's ``STORAGES["default"]``: local files, or S3-compatible object storage.

Forms accepted:

- empty, or ``file:///absolute/path``: files on this machine (default ``MOTCUA_DATA_DIR/files``),
  each written whole or not at all (core/file_storage.py);
- ``s3://BUCKET?endpoint_url=http://host:9000&region_name=us-east-1`` (MinIO, Ceph, AWS…), with the
  keys in ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` or in the URL as
  ``s3://KEY:SECRET@BUCKET?…``; any other query parameter is passed to django-storages'
  ``S3Storage`` as an option (``location=prefix/``, ``addressing_style=path``…).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit


def storage_from_url(url: str) -> dict:
    if not url:  # MEDIA_ROOT (MOTCUA_DATA_DIR/files), read when the storage is first used
        return {"BACKEND": "motcua.core.file_storage.AtomicFileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme == "file":
        return {
            "BACKEND": "motcua.core.file_storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": parts.path},
        }
    if parts.scheme != "s3":
        raise ValueError(f"MOTCUA_STORAGE_URL: unknown scheme {parts.scheme!r} (file:// or s3://)")
    if not parts.hostname:
        raise ValueError("MOTCUA_STORAGE_URL: s3://BUCKET… needs a bucket name")
    options: dict = {
        "bucket_name": parts.hostname,
        # Files are served through the application (permissions, nosniff), never by public URL.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    for key, value in parse_qsl(parts.query):
        options[key] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
