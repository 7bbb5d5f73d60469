"""What every browser test runs on the pages it visits: axe-core, the W3C Nu HTML checker, and no skipped
heading level (axe-core's heading-order is a best practice outside the WCAG tags it runs here).

axe-core is vendored beside this file (npm `axe-core`, pinned: the version is in the file name).
The Nu checker (npm `vnu-jar`) is fetched into var/ by scripts/fetch-vnu.sh, which scripts/services.sh runs.
"""

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.10.3.min.js"
VNU = ROOT / "var" / "vendor" / "vnu-jar-26.9.27" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.1 A/AA and 2.2 AA) on the page as it is; one line per violation."""
    # Evaluated through the DevTools protocol, which the site's Content-Security-Policy does not block.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("() => {" + AXE.read_text() + "\n}")
    result = page.evaluate(
        "tags => window.axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        AXE_TAGS,
    )
    return result


SKIPPED_HEADINGS = """() => {
  const problems = [];
  let previous = 0;
  for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (heading.closest(".prose")) continue;  // user text: the writer's headings, not the page's
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) {
      problems.push(`h${previous || "-"} → h${level} “${heading.textContent.trim().slice(0, 60)}”`);
    }
    previous = level;
  }
  return problems;
}"""


def skipped_headings(page) -> list[str]:
    """Each heading more than one level below the one before it (h1 → h3), outside user text."""
    return page.evaluate(SKIPPED_HEADINGS)


def html_errors(pages: dict[str, str]) -> list[str]:
    """Validate HTML documents with the Nu checker; one line per error."""
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run scripts/fetch-vnu.sh (scripts/services.sh does).")
    if not pages:
        return []
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, html in pages.items():
            path = Path(folder) / f"{name}.html"
            path.write_text(html)
            paths.append(str(path))
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *paths],
            capture_output=True,
            text=True,
            timeout=120,
        )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error"
    ]


class PageChecks:
    """Collects each visited page: axe-core at phone and desktop width at once, the Nu checker at the end."""

    def __init__(self, page):
        self.page = page
        self.documents: dict[str, str] = {}

    def check(self, name: str, widths=(PHONE, DESKTOP)):
        page = self.page
        current = page.viewport_size
        problems = []
        for size in widths:
            page.set_viewport_size(size)
            problems += [f"{name} at {size['width']} px: {v}" for v in axe_violations(page)]
        page.set_viewport_size(current)
        problems += [f"{name}: skipped heading level {skip}" for skip in skipped_headings(page)]
        assert not problems, "\n".join(problems)
        self.documents[f"{len(self.documents):02d}-{name}"] = page.content()

    def validate(self):
        errors = html_errors(self.documents)
        assert not errors, "\n".join(errors)
