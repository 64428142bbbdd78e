"""Who a copy of a pack is for, printed at the foot of every page when it is served.

A pack is rendered once (its SHA-256 is recorded); each copy that leaves the product (a
download by staff, a share link, a recipient-bound link) carries one extra line at the foot of
every page saying who it was shared with. Stamping the stored PDF rather than rendering it again
per recipient keeps the content identical to the original (a draft pack re-rendered later would
print later data) and takes a fraction of a second instead of the render's seconds (figures in
/work/notes and docs/data-protection.md).

The line is drawn by WeasyPrint on a blank A4 page and laid over each page with pypdf, marked
as a pagination artifact so it stays out of the tagged structure (as running headers do).
"""

from io import BytesIO
from typing import cast

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

NOT_SHARED = gettext_noop("Not shared: a copy downloaded by the provider")

_OVERLAY = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #1b2733; }}
p {{ position: absolute; left: 16mm; right: 16mm; bottom: 4.5mm; margin: 0; font-weight: bold; }}
</style></head><body><p>{line}</p></body></html>"""


def shared_with_line(
    *,
    recipient_name: str = "",
    recipient_email: str = "",
    label: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> str:
    """The footer line, in the pack's `language`: the bound recipient, else the share's label,
    else "not shared"."""
    with translation.override(language):
        if recipient_name or recipient_email:
            who = recipient_name or recipient_email
            if recipient_name and recipient_email:
                who = f"{recipient_name} <{recipient_email}>"
            return _("Shared with %(who)s") % {"who": who}
        if label:
            return _("Shared by link, for %(label)s") % {"label": label}
        return _(NOT_SHARED)


def _overlay(line: str) -> bytes:
    from weasyprint import HTML  # imported here: needs the system's Pango

    from reporting.pdf_output import data_only_fetcher

    html = _OVERLAY.format(line=escape(line))
    return HTML(string=html, url_fetcher=data_only_fetcher()).write_pdf()


def _form_xobject(writer, overlay_pdf: bytes):
    """The overlay page as one Form XObject, drawn as a pagination artifact (kept out of the
    tagged structure, as running headers are)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    page = PdfReader(BytesIO(overlay_pdf)).pages[0]
    drawn = page.get_contents()
    assert drawn is not None, "WeasyPrint drew nothing"
    form = DecodedStreamObject()
    form.set_data(
        b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + drawn.get_data() + b"\nEMC\n"
    )
    box = [FloatObject(v) for v in page.mediabox]
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(box),
            # cloned into the writer: fonts and all
            NameObject("/Resources"): page["/Resources"].clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())


def stamp_pdf(pdf: bytes, line: str) -> bytes:
    """`pdf` with `line` at the foot of every page. Written as an incremental update: the
    original bytes are kept as they are (metadata, structure tree, PDF/A identification) and
    only the pages' new resources and a one-line content stream are appended."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(BytesIO(pdf), incremental=True)
    form = _form_xobject(writer, _overlay(line))
    save, restore = DecodedStreamObject(), DecodedStreamObject()
    save.set_data(b"q\n")
    # restore whatever state the page's own content left, then draw the line on top
    restore.set_data(b"\nQ q /ShareStamp Do Q\n")
    save_ref, restore_ref = writer._add_object(save), writer._add_object(restore)
    for page in writer.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        xobjects = cast(DictionaryObject, resources["/XObject"].get_object())
        xobjects[NameObject("/ShareStamp")] = form
        contents = page.raw_get("/Contents")  # the reference: a stream is never inline
        existing = contents.get_object()
        parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([save_ref, *parts, restore_ref])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
