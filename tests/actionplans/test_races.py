""" "Turn gaps into actions" sent four times at once adds each action once, with a message."""

from django.test import Client

from actionplans.models import Action
from actionplans.views import gaps as gaps_view
from tests.actionplans.test_views_gaps import gappy, gaps_url, row_data  # noqa: F401 (fixture)
from tests.concurrency import at_the_same_moment, needs_postgresql, raised, run_in_threads

pytestmark = needs_postgresql


def test_turning_gaps_into_actions_four_times_at_once_adds_each_once(org, gappy, qm):  # noqa: F811
    data = {
        **row_data(gappy, "C1.1", qm),
        **row_data(gappy, "C1.2", qm),
        **row_data(gappy, "C2.1", qm),
    }

    def confirm():
        client = Client()
        client.force_login(qm)
        return client.post(gaps_url(gappy), data, follow=True)

    with at_the_same_moment(gaps_view, "actions_from_gaps", parties=4):
        results = run_in_threads(*(confirm for _ in range(4)))

    assert not raised(results)
    assert [r.status_code for r in results] == [200] * 4
    pages = [r.content.decode() for r in results]
    assert sum("3 actions added to the plan" in page for page in pages) == 1
    assert sum("already in the plan; nothing was added twice" in page for page in pages) == 3
    assert Action.unscoped.filter(organisation=org, source_key__startswith="gap:").count() == 3
