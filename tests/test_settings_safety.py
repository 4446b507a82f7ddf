"""Production mode refuses unsafe settings, and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STRONG_KEY = "kJ8#vQ2!mZ7@pL4$wX9^nB3&cR6*tY1(hG5)dF0-sA8+eU2=iO7"


def start_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SPARROW_ENV", "SENTRY_DSN"}
    }
    clean.setdefault("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='saas.settings'; django.setup(); print('started')",
        ],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_debug():
    result = start_settings(SPARROW_ENV="production", DEBUG="1", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DEBUG is on in production" in result.stderr


def test_production_refuses_missing_or_weak_secret_key():
    missing = start_settings(SPARROW_ENV="production")
    assert missing.returncode != 0 and "SECRET_KEY must be at least 50 characters" in missing.stderr
    repetitive = start_settings(SPARROW_ENV="production", SECRET_KEY="ab" * 40)
    assert repetitive.returncode != 0 and "different characters" in repetitive.stderr
    guessable = start_settings(SPARROW_ENV="production", SECRET_KEY="django-insecure-" + STRONG_KEY)
    assert guessable.returncode != 0 and "guessable" in guessable.stderr


def test_production_refuses_the_embedded_database():
    result = start_settings(SPARROW_ENV="production", SECRET_KEY=STRONG_KEY, DATABASE_URL="")
    assert result.returncode != 0 and "without DATABASE_URL" in result.stderr


def test_production_starts_with_safe_settings():
    result = start_settings(SPARROW_ENV="production", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_unknown_environment_name_is_refused():
    result = start_settings(SPARROW_ENV="prod")
    assert result.returncode != 0 and "SPARROW_ENV" in result.stderr
