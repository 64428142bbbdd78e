import pytest

from tests.subcontractors.helpers import latest_token, make_subcontractor, sent_review


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its uploads in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The questionnaire's tests (test_questionnaire_link.py, test_questionnaire_answers.py) share these;
# other modules define their own.
@pytest.fixture
def subcontractor(org, qm):
    return make_subcontractor(org, qm, name="Acorn Training Ltd")


@pytest.fixture
def review(subcontractor, qm):
    return sent_review(subcontractor, qm)


@pytest.fixture
def token(review):
    return latest_token(review.subcontractor.prevent_lead_email)
