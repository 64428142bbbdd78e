"""Helpers shared by the tests of the evidence library pages: URLs, a valid file form and sample
bytes."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.sample_files import pdf_bytes
from evidence.models import EvidenceItem
from tests.clock import iso_days_from_today
from tests.evidence.factories import EvidenceItemFactory

PDF = pdf_bytes("Prevent and safeguarding policy", ["Approved by the board."])


def url(name: str, org, **kwargs) -> str:
    return reverse(f"evidence:{name}", kwargs={"org_slug": org.slug, **kwargs})


def item_url(name: str, item: EvidenceItem) -> str:
    return url(name, item.organisation, evidence_code=item.code)


def html(response) -> str:
    return response.content.decode()


def file_form(**overrides) -> dict:
    data = {
        "kind": "file",
        "file": SimpleUploadedFile("Prevent policy.pdf", PDF, content_type="application/pdf"),
        "url": "",
        "title": "Prevent and safeguarding policy 2026/27",
        "description": "Approved by the board in July.",
        "effective_date": iso_days_from_today(-30),
        "valid_until": iso_days_from_today(300),
    }
    data.update(overrides)
    return data


def item_in(org, **kwargs) -> EvidenceItem:
    return EvidenceItemFactory(organisation=org, **kwargs)


def titles(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html(response))
