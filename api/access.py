"""The API's access path: the same rules as `tenancy.access.org_view`, for an API key.

Every endpoint is an `OrgApiView` under /api/v1/o/<org_slug>/. A request

1. is authenticated by its key (`Authorization: Bearer pck_...`): no key, an unknown or revoked
   key, or a key whose creator is no longer a quality manager is answered 401;
2. names an organisation: a key of any other organisation gets 404, as a non-member does on the
   pages (a key never learns whether another organisation's objects exist);
3. needs a permission from the role table for its method (`required_perms`), which the key's
   scope must hold (`tenancy.roles.API_KEY_SCOPES`), or 403;
4. is throttled per key (`api.throttling`), 429 past the rate;
5. runs inside `tenant_scope(organisation)`, so `Model.objects` is the organisation's and objects
   are found by code through it (another organisation's code is a 404).
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings

from api.authentication import ApiKeyAuthentication, KeyScopePermission
from api.pagination import ApiPagination
from api.throttling import ApiKeyThrottle
from core.access import API
from tenancy.access import OrgAccess
from tenancy.models import Organisation
from tenancy.roles import Perm
from tenancy.scope import tenant_scope


class OrgApiView(GenericAPIView):
    """Base of every API endpoint: `required_perms` maps each method to its permission."""

    required_perms: ClassVar[dict[str, Perm]] = {}
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [KeyScopePermission]
    throttle_classes = [ApiKeyThrottle]
    pagination_class = ApiPagination
    access: OrgAccess
    _scope: ExitStack

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        cls.http_method_names = [m.lower() for m in cls.required_perms] + (
            ["head"] if "GET" in cls.required_perms else []
        )
        view: Any = super().as_view(**initkwargs)
        view.access_kind = API
        view.allowed_methods = frozenset(cls.required_perms) | (
            {"HEAD"} if "GET" in cls.required_perms else set()
        )
        view.required_perms = dict(cls.required_perms)
        return view

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with ExitStack() as self._scope:
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # 401, 404, 403 and 429, in that order
        self._scope.enter_context(tenant_scope(self.organisation))

    @property
    def organisation(self) -> Organisation:
        return self.access.organisation

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if hasattr(self, "access"):  # not while the schema is generated
            context["organisation"] = self.organisation
        return context

    def paginated(self, queryset: Any, serializer_class: Any = None) -> Response:
        """One page of `queryset` (every list is paginated), with the links to the others."""
        page = self.paginate_queryset(queryset)
        serializer = (serializer_class or self.get_serializer_class())(
            page, many=True, context=self.get_serializer_context()
        )
        return self.get_paginated_response(serializer.data)


@contextmanager
def service_errors() -> Iterator[None]:
    """A service's `ValidationError` becomes a 400 with each message beside its field."""
    try:
        yield
    except DjangoValidationError as error:
        detail = as_serializer_error(error)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        raise exceptions.ValidationError(detail) from error
