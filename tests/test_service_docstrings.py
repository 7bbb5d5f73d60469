"""Every public service function says what it does and its side effects, in a docstring.

The services are the writes of the apps (STYLE.md, conventions 2 and 12): a reader of a view or a task
learns from the docstring which rows change, which e-mails and tasks follow, and which wrong state
is refused, without reading the body. This walks the source with ast, so it needs no database.
"""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
APPS = ["members", "events", "communities", "proposals", "network"]


def service_modules() -> list[Path]:
    """The services of each app: the package services/ or the module services.py."""
    modules = []
    for app in APPS:
        modules += sorted((BASE / app / "services").glob("*.py"))
        if (BASE / app / "services.py").exists():
            modules.append(BASE / app / "services.py")
    return modules


def public_functions_without_docstring(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(BASE)}:{node.lineno} {node.name}"
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
        and not (ast.get_docstring(node) or "").strip()
    ]


def test_the_walk_finds_the_services_of_every_app():
    found = {path.relative_to(BASE).parts[0] for path in service_modules()}
    assert found == set(APPS)


def test_every_public_service_function_has_a_docstring():
    missing = [name for path in service_modules() for name in public_functions_without_docstring(path)]
    assert missing == [], "Public service functions without a docstring naming their side effects:\n" + "\n".join(
        missing
    )
