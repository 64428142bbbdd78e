"""The share link's "check a copy" page: what an inspector is told about a PDF they upload.

The answer leads with yes or no in plain words, then the facts it rests on (who signed it and
when, the provider, the self-evaluation and its snapshot's SHA-256 set beside the approved
one) and, on a no, what to do next. A file that cannot be checked (not a PDF, too big, damaged)
is a form error beside the field, with status 400.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.links import protect_secret_response
from reporting import copy_check
from reporting.copy_check import CopyCheck
from reporting.forms import CopyCheckForm
from reporting.models import PackShareLink
from reporting.signing import credentials, fingerprint

CHECKS_PER_HOUR = 30
AGAIN = "Open the link again for a fresh copy, or ask {provider} to send you a new link."


@dataclass
class Verdict:
    confirmed: bool
    heading: str
    explanation: str
    check: CopyCheck
    facts: list["Fact"] = field(default_factory=list)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""
    is_hash: bool = False


def _snapshot_fact(check: CopyCheck, link: PackShareLink) -> Fact:
    assessment = link.pack.assessment
    carried = check.snapshot_sha256
    if not carried:
        return Fact(
            "Snapshot", "None: a draft pack, printed before the self-evaluation was approved"
        )
    if carried == assessment.snapshot_sha256:
        approved = assessment.approved_at
        when = f" on {timezone.localtime(approved):%-d %B %Y}" if approved else ""
        note = f"The same as the snapshot recorded when the self-evaluation was approved{when}."
        return Fact("Snapshot SHA-256", carried, note, is_hash=True)
    note = "Not the self-evaluation's approved snapshot."
    return Fact("Snapshot SHA-256", carried, note, is_hash=True)


def _confirmed(check: CopyCheck, link: PackShareLink) -> Verdict:
    pack, provider = link.pack, link.pack.organisation.name
    if check.pack_code != str(pack.code):
        return Verdict(
            False,
            "Signed by this platform, but not the pack this link shares",
            "The copy is unchanged since it was signed, but it is another evidence pack. "
            + AGAIN.format(provider=provider),
            check,
        )
    snapshot = _snapshot_fact(check, link)
    matches = not check.snapshot_sha256 or check.snapshot_sha256 == pack.assessment.snapshot_sha256
    signed = timezone.localtime(check.signed_at) if check.signed_at else None
    facts = [
        Fact("Signed by", check.signer, "This platform's certificate."),
        Fact("Signed on", f"{signed:%-d %B %Y, %H:%M}" if signed else "Not recorded"),
        Fact("Provider", provider),
        Fact("Self-evaluation", pack.assessment.title),
        Fact("Pack generated", f"{timezone.localtime(pack.generated_at):%-d %B %Y, %H:%M}"),
        snapshot,
    ]
    return Verdict(
        matches,
        "Yes: this is the pack shared with you, unchanged since it was signed"
        if matches
        else "Signed and unchanged, but its snapshot is not the approved one",
        "It was signed by this platform and no byte of it has changed since.",
        check,
        facts,
    )


def verdict(check: CopyCheck, link: PackShareLink) -> Verdict:
    """What the page says about `check`, for the pack behind `link`."""
    provider = link.pack.organisation.name
    again = AGAIN.format(provider=provider)
    if check.outcome == copy_check.CONFIRMED:
        return _confirmed(check, link)
    if check.outcome == copy_check.ALTERED:
        return Verdict(
            False,
            "No: this copy was changed after it was signed",
            f"Its signature no longer matches its contents, so do not rely on it. {again}",
            check,
        )
    if check.outcome == copy_check.ADDED_TO:
        return Verdict(
            False,
            "No: something was added to this copy after it was signed",
            "The signed part is intact, but the file is not the one sent: it was saved again "
            "with additions, such as notes or highlights from a PDF viewer, or another "
            f"signature. {again}",
            check,
        )
    if check.outcome == copy_check.NOT_OURS:
        by = f" It is signed by {check.signer}." if check.signer else ""
        return Verdict(
            False, "No: this PDF was not signed by this platform", f"{by} {again}".strip(), check
        )
    if check.outcome == copy_check.UNRECOGNISED:
        return Verdict(False, "No: this PDF is not an evidence pack", again, check)
    return Verdict(
        False,
        "No: this PDF has no signature",
        "Every copy of an evidence pack this platform sends is signed, so this is not one of "
        f"them (copies downloaded before packs were signed carry none). {again}",
        check,
    )


def _hourly_limit_refusal(link: PackShareLink) -> str:
    """Each check reads and verifies a PDF of up to the upload limit: a link may run
    `CHECKS_PER_HOUR` of them in a clock hour. The refusal to show, or ""."""
    now = timezone.localtime()
    key = f"reporting:copy-check:{link.pk}:{now:%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        checks = cache.incr(key)
    except ValueError:  # the hour's count expired in between
        cache.set(key, 1, timeout=3600)
        checks = 1
    if checks <= CHECKS_PER_HOUR:
        return ""
    again = (now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)).strftime("%H:%M")
    return (
        f"This link has already checked {CHECKS_PER_HOUR} copies this hour. "
        f"Try again after {again}."
    )


def copy_check_page(request: HttpRequest, link: PackShareLink, token: str) -> HttpResponse:
    form = CopyCheckForm()
    status = 200
    answer = None
    if request.method == "POST":
        refusal = _hourly_limit_refusal(link)
        form = CopyCheckForm(request.POST, request.FILES, refusal=refusal)
        if form.is_valid() and form.result is not None:
            answer = verdict(form.result, link)
        else:
            status = 429 if refusal else 400
    signing = credentials()
    context = {
        "link": link,
        "token": token,
        "provider": link.pack.organisation.name,
        "form": form,
        "verdict": answer,
        "signer": signing.subject,
        "signer_fingerprint": fingerprint(signing.certificate),
    }
    response = render(request, "reporting/share_check.html", context, status=status)
    return protect_secret_response(response, referrer_policy="strict-origin")
