"""Read-only endpoints: self-evaluations (levels and narratives), evidence metadata and the
subcontractor register. Narratives and evidence are content (VIEW_CONTENT); restricted evidence
is left out for every key, by the evidence library's one rule."""

from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.access import OrgApiView
from api.serializers import (
    AssessmentSerializer,
    EvidenceSerializer,
    ResponseSerializer,
    SubcontractorSerializer,
)
from assessments.selectors import assessment_list, response_list
from evidence.models import EvidenceItem, only_visible
from evidence.selectors import visible_evidence
from subcontractors.selectors import subcontractor_list
from tenancy.roles import Perm


class AssessmentListView(OrgApiView):
    """Self-evaluations, newest first, with how many criteria are answered."""

    required_perms = {"GET": Perm.VIEW_ORGANISATION}
    serializer_class = AssessmentSerializer

    @extend_schema(responses=AssessmentSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        return self.paginated(assessment_list(organisation=self.organisation))


class AssessmentDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION}
    serializer_class = AssessmentSerializer

    def get(self, request: Request, org_slug: str, assessment_code: Any) -> Response:
        assessments = assessment_list(organisation=self.organisation)
        return Response(
            AssessmentSerializer(get_object_or_404(assessments, code=assessment_code)).data
        )


class ResponseListView(OrgApiView):
    """A self-evaluation's judgements in framework order: levels, confidence and narratives."""

    required_perms = {"GET": Perm.VIEW_CONTENT}
    serializer_class = ResponseSerializer

    @extend_schema(responses=ResponseSerializer(many=True))
    def get(self, request: Request, org_slug: str, assessment_code: Any) -> Response:
        assessment = get_object_or_404(
            assessment_list(organisation=self.organisation), code=assessment_code
        )
        cited = only_visible(EvidenceItem.objects.only("code", "sensitivity"), self.access)
        responses = (
            response_list(assessment=assessment)
            .prefetch_related(None)
            .prefetch_related(Prefetch("evidence", queryset=cited, to_attr="visible_evidence"))
        )
        return self.paginated(responses)


class EvidenceListView(OrgApiView):
    """The evidence library's metadata (files themselves are downloaded on the pages only)."""

    required_perms = {"GET": Perm.VIEW_CONTENT}
    serializer_class = EvidenceSerializer

    @extend_schema(responses=EvidenceSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        items = visible_evidence(organisation=self.organisation, access=self.access)
        return self.paginated(items.order_by("title", "pk"))


class EvidenceDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_CONTENT}
    serializer_class = EvidenceSerializer

    def get(self, request: Request, org_slug: str, evidence_code: Any) -> Response:
        items = visible_evidence(organisation=self.organisation, access=self.access)
        return Response(EvidenceSerializer(get_object_or_404(items, code=evidence_code)).data)


class SubcontractorListView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION}
    serializer_class = SubcontractorSerializer

    @extend_schema(responses=SubcontractorSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        return self.paginated(subcontractor_list(organisation=self.organisation))


class SubcontractorDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION}
    serializer_class = SubcontractorSerializer

    def get(self, request: Request, org_slug: str, subcontractor_code: Any) -> Response:
        found = get_object_or_404(
            subcontractor_list(organisation=self.organisation), code=subcontractor_code
        )
        return Response(SubcontractorSerializer(found).data)
