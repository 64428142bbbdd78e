"""WeasyPrint 70 loads only data: URIs while laying out a pack; anything else is refused and the
pack still renders (a plain function as fetcher broke every render with AttributeError)."""

import base64
import logging
from io import BytesIO

import pypdf
import pytest

from reporting.pdf_fetcher import PackURLFetcher
from reporting.pdf_output import render_pdf

# A 1x1 red PNG.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408"
        "d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
).decode()

HTML = f"""<!doctype html><html><body>
<h1>Still renders</h1>
<img src="http://127.0.0.1:8149/tracker.png" alt="">
<img src="file:///etc/passwd" alt="">
<img src="media/evidence/secret.pdf" alt="">
<p style="background: url('https://example.com/x.png')">Styled</p>
<img src="data:image/png;base64,{PNG}" alt="inline" width="20" height="20">
</body></html>"""


def test_blocked_resources_are_refused_and_the_pack_still_renders(caplog):
    pytest.importorskip("weasyprint")
    with caplog.at_level(logging.WARNING, logger="reporting.pdf_fetcher"):
        pdf, pages = render_pdf(HTML)
    assert pdf.startswith(b"%PDF") and pages == 1
    reader = pypdf.PdfReader(BytesIO(pdf))
    assert "Still renders" in reader.pages[0].extract_text()
    assert len(reader.pages[0].images) == 1  # the data: image, nothing else
    refused = " ".join(r.getMessage() for r in caplog.records)
    for url in ("http://127.0.0.1:8149/tracker.png", "file:///etc/passwd", "secret.pdf"):
        assert url in refused
    assert "https://example.com/x.png" in refused


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8149/", "file:///etc/passwd", "ftp://example.com/x", "FILE:///x"]
)
def test_the_fetcher_refuses_everything_but_data(url):
    fetcher = PackURLFetcher()
    with pytest.raises(ValueError, match="do not load external resources"):
        fetcher(url)
    assert fetcher.refused == [url]


def test_the_fetcher_reads_data_uris():
    response = PackURLFetcher()(f"data:image/png;base64,{PNG}")
    assert response.read().startswith(b"\x89PNG")
