import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "k9$Zq!vR2@pLw7#xYt4&nB8^mC1*hF6(jD3)sG5_aE0+uI-oPzXcVbNmQwErTy",
    "DJANGO_ALLOWED_HOSTS": "familyvoice.example.org",
    "DATABASE_URL": "postgres://familyvoice@127.0.0.1:5432/familyvoice",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "PUBLIC_BASE_URL": "https://familyvoice.example.org",
}


def _manage(*args, env):
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_but_for_hsts_preload():
    result = _manage("check", "--deploy", env=PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert set(re.findall(r"\(([a-z_.]+\.[WE]\d+)\)", output)) <= {"security.W021"}, output


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_required_settings(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_debug():
    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "true"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_only_inline_script_is_allowed_by_its_hash_not_a_nonce(client, home_page):
    # A nonce would be reused by every visitor of a cached page (DESIGN.md 6).
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.content.decode(), re.S)
    inline = [body for attrs, body in scripts if "src=" not in attrs]
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}'" in policy
    assert "nonce" not in policy


@pytest.mark.django_db
def test_the_staff_admin_is_outside_the_public_policy(client):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response
