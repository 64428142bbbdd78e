"""Where uploaded files and generated packs are stored: local disk unless a bucket is named.

Local disk (`MEDIA_ROOT`) is the default and needs nothing. With `MEDIA_S3_BUCKET` set, media go
to S3-compatible object storage through django-storages, so a second web box or worker reads the
same files. Every file leaves the product through a permission-checked view (core.files), which
reads it through the storage; no bucket is ever public and no object URL is handed out.

  MEDIA_S3_BUCKET        the bucket (created beforehand; versioning and encryption at rest on)
  MEDIA_S3_ENDPOINT_URL  for a provider other than AWS (MinIO, Ceph, ...), e.g. https://s3.example
  MEDIA_S3_REGION        region name (optional)
  MEDIA_S3_PREFIX        key prefix inside the bucket (optional), e.g. "prevent/"
  MEDIA_S3_ACCESS_KEY_ID / MEDIA_S3_SECRET_ACCESS_KEY
                         optional: without them boto3 finds credentials itself (instance role,
                         AWS_* variables, ~/.aws)
"""

from typing import Any

from .env import env_str

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def media_storage() -> dict[str, Any]:
    """The `STORAGES["default"]` entry for this environment."""
    bucket = env_str("MEDIA_S3_BUCKET")
    if not bucket:
        return {"BACKEND": FILE_SYSTEM}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": env_str("MEDIA_S3_PREFIX").strip("/"),
        # Private objects; names stay unique (a second upload never replaces the first).
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 300,
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    for option, variable in (
        ("endpoint_url", "MEDIA_S3_ENDPOINT_URL"),
        ("region_name", "MEDIA_S3_REGION"),
        ("access_key", "MEDIA_S3_ACCESS_KEY_ID"),
        ("secret_key", "MEDIA_S3_SECRET_ACCESS_KEY"),
    ):
        if value := env_str(variable):
            options[option] = value
    return {"BACKEND": S3, "OPTIONS": options}
