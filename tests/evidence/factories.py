import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from demo.sample_files import pdf_bytes
from evidence.models import EvidenceItem, EvidenceKind
from tests.factories import OrganisationFactory

SAMPLE_PDF = pdf_bytes("Sample policy", ["A line of text."])


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    """A link by default; `EvidenceItemFactory(uploaded=True)` gives an uploaded PDF."""

    class Meta:
        model = EvidenceItem

    class Params:
        uploaded = factory.Trait(
            kind=EvidenceKind.FILE,
            url="",
            file=factory.LazyFunction(lambda: ContentFile(SAMPLE_PDF, name="policy.pdf")),
            original_filename="policy.pdf",
            content_type="application/pdf",
            size=len(SAMPLE_PDF),
            sha256=hashlib.sha256(SAMPLE_PDF).hexdigest(),
        )

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Evidence item {n}")
    kind = EvidenceKind.LINK
    url = factory.Sequence(lambda n: f"https://intranet.example.org/evidence/{n}")
    effective_date = factory.LazyFunction(timezone.localdate)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        item.save()
        return item
