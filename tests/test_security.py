"""Security by construction: CSP on every page, nothing inline, production settings clean."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# Emails are read in mail clients, where inline styles are the only styles that work.
EMAIL_TEMPLATES = ROOT / "templates" / "emails"

# A JSON data block (type="application/json") is data, never executed, so CSP allows it.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE
)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)


def _templates():
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if EMAIL_TEMPLATES not in path.parents:
                yield path


def test_templates_have_no_inline_scripts_handlers_or_styles():
    offenders = []
    for path in _templates():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern.pattern}")
    assert not offenders, offenders


def test_the_csp_canary_catches_inline_script():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json">{"a": 1}</script>')
    assert INLINE_HANDLER.search('<button onclick="go()">')


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/accounts/password/reset/"])
def test_pages_carry_a_strict_csp_and_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_organisation_pages_carry_the_csp(client_for, member, org):
    response = client_for(member).get(f"/o/{org.slug}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_static_assets_are_served_from_the_project():
    for path in _templates():
        text = path.read_text()
        assert not re.search(r'(src|href)="(https?:)?//', text), f"external asset in {path}"


def test_production_settings_pass_check_deploy(settings):
    from reporting.signing_dev import dev_certificate_files

    files = dev_certificate_files(settings.PACK_SIGNING_DEV_DIR)  # as production sets its own
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevent_compliance.settings",
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-like-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "prevent.example",
        "PACK_SIGNING_CERT": str(files["cert"]),
        "PACK_SIGNING_KEY": str(files["key"]),
        "PACK_SIGNING_CHAIN": str(files["root"]),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "prevent_compliance.settings", "DEBUG": "false"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
