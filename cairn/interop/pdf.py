"""HTML to PDF with headless Chromium's print-to-PDF, run by the task worker.

Chromium, not WeasyPrint: WeasyPrint needs Pango and friends from the system, which
`make run` and `make test` cannot install on a fresh machine; Chromium is already what
the browser tests use (CAIRN_CHROMIUM), and prints exactly what the browser shows.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 90


class PdfUnavailable(Exception):
    pass


def chromium() -> str | None:
    configured = getattr(settings, "CAIRN_CHROMIUM", "")
    if configured and Path(configured).exists():
        return str(configured)
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str) -> bytes:
    browser = chromium()
    if browser is None:
        raise PdfUnavailable("No Chromium on the server")
    with tempfile.TemporaryDirectory(prefix="cairn-pdf-") as folder:
        page = Path(folder) / "report.html"
        out = Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run(  # noqa: S603 - a fixed program and our own arguments
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-extensions",
                "--no-first-run",
                "--no-pdf-header-footer",
                f"--user-data-dir={folder}/profile",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
        if not out.exists():
            raise PdfUnavailable("Chromium made no PDF")
        return out.read_bytes()
