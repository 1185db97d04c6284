"""Settings for running behind the proxy and across machines: uploaded files on S3-compatible
storage when AWS_STORAGE_BUCKET_NAME is set (certificate PDFs never there, never with a
link), and the visitor's address from the proxy's header when CLIENT_IP_HEADER is set.
Settings are read at import time, so each case runs Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
S3 = {
    "AWS_STORAGE_BUCKET_NAME": "oqu-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.union.example.kz:9000",
    "AWS_ACCESS_KEY_ID": "drill-key",
    "AWS_SECRET_ACCESS_KEY": "drill-secret",
}
ENV_NAMES = {*S3, "AWS_PRIVATE_STORAGE_BUCKET_NAME", "AWS_S3_CUSTOM_DOMAIN", "AWS_QUERYSTRING_AUTH",
             "CLIENT_IP_HEADER", "LMS_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}

DESCRIBE_STORAGE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from certificates.models import Certificate

def name(obj):
    return f"{type(obj).__module__}.{type(obj).__name__}"

def url_of(storage, path):
    try:
        return storage.url(path)
    except ValueError as error:
        return f"refused: {error}"

default = storages["default"]
pdfs = Certificate._meta.get_field("pdf").storage
print(json.dumps({
    "default": name(default),
    "image_url": url_of(default, "images/photo.png"),
    "pdf_storage": name(pdfs),
    "pdf_bucket": getattr(pdfs, "bucket_name", None),
    "pdf_url": url_of(pdfs, "certificates/2026/2026-0000001.pdf"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "boto3_loaded": "boto3" in sys.modules,
}))
"""

DESCRIBE_CLIENT_IP = """
import json
import django
django.setup()
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from django_ratelimit.core import _get_ip

request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.7")
print(json.dumps({"ratelimit": _get_ip(request), "allauth": get_adapter(request).get_client_ip(request)}))
"""


def describe(script, **env):
    clean = {key: value for key, value in os.environ.items() if key not in ENV_NAMES}
    clean.update(env, DJANGO_SETTINGS_MODULE="lms.settings")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=clean,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_the_variables_files_stay_on_the_filesystem_and_boto3_is_not_loaded():
    found = describe(DESCRIBE_STORAGE)

    assert found["default"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["image_url"] == "/media/images/photo.png"
    assert found["pdf_storage"] == "certificates.storage.PrivateStorage"
    assert found["pdf_url"].startswith("refused:")
    assert found["img_src"] == ["'self'", "data:"]
    assert not found["boto3_loaded"]


def test_a_bucket_moves_uploads_to_s3_with_signed_links_and_leaves_certificates_private():
    found = describe(DESCRIBE_STORAGE, **S3)

    assert found["default"] == "storages.backends.s3.S3Storage"
    # A private bucket: images are read through a signed link on the S3 server, which the
    # Content Security Policy lets pages show.
    assert found["image_url"].startswith("https://s3.union.example.kz:9000/oqu-media/images/photo.png?")
    assert "Signature=" in found["image_url"]
    assert "https://s3.union.example.kz:9000" in found["img_src"]
    # Certificate PDFs stay under PRIVATE_MEDIA_ROOT, with no link at all.
    assert found["pdf_storage"] == "certificates.storage.PrivateStorage"
    assert found["pdf_url"].startswith("refused:")


def test_a_private_bucket_holds_certificates_without_any_link():
    found = describe(DESCRIBE_STORAGE, **S3, AWS_PRIVATE_STORAGE_BUCKET_NAME="oqu-private")

    assert found["default"] == "storages.backends.s3.S3Storage"
    assert found["pdf_storage"] == "certificates.s3.PrivateS3Storage"
    assert found["pdf_bucket"] == "oqu-private"
    assert found["pdf_url"].startswith("refused:")


def test_production_settings_with_a_bucket_still_pass_the_deployment_check():
    env = {key: value for key, value in os.environ.items() if key not in ENV_NAMES}
    env.update(S3, LMS_ENV="production", SECRET_KEY="x" * 20 + "a-real-looking-secret-for-tests-0123456789",
               DATABASE_URL="sqlite:////tmp/oqu-check.sqlite3", REDIS_URL="redis://127.0.0.1:6399/0",
               ALLOWED_HOSTS="oqu.example.org", SITE_URL="https://oqu.example.org",
               DJANGO_SETTINGS_MODULE="lms.settings")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stdout + result.stderr


def test_behind_the_proxy_the_limits_count_the_visitor_not_the_proxy():
    assert describe(DESCRIBE_CLIENT_IP, CLIENT_IP_HEADER="X-Real-IP") == {
        "ratelimit": "203.0.113.7", "allauth": "203.0.113.7",
    }


def test_without_client_ip_header_a_sent_header_is_ignored():
    assert describe(DESCRIBE_CLIENT_IP) == {"ratelimit": "172.18.0.5", "allauth": "172.18.0.5"}
