"""Actions and their progress: read with VIEW_ORGANISATION, written through actionplans'
services (the same checks as the pages)."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from actionplans.models import Action
from actionplans.selectors import action_detail_queryset, action_list, action_updates
from actionplans.services import Progress, action_create, action_record_progress, action_update
from api.access import OrgApiView, service_errors
from api.serializers import (
    ActionSerializer,
    ActionWriteSerializer,
    ProgressSerializer,
    ProgressWriteSerializer,
)
from tenancy.roles import Perm


def _action(code: Any) -> Action:
    return get_object_or_404(action_detail_queryset(), code=code)


class ActionListView(OrgApiView):
    """The action plan, soonest due first; `?status=open` (or a status) filters it."""

    required_perms = {"GET": Perm.VIEW_ORGANISATION, "POST": Perm.MANAGE_COMPLIANCE_WORK}
    serializer_class = ActionSerializer

    @extend_schema(responses=ActionSerializer(many=True))
    def get(self, request: Request, org_slug: str) -> Response:
        actions = action_list(
            organisation=self.organisation, status=request.query_params.get("status", "")
        )
        return self.paginated(actions)

    @extend_schema(request=ActionWriteSerializer, responses={201: ActionSerializer})
    def post(self, request: Request, org_slug: str) -> Response:
        form = ActionWriteSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        with service_errors():
            action = action_create(
                organisation=self.organisation, by=request.user, **form.validated_data
            )
        return Response(ActionSerializer(_action(action.code)).data, status.HTTP_201_CREATED)


class ActionDetailView(OrgApiView):
    required_perms = {"GET": Perm.VIEW_ORGANISATION, "PATCH": Perm.MANAGE_COMPLIANCE_WORK}
    serializer_class = ActionSerializer

    def get(self, request: Request, org_slug: str, action_code: Any) -> Response:
        return Response(ActionSerializer(_action(action_code)).data)

    @extend_schema(request=ActionWriteSerializer(partial=True), responses=ActionSerializer)
    def patch(self, request: Request, org_slug: str, action_code: Any) -> Response:
        action = _action(action_code)
        form = ActionWriteSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        form.is_valid(raise_exception=True)
        with service_errors():
            action_update(action=action, by=request.user, **form.validated_data)
        return Response(ActionSerializer(_action(action_code)).data)


class ProgressListView(OrgApiView):
    """An action's progress updates, oldest first; posting one moves the action's status."""

    required_perms = {"GET": Perm.VIEW_ORGANISATION, "POST": Perm.UPDATE_ASSIGNED_WORK}
    serializer_class = ProgressSerializer

    @extend_schema(responses=ProgressSerializer(many=True))
    def get(self, request: Request, org_slug: str, action_code: Any) -> Response:
        return self.paginated(action_updates(action=_action(action_code)))

    @extend_schema(request=ProgressWriteSerializer, responses={201: ProgressSerializer})
    def post(self, request: Request, org_slug: str, action_code: Any) -> Response:
        action = _action(action_code)
        form = ProgressWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            update = action_record_progress(
                action=action, by=request.user, progress=Progress(**form.validated_data)
            )
        return Response(ProgressSerializer(update).data, status.HTTP_201_CREATED)
