"""The apps' layers and the one home of organisation scope, checked on every run.

The import contracts live in pyproject.toml ([tool.importlinter]) and are described in
docs/ARCHITECTURE.md.
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = [
    "lms", "content", "quizzes", "essays", "certificates", "reports", "motivation", "notifications", "demo",
]


def test_import_contracts_are_kept():
    """No import from a lower app to a higher one, no circle of imports between the
    modules of any package."""
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_subtree_filters_are_written_only_in_the_scope_module():
    """Every "rows under this organisation" filter goes through ``lms.scope``."""
    scope_module = ROOT / "lms" / "scope.py"
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path != scope_module
        and "migrations" not in path.parts
        and "__path__startswith" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
