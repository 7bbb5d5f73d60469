"""The Khmer gate: every string the code marks for translation has a Khmer translation, none of them fuzzy.

The extraction runs on a copy of the source tree, so the real catalogue is never touched; the strings of
allauth and Django that the portal shows live in the upstream catalogue beside it and are checked too.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "locale" / "km" / "LC_MESSAGES" / "django.po"
UPSTREAM = BASE / "locale" / "upstream" / "km" / "LC_MESSAGES" / "django.po"
SKIP = shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "test-artifacts", "__pycache__", "*.mo")

pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext")


def entries(po_text: str) -> list[str]:
    """The msgids (with their context) of a catalogue's entries, header left out."""
    found = []
    for block in po_text.split("\n\n"):
        context = re.search(r'^msgctxt "(.*)"$', block, flags=re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, flags=re.M)
        if not msgid:
            continue
        text = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        if text:
            found.append(f"{context.group(1)}\x04{text}" if context else text)
    return found


def untranslated_and_fuzzy(path: Path) -> list[str]:
    out = []
    for flag in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(path)], capture_output=True, text=True, check=True
        )
        out += entries(result.stdout)
    return out


def test_every_marked_string_has_a_khmer_translation(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(BASE, tree, ignore=SKIP)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "km",
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=var",
            "--ignore=.venv",
            "-v0",
        ],
        cwd=tree,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "network.settings.base", "PYTHONPATH": str(tree)},
    )
    missing = untranslated_and_fuzzy(tree / "locale" / "km" / "LC_MESSAGES" / "django.po")
    assert missing == [], f"{len(missing)} strings lack a Khmer translation (run make messages): {missing[:40]}"


def test_catalogues_are_complete_as_committed():
    for path in (CATALOGUE, UPSTREAM):
        assert untranslated_and_fuzzy(path) == [], path


def test_compiled_catalogue_is_in_step_with_the_source():
    """The .mo next to each .po holds the same translations, so what is committed is what is shown."""
    for path in (CATALOGUE, UPSTREAM):
        compiled = path.with_suffix(".mo")
        assert compiled.exists(), compiled
        assert _same_messages(path, compiled), f"{compiled} is stale: run make messages"


def _same_messages(po: Path, mo: Path) -> bool:
    result = subprocess.run(["msgunfmt", "--no-wrap", str(mo)], capture_output=True, text=True, check=True)
    return sorted(entries(result.stdout)) == sorted(entries(po.read_text(encoding="utf-8")))
