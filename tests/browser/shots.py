"""Screenshots for a person to look at (they are never compared): taken only when SCREENSHOT_DIR
names a folder, at desktop and phone width, e.g.

    SCREENSHOT_DIR=/tmp/shots make test

Without it a browser test takes none and changes no viewport, so it runs the same either way.
"""

import os
from pathlib import Path

DESKTOP, PHONE = 1280, 390
WIDTHS = (DESKTOP, PHONE)
HEIGHT = 900


def shots_folder() -> Path | None:
    """Where screenshots go, made if need be; None when none are wanted."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def shoot(page, name: str, *, part=None, full_page: bool = True, widths=WIDTHS) -> None:
    """`name`-<width>.png of the page (or of one `part` of it, a locator) at each width; the
    viewport is put back as it was."""
    folder = shots_folder()
    if folder is None:
        return
    before = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        path = str(folder / f"{name}-{width}.png")
        if part is not None:
            part.screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=full_page)
    if before:
        page.set_viewport_size(before)


def keep_file(name: str, content: bytes) -> None:
    """A file (a downloaded PDF, say) kept beside the screenshots for a person to look at."""
    folder = shots_folder()
    if folder is not None:
        (folder / name).write_bytes(content)
