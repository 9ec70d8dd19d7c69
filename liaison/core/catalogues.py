"""The compiled translation catalogues (``django.mo``) are build output, not committed: ``make
messages`` compiles them every time, and a bare ``pytest`` run compiles those that are missing
or older than their ``django.po`` (after a rebase brought a new catalogue, say) with this."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class MsgfmtMissing(RuntimeError):
    pass


def stale_catalogues(locale_dir: Path) -> list[Path]:
    """The ``.po`` files under ``locale_dir`` whose ``.mo`` is missing or older."""
    stale = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def compile_catalogue(po: Path, mo: Path) -> None:
    """Compile ``po`` into ``mo`` with GNU gettext's msgfmt, as ``compilemessages`` does."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise MsgfmtMissing(
            "msgfmt (GNU gettext) is needed to compile the translations: run `make messages`, "
            "which installs Debian's gettext"
        )
    subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)


def compile_stale(locale_dir: Path) -> list[Path]:
    """Compile every stale catalogue under ``locale_dir``; return the ``.po`` files compiled."""
    stale = stale_catalogues(locale_dir)
    for po in stale:
        compile_catalogue(po, po.with_suffix(".mo"))
    return stale
