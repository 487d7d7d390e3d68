"""The pre-commit hook, run as a team would: ``pre-commit try-repo`` in a git repository.

``try-repo`` installs salesblueprint from a git repository into its own environment. So that
the test checks the working tree as it is (including files not yet committed, which try-repo's
shadow commit leaves out), it runs against a committed snapshot of the project's files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from salesblueprint.templates import template_text

ROOT = Path(__file__).resolve().parent.parent


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (dev extra)"),
]

GIT = [
    "git",
    "-c",
    "user.name=test",
    "-c",
    "user.email=test@example.com",
    "-c",
    "init.defaultBranch=main",
]


def _git(cwd: Path, *args: str) -> str:
    out = subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True)
    return out.stdout


def _snapshot(dest: Path) -> Path:
    """The project's files (tracked and untracked, not ignored) committed in a new repo."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout of salesblueprint")
    listed = _git(ROOT, "ls-files", "-co", "--exclude-standard", "-z").split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def test_hook_checks_blueprints_and_only_them(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: salesblueprint-check" in hooks
    project = _snapshot(tmp_path / "salesblueprint")

    team = tmp_path / "team"
    (team / "blueprints").mkdir(parents=True)
    (team / "good.blueprint.yaml").write_text(template_text("startup"), encoding="utf-8")
    (team / "blueprints" / "bad.yaml").write_text(
        "salesblueprint: 1\nname: Bad\npipelines:\n  - id: p\n    stages:\n"
        "      - id: a\n        nmae: typo\n",
        encoding="utf-8",
    )
    (team / "unrelated.yaml").write_text("not: [a blueprint\n", encoding="utf-8")
    _git(team, "init", "-q")
    _git(team, "add", "-A")

    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    proc = subprocess.run(
        [*PRE_COMMIT, "try-repo", str(project), "salesblueprint-check", "--all-files"],
        cwd=team,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "blueprints/bad.yaml:7:9: error SB020 unknown-key" in out, out
    assert "in 1 of 2 files" in out, out  # the good blueprint and the bad one; not unrelated.yaml
    assert "unrelated.yaml" not in out, out

    (team / "blueprints" / "bad.yaml").unlink()
    _git(team, "add", "-A")
    clean = subprocess.run(
        [*PRE_COMMIT, "try-repo", str(project), "salesblueprint-check", "--all-files"],
        cwd=team,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
