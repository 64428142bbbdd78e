"""The workflow fixtures (`assessment`, `submitted`) for the review panel and revision tests."""

from tests.assessments.workflow.conftest import assessment, submitted  # noqa: F401
