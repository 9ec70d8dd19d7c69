"""The translation catalogues: complete, current, compilable, and used in the reader's language.

There is one catalogue for the whole project, ``liaison/locale/<lang>/LC_MESSAGES/django.po``,
made from the repository root by ``make makemessages``. Its msgids are English, so the ``en``
catalogue's msgstrs stay empty and only ``zh_Hans`` carries translations.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from liaison.core.catalogues import compile_catalogue, compile_stale, stale_catalogues
from liaison.workflow.registry import get_workflow

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "liaison" / "locale"
ZH_PO = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
ZH_MO = ZH_PO.with_suffix(".mo")
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"

# The same directories ``make makemessages`` leaves out, besides makemessages' own defaults.
IGNORED_DIRS = {".venv", "node_modules", "var", "test-artefacts"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}  # what makemessages reads for the "django" domain

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{(\w+)\}")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')

Key = tuple[str | None, str, str | None]  # (msgctxt, msgid, msgid_plural)


# --- a small reader of .po files --------------------------------------------------------------


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def __str__(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def _unquote(text: str) -> str:
    if not (len(text) >= 2 and text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def read_po(path: Path) -> tuple[Entry, list[Entry]]:
    """The header and the entries of a .po file; obsolete (``#~``) entries are left out."""
    entries: list[Entry] = []
    current = Entry()
    part: str | None = None  # the keyword the last string line belongs to

    def finish() -> None:
        nonlocal current, part
        if part is not None:
            entries.append(current)
        current, part = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if part is not None and part.startswith("msgstr"):
                finish()
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, quoted = match.groups()
            if keyword in {"msgctxt", "msgid"} and part is not None and part.startswith("msgstr"):
                finish()
            if part is None:
                current.line = number
            part = keyword
        elif part is not None and line.startswith('"'):
            quoted = line
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
        text = _unquote(quoted)
        if part == "msgctxt":
            current.msgctxt = (current.msgctxt or "") + text
        elif part == "msgid":
            current.msgid += text
        elif part == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + text
        else:
            index = 0 if part == "msgstr" else int(part[len("msgstr[") : -1])
            current.msgstr[index] = current.msgstr.get(index, "") + text
    finish()
    headers = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    if len(headers) != 1:
        raise ValueError(f"{path}: expected one header entry, found {len(headers)}")
    return headers[0], [e for e in entries if e is not headers[0]]


def header_fields(header: Entry) -> dict[str, str]:
    pairs = (line.split(":", 1) for line in header.msgstr.get(0, "").splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def describe(keys: set[Key]) -> str:
    return "\n".join(
        f"  {'[' + c + '] ' if c else ''}{m!r}{' / ' + repr(p) if p else ''}"
        for c, m, p in sorted(keys, key=lambda k: (k[1], k[0] or "", k[2] or ""))
    )


# --- the Chinese catalogue is complete and well formed ----------------------------------------


def test_the_chinese_header_names_the_language_charset_and_plural_rule() -> None:
    header, _ = read_po(ZH_PO)
    fields = header_fields(header)
    assert "fuzzy" not in header.flags
    assert fields["Language"] == "zh_Hans"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"


def test_every_msgid_has_a_chinese_translation_that_is_not_fuzzy() -> None:
    _, entries = read_po(ZH_PO)
    assert entries, "the Chinese catalogue is empty"
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries (check them, then remove the flag):\n" + "\n".join(fuzzy)
    untranslated = [str(e) for e in entries if not e.msgstr or not all(e.msgstr.values())]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    one_form = [str(e) for e in entries if e.msgid_plural is not None and set(e.msgstr) != {0}]
    assert not one_form, "Chinese has one plural form, msgstr[0] only:\n" + "\n".join(one_form)


def test_every_translation_keeps_the_placeholders_of_its_msgid() -> None:
    _, entries = read_po(ZH_PO)
    wrong = []
    for entry in entries:
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for index, text in entry.msgstr.items():
            found = placeholders(text)
            if found != expected:
                wrong.append(f"{entry} msgstr[{index}] has {sorted(found)}, not {sorted(expected)}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
@pytest.mark.parametrize("po", [ZH_PO, EN_PO], ids=["zh_Hans", "en"])
def test_msgfmt_accepts_the_catalogue(po: Path) -> None:
    checked = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
def test_the_catalogue_compiles_to_every_translation(tmp_path: Path) -> None:
    """The .mo files are build output (``make messages``), not committed: what msgfmt makes of
    the .po, compiled here into a temporary folder, must give every entry its translation."""
    _, entries = read_po(ZH_PO)
    mo_path = tmp_path / "django.mo"
    compile_catalogue(ZH_PO, mo_path)
    with mo_path.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    lost = []
    for entry in entries:
        if entry.msgid_plural is not None:
            got = (
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt is not None
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
            )
        elif entry.msgctxt is not None:
            got = compiled.pgettext(entry.msgctxt, entry.msgid)
        else:
            got = compiled.gettext(entry.msgid)
        if got != entry.msgstr[0]:
            lost.append(str(entry))
    assert not lost, "msgfmt dropped or changed these translations:\n" + "\n".join(lost)


def test_compiled_catalogues_are_not_committed_and_stale_ones_are_recompiled(
    tmp_path: Path,
) -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(ZH_MO.relative_to(ROOT))], cwd=ROOT, check=False
    )
    if ignored.returncode == 128:
        pytest.skip("not a git checkout")
    assert ignored.returncode == 0, "django.mo must be ignored by git (.gitignore: *.mo)"
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy2(ZH_PO, po)
    assert compile_stale(tmp_path) == [po] and po.with_suffix(".mo").exists()
    assert compile_stale(tmp_path) == []
    later = po.with_suffix(".mo").stat().st_mtime + 10
    os.utime(po, (later, later))  # a rebase brought a newer catalogue
    assert stale_catalogues(tmp_path) == [po]


def test_there_is_one_catalogue_for_the_whole_project() -> None:
    per_app = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "liaison").glob("*/locale"))
    assert not per_app, f"merge these into liaison/locale, then delete them: {per_app}"
    assert [Path(p) for p in settings.LOCALE_PATHS] == [LOCALE]


