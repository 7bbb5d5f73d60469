"""What every browser test runs on the pages it visits: axe-core, the W3C Nu HTML checker, and no skipped
heading level (axe-core's heading-order is a best practice outside the WCAG tags it runs here).

axe-core is vendored beside this file (npm `axe-core`, pinned: the version is in the file name).
The Nu checker (npm `vnu-jar`) is fetched into var/ by scripts/fetch-vnu.sh, which scripts/services.sh runs; each
test process runs it once, as a local HTTP service (NuChecker), and sends it every document to check.
"""

import json
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
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
    # resultTypes: only violations are read, so axe-core keeps no details of the nodes that pass (faster).
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("() => {" + AXE.read_text() + "\n}")
    result = page.evaluate(
        "tags => window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
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


class NuChecker:
    """The Nu checker as an HTTP service (`nu.validator.servlet.Main`), one per test process: the JVM and its
    schemas take seconds to start, which `java -jar vnu.jar` paid again for every test; the service then
    checks a document in a fraction of a second, with the same checker and the same messages."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> None:
        """Start it without waiting (messages() waits), so the JVM starts while the test drives the browser."""
        if self.process is not None and self.process.poll() is None:
            return
        if not VNU.exists():
            pytest.fail(f"{VNU} is missing: run scripts/fetch-vnu.sh (scripts/services.sh does).")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/?out=json"
        self.log = Path(tempfile.mkdtemp(prefix="vnu-")) / "vnu.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                ["java", "-cp", str(VNU), "-Dnu.validator.servlet.bind-address=127.0.0.1"]
                + ["nu.validator.servlet.Main", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def _post(self, html: str, timeout: float) -> dict:
        request = urllib.request.Request(
            self.url, data=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (our own service)
            return json.load(response)

    def messages(self, html: str) -> list[dict]:
        """The checker's messages on one document, waiting (up to two minutes) for the service to answer."""
        self.start()
        deadline = time.monotonic() + 120
        while True:
            try:
                return self._post(html, timeout=120)["messages"]
            except (ConnectionError, urllib.error.URLError) as error:
                if self.process.poll() is not None:
                    pytest.fail(f"The Nu checker exited: {error}\n{self.log.read_text()[-4000:]}")
                if time.monotonic() > deadline:
                    pytest.fail(f"The Nu checker did not answer: {error}")
                time.sleep(0.2)


NU_CHECKER = NuChecker()


def html_errors(pages: dict[str, str]) -> list[str]:
    """Validate HTML documents with the Nu checker; one line per error."""
    return [
        f"{name}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for name, html in pages.items()
        for m in NU_CHECKER.messages(html)
        if m["type"] == "error"
    ]


class PageChecks:
    """Collects each visited page: axe-core at phone and desktop width at once, the Nu checker at the end."""

    def __init__(self, page):
        self.page = page
        self.documents: dict[str, str] = {}
        NU_CHECKER.start()

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
