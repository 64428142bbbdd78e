"""The risk register and the external speaker and event log: read, and written through
registers' services (a new risk or a change to one; a request for a speaker or event)."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.access import OrgApiView, service_errors
from api.serializers import (
    EventRequestSerializer,
    EventSerializer,
    RiskSerializer,
    RiskWriteSerializer,
)
from registers.selectors import event_list, risk_list
from registers.services.events import event_request
from registers.services.risks import risk_create, risk_update
from tenancy.roles import Perm


class RiskListView(OrgApiView):
    """Open risks, highest rating after controls first; `?status=closed`, or `all`."""

    required_perms = {"GET": Perm.VIEW_ORGANISATION, "POST": Perm.MANAGE_COMPLIANCE_WORK}
    serializer_class = RiskSerializer

    @extend_schema(responses=RiskSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        wanted = request.query_params.get("status", "open")
        risks = risk_list(organisation=self.organisation, status="" if wanted == "all" else wanted)
        return self.paginated(risks)

    @extend_schema(request=RiskWriteSerializer, responses={201: RiskSerializer})
    def post(self, request: Request, org_slug: str) -> Response:
        form = RiskWriteSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        with service_errors():
            risk = risk_create(
                organisation=self.organisation, by=request.user, **form.validated_data
            )
        return Response(RiskSerializer(risk).data, status.HTTP_201_CREATED)


class RiskDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION, "PATCH": Perm.MANAGE_COMPLIANCE_WORK}
    serializer_class = RiskSerializer

    def _risk(self, code: Any) -> Any:
        return get_object_or_404(risk_list(organisation=self.organisation, status=""), code=code)

    def get(self, request: Request, org_slug: str, risk_code: Any) -> Response:
        return Response(RiskSerializer(self._risk(risk_code)).data)

    @extend_schema(request=RiskWriteSerializer(partial=True), responses=RiskSerializer)
    def patch(self, request: Request, org_slug: str, risk_code: Any) -> Response:
        risk = self._risk(risk_code)
        form = RiskWriteSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        form.is_valid(raise_exception=True)
        with service_errors():
            risk_update(risk=risk, by=request.user, changes=dict(form.validated_data))
        return Response(RiskSerializer(self._risk(risk_code)).data)


class EventListView(OrgApiView):
    """The speaker and event log, latest first; posting asks for a speaker or event."""

    required_perms = {"GET": Perm.VIEW_ORGANISATION, "POST": Perm.REQUEST_EVENTS}
    serializer_class = EventSerializer

    @extend_schema(responses=EventSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        return self.paginated(event_list(organisation=self.organisation))

    @extend_schema(request=EventRequestSerializer, responses={201: EventSerializer})
    def post(self, request: Request, org_slug: str) -> Response:
        form = EventRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            event = event_request(
                organisation=self.organisation, by=request.user, **form.validated_data
            )
        return Response(EventSerializer(event).data, status.HTTP_201_CREATED)


class EventDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION}
    serializer_class = EventSerializer

    def get(self, request: Request, org_slug: str, event_code: Any) -> Response:
        found = get_object_or_404(event_list(organisation=self.organisation), code=event_code)
        return Response(EventSerializer(found).data)