def test_the_english_catalogue_has_the_same_msgids() -> None:
    _, chinese = read_po(ZH_PO)
    header, english = read_po(EN_PO)
    assert header_fields(header)["Language"] == "en"
    zh_keys, en_keys = {e.key for e in chinese}, {e.key for e in english}
    only_zh, only_en = describe(zh_keys - en_keys), describe(en_keys - zh_keys)
    assert zh_keys == en_keys, f"only in zh_Hans:\n{only_zh}\nonly in en:\n{only_en}"


# --- the catalogue is current: nothing in the code is missing from it ------------------------


def _copy_sources(target: Path) -> None:
    """Copy what makemessages reads (.py, .html, .txt) into ``target``, without any catalogue.

    makemessages writes temporary files beside templates and rewrites catalogues in place, so it
    runs on this copy: the tracked files are never touched and parallel test runs do not meet.
    """
    for directory, subdirs, files in os.walk(ROOT):
        subdirs[:] = [
            d
            for d in subdirs
            if d not in IGNORED_DIRS and d != "locale" and d != "__pycache__" and d[0] != "."
        ]
        relative = Path(directory).relative_to(ROOT)
        for name in files:
            if Path(name).suffix in SOURCE_SUFFIXES and name[0] != "." and name[-1] != "~":
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(directory) / name, target / relative / name)


