"""The evidence services and the demo library, called directly (no views)."""

import hashlib
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core.uploads import inspect_upload
from demo.sample_files import pdf_bytes
from demo.seed import seed_foundation
from evidence.models import EvidenceItem, EvidenceKind
from evidence.services import evidence_archive, evidence_create, evidence_update
from tenancy.models import Organisation
from tenancy.roles import Role
from tenancy.scope import TenantScopeError, tenant_scope
from tenancy.selectors import not_assignable_message
from tests.evidence.factories import EvidenceItemFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PDF = pdf_bytes("Policy", ["Text."])


@pytest.fixture
def qm(org):
    return MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user


def create(org, qm, **overrides):
    kwargs = {
        "organisation": org,
        "by": qm,
        "title": "Prevent policy",
        "kind": EvidenceKind.FILE,
        "file": ContentFile(PDF, name="policy.pdf"),
        "owner": qm,
        "effective_date": date(2026, 9, 1),
        "valid_until": None,
    }
    kwargs.update(overrides)
    return evidence_create(**kwargs)


def test_create_records_what_the_content_is(org, qm):
    item = create(org, qm)
    assert item.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (item.size, item.content_type, item.original_filename) == (
        len(PDF),
        "application/pdf",
        "policy.pdf",
    )
    assert item.history.get().history_user == qm


def test_create_refuses_an_owner_from_another_organisation(org, qm, outsider):
    with pytest.raises(ValidationError) as exc:
        create(org, qm, owner=outsider)
    assert exc.value.message_dict["owner"] == [not_assignable_message(org)]
    assert not EvidenceItem.unscoped.exists()


def test_create_puts_file_problems_on_the_file_field(org, qm):
    with pytest.raises(ValidationError) as exc:
        create(org, qm, file=ContentFile(b"MZ\x90\x00", name="policy.pdf"))
    assert "really a Windows program" in exc.value.message_dict["file"][0]


def test_create_refuses_a_link_that_is_not_a_web_address(org, qm):
    with pytest.raises(ValidationError) as exc:
        create(org, qm, kind=EvidenceKind.LINK, file=None, url="javascript:alert(1)")
    assert "url" in exc.value.message_dict


def test_update_refuses_an_archived_item(org, qm):
    item = create(org, qm)
    evidence_archive(item=item)
    with pytest.raises(ValidationError):
        evidence_update(
            item=item,
            title="New",
            kind=EvidenceKind.FILE,
            owner=qm,
            effective_date=item.effective_date,
        )


def test_archiving_twice_keeps_the_first_date(org, qm):
    item = create(org, qm)
    first = evidence_archive(item=item).archived_at
    assert evidence_archive(item=item).archived_at == first


def test_a_file_item_without_a_checksum_is_refused_by_the_database(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(organisation=org, kind=EvidenceKind.FILE, url="", sha256="")


def test_a_link_item_without_an_address_is_refused_by_the_database(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(organisation=org, url="")


def test_valid_until_before_the_effective_date_is_refused_by_the_database(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(
            organisation=org, effective_date=date(2026, 9, 1), valid_until=date(2026, 8, 31)
        )


def test_objects_fails_closed_outside_a_tenant_scope(org, other_org):
    ours = EvidenceItemFactory(organisation=org)
    EvidenceItemFactory(organisation=other_org)
    with pytest.raises(TenantScopeError):
        EvidenceItem.objects.count()
    with tenant_scope(org):
        assert list(EvidenceItem.objects.all()) == [ours]


# --- The demo library -----------------------------------------------------------------------


def test_the_demo_seed_creates_a_realistic_library_for_each_provider():
    seed_foundation(password=settings.DEMO_PASSWORD)
    for slug in ("northfield-training", "riverside-college"):
        organisation = Organisation.objects.get(slug=slug)
        items = list(EvidenceItem.unscoped.filter(organisation=organisation))
        restricted = [i for i in items if i.is_restricted]
        # the shared library plus the provider's own (Northfield's DSL holds two restricted)
        assert 12 <= len(items) - len(restricted) <= 13
        assert len(restricted) == (2 if slug == "northfield-training" else 0)
        assert any(i.is_expired for i in items)
        assert any(i.expires_soon for i in items)
        assert any(i.is_link for i in items)
        titles = {i.title for i in items}
        assert "External speaker log" in titles
        assert any(t.startswith("Prevent and safeguarding policy ") for t in titles)
        for item in items:
            if item.is_file:
                with item.file.open("rb") as stored:
                    content = stored.read()
                assert hashlib.sha256(content).hexdigest() == item.sha256
                assert len(content) == item.size
                # Every demo file passes the same checks as an upload.
                checked = inspect_upload(ContentFile(content, name=item.original_filename))
                assert checked.content_type == item.content_type


def test_the_demo_seed_is_idempotent():
    seed_foundation(password=settings.DEMO_PASSWORD)
    count = EvidenceItem.unscoped.count()
    seed_foundation(password=settings.DEMO_PASSWORD)
    assert EvidenceItem.unscoped.count() == count == 27


def test_the_first_demo_item_is_one_the_contributor_may_edit():
    """The isolation and role-matrix tests address `.first()`; the contributor must own it."""
    seed_foundation(password=settings.DEMO_PASSWORD)
    organisation = Organisation.objects.get(slug="northfield-training")
    first = EvidenceItem.unscoped.filter(organisation=organisation).first()
    assert first.owner.email == "staff@northfield.demo.example"
    assert first.is_file and not first.is_archived
