"""Choice labels follow the reader's language (issue 18): a Welsh reader sees an action's
status and priority in Welsh on the plan and the action's page, and their CSV export names
them in Welsh, while an English reader's export stays exactly what it was, whoever exported
before them."""

import re

import pytest
from django.utils.translation import gettext_lazy, override

from core.xlsx import cell_xml
from reporting.exports import _action_rows
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory
from tests.actionplans.helpers import action_url, html, url
from tests.actionplans.test_views_export import export_rows

pytestmark = pytest.mark.django_db


def _welsh(user):
    user.language = "cy"
    user.save(update_fields=["language"])
    return user


def _tags(page: str) -> list[str]:
    """The text of the status and priority tags on a page."""
    return re.findall(r'<span class="tag tag-(?:action|priority)-[a-z_]+">([^<]+)</span>', page)


def test_a_welsh_reader_sees_status_and_priority_in_welsh(org, plan, contributor, client_for):
    client = client_for(_welsh(contributor))
    tags = _tags(html(client.get(url("index", org))))
    assert {"Uchel", "Isel", "Ar waith", "Wedi&#x27;i rwystro", "Wedi&#x27;i wneud"} <= set(tags)
    assert not {"High", "Low", "In progress", "Blocked", "Done", "Not started"} & set(tags)

    detail = html(client.get(action_url("detail", plan["late"])))
    assert set(_tags(detail)) >= {"Uchel", "Ar waith"}


def test_an_english_reader_sees_them_in_english(org, plan, qm, client_for):
    tags = set(_tags(html(client_for(qm).get(url("index", org)))))
    assert {"High", "Low", "In progress", "Blocked", "Done"} <= tags


def test_the_csv_export_is_in_the_readers_language_and_english_is_unchanged(
    org, plan, qm, contributor, client_for
):
    english = client_for(qm)
    before = b"".join(english.get(url("export", org)).streaming_content)

    welsh_rows = export_rows(client_for(_welsh(contributor)).get(url("export", org)))
    by_title = {row[0]: row for row in welsh_rows[1:]}
    assert by_title["Late one"][5:7] == ["Uchel", "Ar waith"]
    assert by_title["Soon one"][5:7] == ["Isel", "Heb ddechrau"]
    assert welsh_rows[0][5:7] == ["Priority", "Status"]  # the headers are the columns' names

    after = english.get(url("export", org))
    assert b"".join(after.streaming_content) == before  # byte for byte
    rows = {row[0]: row for row in export_rows(english.get(url("export", org)))[1:]}
    assert rows["Late one"][5:7] == ["High", "In progress"]
    assert rows["Blocked one"][5:7] == ["High", "Blocked"]
    assert rows["Soon one"][5:7] == ["Low", "Not started"]


def test_a_lazy_label_in_an_xlsx_cell_is_text_and_formula_safe():
    with override("cy"):
        assert cell_xml("A1", gettext_lazy("High")) == (
            '<c r="A1" t="inlineStr"><is><t>Uchel</t></is></c>'
        )
    assert cell_xml("A1", gettext_lazy("=HYPERLINK(1)")) == (
        '<c r="A1" t="inlineStr"><is><t>\'=HYPERLINK(1)</t></is></c>'
    )


def test_an_english_workbook_names_statuses_in_english(org, qm):
    ActionFactory(organisation=org, title="Lone", owner=qm, due_in=5)
    with override("cy"), tenant_scope(org):
        assert [r[5:7] for r in _action_rows()] == [["Canolig", "Heb ddechrau"]]
    with override("en-gb"), tenant_scope(org):
        rows = list(_action_rows())
    assert [r[5:7] for r in rows] == [["Medium", "Not started"]]
    assert all(type(v) is str for v in rows[0][5:7])
