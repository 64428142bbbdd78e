"""Platform admins load framework library files through the admin and download them again."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frameworks.models import Benchmark, Criterion, Framework, FrameworkVersion
from frameworks.services import framework_load
from tests.factories import UserFactory
from tests.frameworks.sample import SAMPLE, sample

pytestmark = pytest.mark.django_db

IMPORT = "admin:frameworks_frameworkversion_import"
CHANGELIST = "admin:frameworks_frameworkversion_changelist"


def export_url(version: FrameworkVersion) -> str:
    return reverse("admin:frameworks_frameworkversion_export", args=[version.pk])


def upload(content: str | bytes, name: str = "sample-framework.yaml") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/yaml")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def admin_user():
    return UserFactory(is_staff=True, is_superuser=True, name="Pat Platform")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_import_page_has_an_upload_form(admin_client):
    page = admin_client.get(reverse(IMPORT))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'type="file" name="file"' in body
    assert "Library file (YAML)" in body


def test_the_change_list_links_to_import_and_export(admin_client):
    version, _ = framework_load(text=SAMPLE)
    body = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert f'href="{reverse(IMPORT)}"' in body
    assert f'href="{export_url(version)}"' in body


def test_uploading_a_library_file_loads_a_new_version(admin_client, admin_user):
    loaded = admin_client.post(reverse(IMPORT), {"file": upload(SAMPLE)})

    assert loaded.status_code == 302
    assert loaded["Location"] == reverse(CHANGELIST)
    version = FrameworkVersion.objects.get()
    assert version.framework.slug == "sample-framework"
    assert version.version == "1.0"
    assert version.loaded_by == admin_user
    assert version.source_text == SAMPLE
    assert [c.code for c in Criterion.objects.filter(version=version)] == ["C1", "C2"]
    assert Benchmark.objects.filter(version=version).count() == 3
    assert messages_of(loaded) == [f"Loaded {version}."]
    page = admin_client.get(loaded["Location"])
    assert f"Loaded {version}." in page.content.decode()


def test_a_broken_file_lists_its_problems_and_stores_nothing(admin_client):
    broken = sample(**{"code: C2.1": "code: C1.1"})

    refused = admin_client.post(reverse(IMPORT), {"file": upload(broken)})

    assert refused.status_code == 200
    body = refused.content.decode()
    assert "The file was not loaded." in body
    assert "<li>Line 36: The code C1.1 is used twice" in body
    assert not Framework.objects.exists()
    assert not FrameworkVersion.objects.exists()
    assert not Criterion.objects.exists()
    assert messages_of(refused) == []


def test_the_same_file_twice_changes_nothing(admin_client):
    admin_client.post(reverse(IMPORT), {"file": upload(SAMPLE)}, follow=True)
    first = FrameworkVersion.objects.get()

    again = admin_client.post(reverse(IMPORT), {"file": upload(SAMPLE)})

    assert again.status_code == 302
    assert FrameworkVersion.objects.get() == first
    assert Criterion.objects.count() == 2
    assert messages_of(again) == [f"{first} was already loaded; nothing changed."]


def test_changed_content_under_a_loaded_version_number_is_refused(admin_client):
    admin_client.post(reverse(IMPORT), {"file": upload(SAMPLE)})

    refused = admin_client.post(
        reverse(IMPORT), {"file": upload(sample(**{"Speakers": "Visitors"}))}
    )

    assert refused.status_code == 200
    assert "already loaded with different content" in refused.content.decode()
    assert FrameworkVersion.objects.count() == 1
    assert Criterion.objects.filter(title="Visitors").count() == 0


def test_a_new_version_is_added_beside_the_old_one(admin_client):
    admin_client.post(reverse(IMPORT), {"file": upload(SAMPLE)})
    added = admin_client.post(reverse(IMPORT), {"file": upload(sample("1.1"))})
    assert added.status_code == 302
    assert sorted(FrameworkVersion.objects.values_list("version", flat=True)) == ["1.0", "1.1"]


def test_bytes_that_are_not_utf8_get_a_clear_message(admin_client):
    latin1 = SAMPLE.replace("Sample framework", "Cadre évalué").encode("latin-1")

    refused = admin_client.post(reverse(IMPORT), {"file": upload(latin1)})

    assert refused.status_code == 200
    assert "<li>The file is not UTF-8 text.</li>" in refused.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_an_empty_upload_is_refused_by_the_form(admin_client):
    refused = admin_client.post(reverse(IMPORT), {"file": upload(b"", name="empty.yaml")})
    assert refused.status_code == 200
    assert "The submitted file is empty." in refused.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_export_returns_the_exact_source_text_as_an_attachment(admin_client):
    text = sample("2.0", **{"description: A small framework for tests.": "description: Ünïcode ✓"})
    version, _ = framework_load(text=text)

    exported = admin_client.get(export_url(version))

    assert exported.status_code == 200
    assert exported["Content-Type"] == "application/yaml; charset=utf-8"
    assert exported["Content-Disposition"] == 'attachment; filename="sample-framework-2.0.yaml"'
    assert exported.content == text.encode("utf-8")


def test_an_exported_file_imports_again_as_the_same_version(admin_client):
    version, _ = framework_load(text=SAMPLE)
    exported = admin_client.get(export_url(version)).content
    again = admin_client.post(reverse(IMPORT), {"file": upload(exported)})
    assert again.status_code == 302
    assert FrameworkVersion.objects.get() == version


def test_exporting_an_unknown_version_is_not_found(admin_client):
    assert (
        admin_client.get(
            reverse("admin:frameworks_frameworkversion_export", args=[999])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_non_staff_are_sent_to_log_in_for_both(who, client, member):
    version, _ = framework_load(text=SAMPLE)
    if who == "member":
        client.force_login(member)
    for target in (reverse(IMPORT), export_url(version)):
        got = client.get(target)
        assert got.status_code == 302, target
        assert got["Location"].startswith(reverse("admin:login")), got["Location"]
    posted = client.post(reverse(IMPORT), {"file": upload(sample("3.0"))})
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("admin:login"))
    assert FrameworkVersion.objects.count() == 1


def test_staff_without_the_add_permission_cannot_import(client):
    staff = UserFactory(is_staff=True, is_superuser=False)
    client.force_login(staff)

    refused = client.post(reverse(IMPORT), {"file": upload(SAMPLE)})

    assert refused.status_code == 302
    assert refused["Location"] == reverse(CHANGELIST)
    assert messages_of(refused) == ["You do not have permission to import frameworks."]
    assert not FrameworkVersion.objects.exists()
