"""Settings django-stubs' mypy plugin loads to learn the apps and models: the real settings, with
a placeholder secret key so `mypy` runs with no environment set. Nothing serves requests with it."""

import os

os.environ.setdefault("SECRET_KEY", "type-checking-only-not-a-secret")

from .settings import *  # noqa: F403