def test_the_catalogue_has_every_msgid_in_the_code_and_no_other(tmp_path: Path) -> None:
    needed = ("xgettext", "msguniq", "msgmerge", "msgattrib")
    absent = [tool for tool in needed if shutil.which(tool) is None]
    if absent:
        pytest.skip(f"GNU gettext is not installed ({', '.join(absent)} missing)")
    sources, shim = tmp_path / "src", tmp_path / "shim"
    _copy_sources(sources)
    locale = sources / "liaison" / "locale"
    locale.mkdir(parents=True)
    shim.mkdir()
    # The project's settings with the catalogue directory moved into the copy. The code itself is
    # imported from the repository (-P keeps the copy, the working directory, off sys.path).
    (shim / "l10n_check_settings.py").write_text(
        f"from liaison.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(locale)!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "l10n_check_settings",
        "PYTHONPATH": os.pathsep.join([str(shim), str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "LIAISON_VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "-P", "-m", "django", "makemessages", "-l", "zh_Hans"]
    command += ["--no-obsolete", "-v", "0", *(f"--ignore={d}" for d in sorted(IGNORED_DIRS))]
    made = subprocess.run(command, cwd=sources, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    fresh = locale / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert fresh.exists(), f"makemessages wrote no catalogue: {made.stdout}{made.stderr}"

    in_code = {e.key for e in read_po(fresh)[1]}
    in_catalogue = {e.key for e in read_po(ZH_PO)[1]}
    missing, stale = in_code - in_catalogue, in_catalogue - in_code
    assert not missing, (
        "strings in the code that the catalogue lacks; run `make makemessages` and translate "
        f"them in liaison/locale/zh_Hans/LC_MESSAGES/django.po:\n{describe(missing)}"
    )
    assert not stale, (
        f"msgids no longer in the code; run `make makemessages` to drop them:\n{describe(stale)}"
    )


# --- the reader's language is used -----------------------------------------------------------

NOTICE_STATES = {
    "zh-hans": {"草稿", "已发送", "已确认收到", "已答复", "已撤回"},
    "en": {"draft", "sent", "acknowledged", "answered", "withdrawn"},
}


@pytest.mark.parametrize(
    ("language", "notice", "my_work", "case_number"),
    [
        ("zh-hans", "信息通报", "我的待办", "案号"),
        ("en", "information notice", "My work", "Case number"),
    ],
)
def test_key_strings_come_out_in_the_active_language(
    language: str, notice: str, my_work: str, case_number: str
) -> None:
    with translation.override(language):
        assert translation.gettext("information notice") == notice
        assert translation.gettext("My work") == my_work
        assert translation.gettext("Case number") == case_number
        workflow = get_workflow("notices.notice")
        assert {str(label) for label in workflow.states.values()} == NOTICE_STATES[language]
        assert str(workflow.label) == notice


def test_plurals_and_placeholders_work_in_chinese() -> None:
    singular, plural = "%(days)s day left", "%(days)s days left"
    with translation.override("zh-hans"):
        assert translation.ngettext(singular, plural, 1) % {"days": 1} == "剩余 1 天"
        assert translation.ngettext(singular, plural, 5) % {"days": 5} == "剩余 5 天"
    with translation.override("en"):
        assert translation.ngettext(singular, plural, 5) % {"days": 5} == "5 days left"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "lang", "shown", "not_shown"),
    [
        ("en", "en", ["Log in", "Forgotten your password?"], ["登录", "忘记密码"]),
        ("zh-CN", "zh-hans", ["登录", "忘记密码？"], ["Log in", "Forgotten your password?"]),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-hans", ["登录"], ["Log in"]),
        ("en-GB,en;q=0.9", "en", ["Log in"], ["登录"]),
    ],
)
def test_the_login_page_follows_the_browser_language(
    client: Client, accept_language: str, lang: str, shown: list[str], not_shown: list[str]
) -> None:
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for text in shown:
        assert text in html
    for text in not_shown:
        assert text not in html


# --- the tests' own language (the root conftest) ---------------------------------------------


def test_each_test_starts_in_the_default_language() -> None:
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.django_db
def test_a_page_request_leaves_the_tests_language_as_it_was(client: Client) -> None:
    with translation.override("en"):
        response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN")
        assert "登录" in response.content.decode()
        assert translation.get_language() == "en"
        assert translation.gettext("Decline") == "Decline"
