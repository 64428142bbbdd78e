import pytest
from django.urls import reverse

from frameworks.models import Framework, Subscription
from frameworks.services import framework_load, framework_load_builtin
from tests.factories import account_manager_for
from tests.frameworks.sample import SAMPLE

pytestmark = pytest.mark.django_db

DATA = {
    "name": "Eastgate Skills",
    "ukprn": "10077001",
    "provider_type": "itp",
    "contact_name": "Sam Reid",
    "contact_email": "sam@eastgate.example",
    "quality_manager_email": "qm@eastgate.example",
}


@pytest.fixture
def frameworks(db):
    framework_load_builtin()
    framework_load(text=SAMPLE)
    return Framework.objects.get(slug="prevent-fe-itp"), Framework.objects.get(
        slug="sample-framework"
    )


def test_the_prevent_framework_is_offered_by_default(client_for, frameworks):
    client = client_for(account_manager_for())
    form = client.get(reverse("portfolio:onboard")).context["form"]
    assert [f.slug for f in form.initial["frameworks"]] == ["prevent-fe-itp"]


def test_onboarding_subscribes_the_chosen_frameworks(client_for, frameworks):
    prevent, sample = frameworks
    client = client_for(account_manager_for())
    client.post(reverse("portfolio:onboard"), {**DATA, "frameworks": [prevent.pk, sample.pk]})
    chosen = Subscription.unscoped.filter(organisation__name="Eastgate Skills")
    assert {s.framework.slug for s in chosen} == {"prevent-fe-itp", "sample-framework"}


def test_the_account_manager_changes_them_later(client_for, frameworks, org):
    _prevent, sample = frameworks
    manager = account_manager_for(org)
    client = client_for(manager)
    url = reverse("frameworks:subscriptions", kwargs={"org_slug": org.slug})
    assert client.post(url, {"frameworks": [sample.pk]}).status_code == 302
    assert [s.framework for s in Subscription.unscoped.filter(organisation=org)] == [sample]
    page = client.get(reverse("frameworks:index", kwargs={"org_slug": org.slug}))
    assert b"Sample framework" in page.content
    assert b"Prevent duty: FE colleges" not in page.content


def test_members_cannot_choose_frameworks(client_for, member, org, frameworks):
    url = reverse("frameworks:subscriptions", kwargs={"org_slug": org.slug})
    assert client_for(member).get(url).status_code == 403


def test_a_provider_can_start_only_its_frameworks(client_for, member, org, frameworks):
    prevent, sample = frameworks
    from frameworks.services import subscription_set

    subscription_set(organisation=org, frameworks=[sample])
    response = client_for(member).get(reverse("assessments:new", kwargs={"org_slug": org.slug}))
    choices = [str(v) for v in response.context["form"].fields["framework_version"].queryset]
    assert choices == ["Sample framework (version 1.0)"]
    other_version = prevent.latest_version()
    response = client_for(member).post(
        reverse("assessments:new", kwargs={"org_slug": org.slug}),
        {"title": "Sneaky", "framework_version": other_version.pk, "lead": member.pk},
    )
    assert response.status_code == 400
    assert "framework_version" in response.context["form"].errors
