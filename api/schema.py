"""The OpenAPI schema (drf-spectacular) and its Swagger UI page, served from our own static files
(drf-spectacular-sidecar) with no inline script or style, so the site's strict CSP holds."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.access import public_view


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API key (pck_…), made by a quality manager on "
            "the organisation's API keys page: Authorization: Bearer <key>.",
        }


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI; its start-up script comes from this same address with `?script`."""

    template_name = "api/swagger_ui.html"


schema_view = public_view(SpectacularAPIView.as_view())
docs_view = public_view(DocsView.as_view(url_name="api:schema"))
