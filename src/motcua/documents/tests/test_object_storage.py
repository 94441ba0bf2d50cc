"""Files in S3-compatible object storage (MOTCUA_STORAGE_URL=s3://…), against a local S3 server.

No MinIO server can be installed from the registries this project uses (PyPI, npm, Debian
carry only MinIO clients), so the test run starts moto's S3 server (``moto[server]``, PyPI),
which speaks the S3 HTTP protocol on a local port; django-storages talks to it through boto3
exactly as it would to MinIO or Ceph.
"""

import socket

import boto3
import pytest
from conftest import require_service
from django.core.files.storage import default_storage

from motcua.core.storage_url import storage_from_url
from motcua.documents.models import StoredFile
from motcua.documents.services import Upload, attach_files
from motcua.documents.storage import open_stored
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes, scanned_pdf

pytestmark = pytest.mark.django_db
BUCKET = "motcua-test"


def _free_port() -> int:
    for port in range(8650, 8700):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8650-8699")


@pytest.fixture(scope="module")
def s3_server():
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        require_service("moto S3 server", False, "pip install 'moto[server]'")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def object_storage(s3_server, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "motcua")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "motcua-secret")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_url(f"s3://{BUCKET}?endpoint_url={s3_server}&region_name=us-east-1"),
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def test_attachments_are_stored_once_in_the_bucket_under_their_digest(world, object_storage):
    assert type(default_storage._setup() or default_storage._wrapped).__name__ == "S3Storage"
    draft = dossier_in(world, Status.DRAFT)
    attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf())])
    attach_files(
        dossier=dossier_in(world, Status.DRAFT), by=world.citizen, uploads=[Upload(scanned_pdf("b.pdf"))]
    )
    stored = StoredFile.objects.get()
    keys = [item["Key"] for item in object_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [stored.name]
    body = object_storage.get_object(Bucket=BUCKET, Key=stored.name)["Body"].read()
    assert body == pdf_bytes()
    with open_stored(stored) as handle:
        assert handle.read() == pdf_bytes()
    assert stored.created_by == world.citizen


def test_the_storage_url_forms():
    assert storage_from_url("") == {"BACKEND": "motcua.core.file_storage.AtomicFileSystemStorage"}
    assert storage_from_url("file:///srv/files")["OPTIONS"] == {"location": "/srv/files"}
    s3 = storage_from_url("s3://key:se%2Fcret@hoso?endpoint_url=http://minio:9000&location=motcua/")
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "hoso"
    assert (s3["OPTIONS"]["access_key"], s3["OPTIONS"]["secret_key"]) == ("key", "se/cret")
    assert (s3["OPTIONS"]["endpoint_url"], s3["OPTIONS"]["location"]) == ("http://minio:9000", "motcua/")
    with pytest.raises(ValueError, match="unknown scheme"):
        storage_from_url("ftp://x")
