"""Downloads offered by the site: the handbook files and the whole site as a ZIP.

Frontline workers often have weak connections; the ZIP opens from file:// (Material's
offline plugin) with search working. Entries are sorted and dated from the sources'
commit, so two builds of one commit give the same archive.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from ..render import BuildInfo

FOLDER = "download"
ARCHIVE = "guideline-offline.zip"
_COMPRESSED = {".pdf", ".docx", ".epub", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2"}
HANDBOOK_FILES = ("handbook.pdf", "handbook.docx", "handbook.epub")


def add_downloads(site: Path, info: BuildInfo, handbook: Path | None) -> None:
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    if handbook is not None:
        for name in HANDBOOK_FILES:
            shutil.copyfile(handbook / name, folder / name)
    year, month, day = (int(x) for x in info.date.split("-"))
    stamp = (max(year, 1980), month, day, 0, 0, 0)  # ZIP cannot date anything before 1980
    # Source maps help only developers and would double the archive.
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.name != ARCHIVE and p.suffix != ".map")
    with zipfile.ZipFile(folder / ARCHIVE, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            entry = zipfile.ZipInfo("guideline/" + f.relative_to(site).as_posix(), date_time=stamp)
            # Compressed formats (the handbook files are themselves ZIPs or compressed PDF streams,
            # fonts and pictures too) gain nothing from deflating again: stored, they cost no CPU.
            entry.compress_type = zipfile.ZIP_STORED if f.suffix.lower() in _COMPRESSED else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, f.read_bytes())
