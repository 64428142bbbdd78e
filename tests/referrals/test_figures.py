"""Entering a term's figures: validation beside the field, one row per term and site, history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from referrals.forms import RecordForm
from referrals.models import Site, TermFigures
from referrals.rules import recent_terms
from referrals.services import figures_record, figures_update, site_create
from tenancy.scope import tenant_scope
from tests.referrals.conftest import counts

pytestmark = pytest.mark.django_db


def _post(term, site="", *values):
    data = {"term": term.start.isoformat(), "site": site}
    data.update({k: str(v) for k, v in counts(*values).items()})
    return data


def _form(org, today, data):
    with tenant_scope(org):
        form = RecordForm(data, organisation=org, today=today)
        form.is_valid()
        return form


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ((3, 4, 0, 0, 0), "referrals_made", "at most 3, the concerns raised"),
        ((5, 2, 3, 0, 0), "referrals_adopted", "at most 2, the referrals made"),
        ((5, 3, 1, 2, 0), "channel_support", "at most 1, the referrals adopted"),
        ((5, 3, 2, 0, 2), "no_further_action", "enter at most 1"),
    ],
)
def test_figures_that_cannot_all_be_true_are_refused_beside_the_field(
    org, frozen, values, field, words
):
    form = _form(org, frozen, _post(recent_terms(frozen)[1], "", *values))
    assert list(form.errors) == [field]
    assert words in form.errors[field][0]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "cannot be negative"),
        ("2.5", "whole number"),
        ("three", "whole number"),
        ("9" * 40, "up to 100,000"),
        ("1\x00", "whole number"),
        ("", "0 if there were none"),
    ],
)
def test_odd_input_gets_a_message_beside_the_field(org, frozen, typed, message):
    data = _post(recent_terms(frozen)[1], "", 5, 2, 1, 0, 1)
    data["concerns_raised"] = typed
    form = _form(org, frozen, data)
    assert message in form.errors["concerns_raised"][0]


def test_only_recent_terms_are_offered(org, frozen):
    form = _form(org, frozen, _post(recent_terms(frozen, 8)[7], "", 0, 0, 0, 0, 0))
    assert "term" in form.errors


def test_one_row_per_term_and_no_mixing_whole_and_sites(org, dsl, frozen):
    term = recent_terms(frozen)[1]
    with tenant_scope(org):
        figures_record(
            organisation=org,
            term=term,
            site=None,
            counts=counts(5, 2, 1, 1, 1),
            today=frozen,
            by=dsl,
        )
        with pytest.raises(ValidationError) as again:
            figures_record(
                organisation=org,
                term=term,
                site=None,
                counts=counts(1, 0, 0, 0, 0),
                today=frozen,
                by=dsl,
            )
        assert "already recorded" in str(again.value.message_dict["term"])
        site = site_create(organisation=org, name="Main site", by=dsl)
        with pytest.raises(ValidationError) as mixed:
            figures_record(
                organisation=org,
                term=term,
                site=site,
                counts=counts(1, 0, 0, 0, 0),
                today=frozen,
                by=dsl,
            )
        assert "whole organisation" in str(mixed.value.message_dict["site"])
        other = recent_terms(frozen)[2]
        figures_record(
            organisation=org,
            term=other,
            site=site,
            counts=counts(1, 0, 0, 0, 0),
            today=frozen,
            by=dsl,
        )
        with pytest.raises(ValidationError) as whole:
            figures_record(
                organisation=org,
                term=other,
                site=None,
                counts=counts(1, 0, 0, 0, 0),
                today=frozen,
                by=dsl,
            )
        assert "site by site" in str(whole.value.message_dict["site"])


def test_the_database_refuses_a_second_row_and_inconsistent_figures(org, dsl, frozen):
    term = recent_terms(frozen)[1]
    with tenant_scope(org):
        TermFigures.objects.create(organisation=org, term_start=term.start)
        with pytest.raises(IntegrityError), transaction.atomic():
            TermFigures.objects.create(organisation=org, term_start=term.start)
        with pytest.raises(IntegrityError), transaction.atomic():
            TermFigures.objects.create(
                organisation=org, term_start=recent_terms(frozen)[2].start, referrals_made=1
            )


def test_editing_keeps_the_earlier_figures_and_who_changed_them(org, dsl, qm, frozen):
    with tenant_scope(org):
        row = figures_record(
            organisation=org,
            term=recent_terms(frozen)[1],
            site=None,
            counts=counts(6, 3, 1, 0, 1),
            today=frozen,
            by=dsl,
        )
        figures_update(figures=row, counts=counts(6, 3, 2, 1, 1), by=qm)
        history = list(row.history.order_by("history_date"))
    assert [(h.referrals_adopted, h.history_user) for h in history] == [(1, dsl), (2, qm)]


def test_a_site_is_chosen_from_the_list_and_names_are_unique(org, other_org, dsl):
    with tenant_scope(org):
        site_create(organisation=org, name="  Main   site ", by=dsl)
        with pytest.raises(ValidationError):
            site_create(organisation=org, name="main site", by=dsl)
        assert list(Site.objects.values_list("name", flat=True)) == ["Main site"]


def test_the_dsl_records_a_term_and_bad_input_keeps_what_was_typed(org, dsl, frozen, client_for):
    client = client_for(dsl)
    url = reverse("referrals:record", kwargs={"org_slug": org.slug})
    term = recent_terms(frozen)[1]
    bad = _post(term, "", 3, 4, 0, 0, 0)
    response = client.post(url, bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Every referral starts as a concern" in body
    assert 'name="referrals_made" value="4"' in body
    response = client.post(url, _post(term, "", 6, 3, 1, 1, 1))
    assert response.status_code == 302
    response = client.post(url, _post(term, "", 6, 3, 1, 1, 1))  # the same submit again
    assert response.status_code == 400
    assert "already recorded" in response.content.decode()
    with tenant_scope(org):
        assert TermFigures.objects.get().counts() == counts(6, 3, 1, 1, 1)


def test_a_site_of_another_organisation_is_not_a_choice(org, other_org, dsl, frozen, client_for):
    with tenant_scope(other_org):
        theirs = site_create(organisation=other_org, name="Their campus", by=dsl)
    url = reverse("referrals:record", kwargs={"org_slug": org.slug})
    response = client_for(dsl).post(url, _post(recent_terms(frozen)[1], theirs.pk, 0, 0, 0, 0, 0))
    assert response.status_code == 400
    assert "Choose one of your sites" in response.content.decode()


def test_members_without_the_designation_see_the_trend_but_not_the_figures(
    org, qm, viewer, client_for
):
    for person in (qm, viewer):
        client = client_for(person)
        kwargs = {"org_slug": org.slug}
        assert client.get(reverse("referrals:index", kwargs=kwargs)).status_code == 200
        assert client.get(reverse("referrals:figures", kwargs=kwargs)).status_code == 403
        assert client.get(reverse("referrals:record", kwargs=kwargs)).status_code == 403
