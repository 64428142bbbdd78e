"""Who a copy of a pack is for, printed at the foot of every page when it is served.

A pack is rendered once (its SHA-256 is recorded); each copy that leaves the product (a
download by staff, a share link, a recipient-bound link) carries one extra line at the foot of
every page saying who it was shared with. Stamping the stored PDF rather than rendering it again
per recipient keeps the content identical to the original (a draft pack re-rendered later would
print later data) and takes a fraction of a second instead of the render's seconds (figures in
/work/notes and docs/data-protection.md).

The line is drawn by WeasyPrint on a blank A4 page and laid over each page with pikepdf, marked
as a pagination artifact so it stays out of the tagged structure (as running headers do).
"""

from io import BytesIO

from django.utils.html import escape

NOT_SHARED = "Not shared: a copy downloaded by the provider"

_OVERLAY = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #1b2733; }}
p {{ position: absolute; left: 16mm; right: 16mm; bottom: 4.5mm; margin: 0; font-weight: bold; }}
</style></head><body><p>{line}</p></body></html>"""


def shared_with_line(
    *, recipient_name: str = "", recipient_email: str = "", label: str = ""
) -> str:
    """The footer line: the bound recipient, else the share's label, else "not shared"."""
    if recipient_name or recipient_email:
        who = recipient_name or recipient_email
        if recipient_name and recipient_email:
            who = f"{recipient_name} <{recipient_email}>"
        return f"Shared with {who}"
    if label:
        return f"Shared by link, for {label}"
    return NOT_SHARED


def _overlay(line: str) -> bytes:
    from weasyprint import HTML  # imported here: needs the system's Pango

    from reporting.pdf_output import data_only_fetcher

    html = _OVERLAY.format(line=escape(line))
    return HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf()


def stamp_pdf(pdf: bytes, line: str) -> bytes:
    """`pdf` with `line` at the foot of every page; metadata and structure tree kept."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document, pikepdf.open(BytesIO(_overlay(line))) as over:
        source = pikepdf.Page(over.pages[0])
        # The overlay becomes one Form XObject shared by every page, drawn as an artifact.
        source.contents_add(pikepdf.Stream(over, b"/Artifact BMC\n"), prepend=True)
        source.contents_add(pikepdf.Stream(over, b"\nEMC\n"))
        for page in document.pages:
            pikepdf.Page(page).add_overlay(source)
        out = BytesIO()
        document.save(out)
    return out.getvalue()
