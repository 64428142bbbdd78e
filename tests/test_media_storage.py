"""Media on S3-compatible storage when a bucket is configured, local disk otherwise.

The S3 tests run the app against a real S3 API: moto's server, started here on 127.0.0.1 (an
ephemeral port), reached over HTTP by boto3 exactly as a MinIO or AWS bucket would be. Evidence
is uploaded and a pack generated through the app's own views, then both are read back through
the app's download views and checked in the bucket itself.
"""

import hashlib
from io import BytesIO

import pypdf
import pytest
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.urls import reverse

from evidence.models import EvidenceItem
from prevent_compliance.media_storage import FILE_SYSTEM, S3, media_storage
from reporting.models import EvidencePack, PackStatus
from tests.assessments.helpers import start
from tests.evidence.helpers import PDF, file_form, item_url, url

BUCKET = "prevent-media-test"
REGION = "eu-west-2"
KEY = "testing"  # moto accepts any credentials


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server for this test session (one per xdist worker)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket made the media storage, as settings make it from the environment;
    yields a boto3 client to look inside."""
    import boto3  # type: ignore[import-untyped]  # no stubs; only the test reads the bucket

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEY,
        aws_secret_access_key=KEY,
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    for name, value in {
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": REGION,
        "MEDIA_S3_ACCESS_KEY_ID": KEY,
        "MEDIA_S3_SECRET_ACCESS_KEY": KEY,
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def test_local_disk_is_the_default(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)
    assert media_storage() == {"BACKEND": FILE_SYSTEM}
    # what the app runs with here: files under MEDIA_ROOT
    assert EvidenceItem._meta.get_field("file").storage is default_storage
    assert isinstance(storages["default"], FileSystemStorage)


def test_a_bucket_in_the_environment_selects_private_s3_storage(monkeypatch):
    monkeypatch.setenv("MEDIA_S3_BUCKET", "college-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "https://s3.example.org")
    monkeypatch.setenv("MEDIA_S3_PREFIX", "/prevent/")
    monkeypatch.delenv("MEDIA_S3_ACCESS_KEY_ID", raising=False)
    config = media_storage()
    assert config["BACKEND"] == S3
    options = config["OPTIONS"]
    assert options["bucket_name"] == "college-media"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["location"] == "prevent"
    # never public, never overwritten, no credentials unless given (boto3 finds a role)
    assert options["default_acl"] is None and options["file_overwrite"] is False
    assert "access_key" not in options


def test_evidence_is_uploaded_to_and_downloaded_from_the_bucket(org, qm, client_for, bucket):
    client = client_for(qm)
    response = client.post(url("add", org), file_form(owner=qm.pk))
    assert response.status_code == 302
    item = EvidenceItem.unscoped.get(organisation=org)
    assert stored(bucket, item.file.name) == PDF  # in the bucket, under its generated name
    assert item.sha256 == hashlib.sha256(PDF).hexdigest()

    download = client.get(item_url("download", item))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_pack_is_written_to_and_served_from_the_bucket(
    org, subscribed, member, client_for, client, bucket, django_capture_on_commit_callbacks
):
    assessment = start(org, subscribed, member)
    staff = client_for(member)
    kwargs = {"org_slug": org.slug, "assessment_code": assessment.code}
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(reverse("reporting:pack_list", kwargs=kwargs)).status_code == 302
    pack = EvidencePack.unscoped.get(assessment=assessment)
    assert pack.status == PackStatus.READY, pack.error
    original = stored(bucket, pack.file.name)
    assert hashlib.sha256(original).hexdigest() == pack.sha256

    pack_kwargs = {"org_slug": org.slug, "pack_code": pack.code}
    download = staff.get(reverse("reporting:pack_download", kwargs=pack_kwargs))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pages = pypdf.PdfReader(BytesIO(download.content)).pages
    assert len(pages) == pack.page_count
    assert "Not shared: a copy downloaded by the provider" in pages[0].extract_text()
    # the stamped copy is kept beside the pack in the bucket
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    copies = [k for k in keys if k.startswith(f"packs/copies/{pack.code}/")]
    assert len(copies) == 1 and stored(bucket, copies[0]) == download.content
