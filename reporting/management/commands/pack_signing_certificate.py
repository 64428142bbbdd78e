"""Which certificate signs evidence packs: its subject, issuer, validity and fingerprint, and
where it came from (the environment, or the development certificate, made here if missing).
Never the key."""

from typing import Any

from django.core.management.base import BaseCommand

from reporting.signing import common_name, credentials, fingerprint


class Command(BaseCommand):
    help = "Show the certificate that signs evidence packs (made first in development)."

    def handle(self, *args: Any, **options: Any) -> None:
        signing = credentials()
        cert = signing.certificate
        validity = cert["tbs_certificate"]["validity"]
        lines = [
            f"Signer:      {common_name(cert)}",
            f"Subject:     {cert.subject.human_friendly}",
            f"Issuer:      {cert.issuer.human_friendly}",
            f"Valid from:  {validity['not_before'].native:%Y-%m-%d %H:%M} UTC",
            f"Valid until: {validity['not_after'].native:%Y-%m-%d %H:%M} UTC",
            f"SHA-256:     {fingerprint(cert)}",
            f"From:        {signing.source}",
            f"Chain:       {len(signing.chain)} certificate(s); "
            f"{len(signing.known) - 1} earlier certificate(s) still recognised",
        ]
        self.stdout.write("\n".join(lines))
