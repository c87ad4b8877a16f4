"""Text recognition (OCR) of scans, in Vietnamese, with Debian's Tesseract.

The scans are read by the ``tesseract`` command line (packages tesseract-ocr
and tesseract-ocr-vie); the pages of a PDF without a text layer are first
rasterised by ``pdftoppm`` (poppler-utils). This is the simplest robust way
for what search needs, the text only: no Python dependency (ocrmypdf would
bring pikepdf, img2pdf and Ghostscript to build a new PDF with a text layer,
which nobody reads here), each page is a separate process that a timeout
bounds and whose failure names its cause, and the original file is never
rewritten. Tesseract runs on one thread at the lowest priority (nice), so
that a scheduled OCR takes only the CPU time the users leave.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LANGUAGE = "vie"
# Resolution of the rasterised PDF pages: what Tesseract reads best.
DPI = 300
# The longest side of a rasterised page, in pixels (A4 at 300 DPI): a page
# declared metres wide (a PDF bomb) is scaled down to it, not rendered whole.
PAGE_PIXELS = 3508
# Memory one OCR process may take (bytes): a bomb fails instead of taking the server's.
MEMORY_LIMIT = 1024 * 1024 * 1024
# Seconds one page may take (a dense A4 page takes a few).
PAGE_TIMEOUT = 180
# Pages read of one PDF: a scan longer than that is read up to there.
MAX_PAGES = 100
# Seconds the rasterisation of one PDF may take.
RASTER_TIMEOUT = 600
IMAGE_TYPES = ("image/png", "image/jpeg", "image/tiff")
PDF_TYPE = "application/pdf"


class OcrError(Exception):
    """A file could not be read: the message says why."""


def missing_tools():
    """Why OCR cannot run on this server (a sentence), or ``None`` when it can."""
    tesseract = shutil.which("tesseract")
    if not tesseract:
        return "the tesseract command is not installed (Debian packages tesseract-ocr, tesseract-ocr-vie)"
    if not shutil.which("prlimit"):
        return "the prlimit command is not installed (Debian package util-linux)"
    try:
        languages = _run([tesseract, "--list-langs"], timeout=60).decode(errors="replace").split()
    except OcrError as error:
        return str(error)
    if LANGUAGE not in languages:
        return "Tesseract has no Vietnamese data (Debian package tesseract-ocr-vie)"
    if not shutil.which("pdftoppm"):
        return "the pdftoppm command is not installed (Debian package poppler-utils)"
    return None


def recognise(data, mimetype):
    """The text of a scanned image or of a PDF without a text layer."""
    if mimetype in IMAGE_TYPES:
        return _image_text(data)
    if mimetype == PDF_TYPE:
        return _pdf_text(data)
    raise OcrError(f"no text recognition for files of type {mimetype}")


def _image_text(data, dpi=None):
    command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE]
    if dpi:
        command += ["--dpi", str(dpi)]
    return _run(command, data=data).decode("utf-8", errors="replace").replace("\x00", "").strip()


def _pdf_text(data):
    with tempfile.TemporaryDirectory(prefix="moffice-ocr-") as folder:
        source = Path(folder, "scan.pdf")
        source.write_bytes(data)
        _run(
            [
                "pdftoppm",
                "-scale-to",
                str(PAGE_PIXELS),
                "-gray",
                "-png",
                "-l",
                str(MAX_PAGES),
                str(source),
                str(Path(folder, "page")),
            ],
            timeout=RASTER_TIMEOUT,
        )
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
        if not pages:
            raise OcrError("the PDF has no page")
        return "\n\f".join(_image_text(page.read_bytes(), dpi=DPI) for page in pages)


def _run(command, data=None, timeout=PAGE_TIMEOUT):
    """Run ``command`` (one thread, lowest priority, bounded memory), return its output or raise OcrError."""
    name = Path(command[0]).name
    try:
        process = subprocess.run(
            ["nice", "-n", "19", "prlimit", f"--as={MEMORY_LIMIT}", *command],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired as error:
        raise OcrError(f"{name} took more than {timeout} s") from error
    except OSError as error:
        raise OcrError(f"{name} could not run: {error}") from error
    if process.returncode:
        message = process.stderr.decode(errors="replace").strip().splitlines()
        raise OcrError(f"{name} failed: {message[-1] if message else process.returncode}")
    return process.stdout
