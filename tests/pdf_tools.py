"""Reading a PDF back in tests with poppler-utils: text (pdftotext), page count (pdfinfo) and
pages as PNG (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess  # nosec B404 - fixed poppler commands on a temporary file
import tempfile
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is needed: install poppler-utils (apt-get install poppler-utils).")
    return found


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        path.write_bytes(data)
        return subprocess.run([_tool("pdftotext"), "-layout", str(path), "-"], check=True,  # nosec B603
                              capture_output=True, text=True).stdout


def pdf_pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        path.write_bytes(data)
        info = subprocess.run([_tool("pdfinfo"), str(path)], check=True, capture_output=True,  # nosec B603
                              text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_png_stats(data: bytes, page: int = 1) -> tuple[float, int]:
    """(share of non-white pixels, number of distinct colours) of one page drawn at 40 dpi."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.pdf"
        path.write_bytes(data)
        subprocess.run([_tool("pdftoppm"), "-r", "40", "-f", str(page), "-l", str(page), "-png",  # nosec B603
                        str(path), str(Path(folder) / "page")], check=True, capture_output=True)
        (png,) = Path(folder).glob("page*.png")
        with Image.open(png) as image:
            rgb = image.convert("RGB")
            counts = rgb.getcolors(maxcolors=1 << 24) or []
            total = rgb.width * rgb.height
    white = sum(n for n, colour in counts if colour == (255, 255, 255))
    return (total - white) / total, len(counts)
