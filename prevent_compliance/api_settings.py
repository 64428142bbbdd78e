"""Settings of the REST API (the `api` app): Django REST framework and drf-spectacular."""

from .env import env_str

# The REST API (api/): organisation API keys only, JSON only (no browsable API: its pages have
# inline script), every list paginated; any DRF view refuses without a key unless it says so.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.KeyScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiKeyThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per API key (counted in the default cache, so shared by every web process).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Prevent Compliance API",
    "DESCRIPTION": (
        "Read an organisation's self-evaluations, actions, evidence metadata, subcontractors and "
        "registers; create and update actions, their progress, risks and event requests. "
        "Send an organisation API key as `Authorization: Bearer <key>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations are named and grouped by what follows /api/v1/o/<org_slug>/ ("actions_list").
    "SCHEMA_PATH_PREFIX": r"/api/v1/o/\{org_slug\}",
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "actionplans.models.ActionStatus",
        "AssessmentStatusEnum": "assessments.models.Status",
        "RiskStatusEnum": "registers.models.RiskStatus",
        "EventStatusEnum": "registers.models.EventStatus",
        "SubcontractorStatusEnum": "subcontractors.models.SubcontractorStatus",
        "RatingEnum": "registers.base.Rating",
    },
}
