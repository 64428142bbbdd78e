"""The risk register import reads the English area names the DfE template and every export
use, whatever language the person importing reads the site in (issue 18); with Welsh active it
also takes the Welsh names the Welsh pages show."""

import pytest
from django.utils import timezone
from django.utils.translation import override

from registers.models import Risk, RiskCategory
from registers.risk_sheet import _RowReader
from tests.imports.helpers import upload_and_map
from tests.imports.test_risks import good_row, template_sheet

pytestmark = pytest.mark.django_db


def test_english_area_names_match_with_welsh_active(org):
    with override("cy"):
        reader = _RowReader(org, timezone.localdate())
        assert reader.category("Learners in workplaces") == RiskCategory.WORKPLACES
        assert reader.category("  local   THREAT ") == RiskCategory.LOCAL
        assert reader.category("online") == RiskCategory.ONLINE  # the stored value
        assert reader.category("Dysgwyr mewn gweithleoedd") == RiskCategory.WORKPLACES
        with pytest.raises(ValueError, match="Bygythiad lleol"):  # named as the page shows them
            reader.category("Nowhere")


def test_in_english_the_names_are_the_english_ones(org):
    with override("en-gb"):
        reader = _RowReader(org, timezone.localdate())
        assert reader.category("Speakers, events and lettings") == RiskCategory.SPEAKERS
        with pytest.raises(ValueError, match="Learners in workplaces"):
            reader.category("Dysgwyr mewn gweithleoedd")


def test_a_welsh_reader_imports_the_english_template(org, qm, client_for):
    qm.language = "cy"
    qm.save(update_fields=["language"])
    client = client_for(qm)
    rows = [
        good_row(qm),
        good_row(qm, risk="Far-right stickers at a partner site", Category="Local threat"),
        good_row(qm, risk="Guest Wi-Fi unfiltered", Category="Ar-lein a TG"),
    ]
    _job, urls = upload_and_map(client, org, template_sheet(rows), "risks", "risks.csv")
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 3, "update": 0, "unchanged": 0, "error": 0}
    assert client.post(urls["confirm"]).status_code == 302
    saved = dict(Risk.unscoped.filter(organisation=org).values_list("risk", "category"))
    assert saved == {
        "Apprentices at employer sites cannot reach the DSL": RiskCategory.WORKPLACES,
        "Far-right stickers at a partner site": RiskCategory.LOCAL,
        "Guest Wi-Fi unfiltered": RiskCategory.ONLINE,
    }
