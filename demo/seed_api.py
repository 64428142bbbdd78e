"""One API key per provider (its secret is thrown away: make your own on the API keys page), so
the key list has a row and a revoked one shows what revoking looks like."""

from api.models import ApiKey, KeyScope
from api.services import api_key_create, api_key_revoke
from demo.helpers import person
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

KEYS = [("Power BI dashboard", KeyScope.READ, False), ("Old MIS sync", KeyScope.READ_WRITE, True)]


def seed_api_keys() -> list[str]:
    lines = []
    for slug in ("northfield-training", "riverside-college"):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            if ApiKey.objects.exists():
                continue
            qm = person(organisation, "qm")
            for name, scope, revoked in KEYS:
                key, _secret = api_key_create(
                    organisation=organisation, name=name, scope=scope, by=qm
                )
                if revoked:
                    api_key_revoke(key=key, by=qm)
            lines.append(f"{organisation.name}: {len(KEYS)} API keys (one revoked)")
    return lines
