"""A team folder that is a git clone: the app runs git for the reviewer.

Only the reviewer's own folder is ever staged, so commits from different
reviewers touch different files and every pull merges cleanly. A sync that
was killed half-way leaves at worst a stale lock or an unfinished rebase;
``recover`` clears those before the next sync (only when no git process of
the folder is still running).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from app.domain import UserError

TIMEOUT = 120
LOCK_GRACE = 5.0  # seconds a live git may still need to finish with its lock


class GitError(UserError):
    pass


def git_available() -> bool:
    return shutil.which("git") is not None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_MERGE_AUTOEDIT="no")
    return env


def run(folder: Path, *args: str, check: bool = True, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    if not git_available():
        raise GitError("the team folder is a git repository but git is not installed (apt-get install git)")
    try:
        proc = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=timeout, env=_env()
        )
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} took longer than {timeout:.0f} s (no network?); try again later") from exc
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else 'exit status ' + str(proc.returncode)}")
    return proc


def _git_dir(folder: Path) -> Path:
    out = run(folder, "rev-parse", "--git-dir").stdout.strip()
    path = Path(out)
    return path if path.is_absolute() else folder / path


def recover(folder: Path) -> list[str]:
    """Undo what a killed sync left behind. Returns what was done."""
    done = []
    gdir = _git_dir(folder)
    lock = gdir / "index.lock"
    if lock.exists():
        deadline = time.monotonic() + LOCK_GRACE
        while lock.exists() and time.monotonic() < deadline:
            try:
                if time.time() - lock.stat().st_mtime > LOCK_GRACE:
                    break  # older than any git at work would leave it
            except OSError:
                break
            time.sleep(0.1)  # a git of a killed sync may still be finishing
        if lock.exists():
            lock.unlink(missing_ok=True)
            done.append("removed a stale git lock")
    if (gdir / "rebase-merge").exists() or (gdir / "rebase-apply").exists():
        run(folder, "rebase", "--abort", check=False)
        done.append("abandoned an unfinished rebase")
    if (gdir / "MERGE_HEAD").exists():
        run(folder, "merge", "--abort", check=False)
        done.append("abandoned an unfinished merge")
    return done


def has_remote(folder: Path) -> bool:
    return bool(run(folder, "remote").stdout.strip())


def _has_commits(folder: Path) -> bool:
    return run(folder, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0


def commit_own(folder: Path, own_dir: Path, message: str, name: str, email: str) -> bool:
    """Stage and commit the reviewer's own folder. True if a commit was made."""
    rel = own_dir.relative_to(folder).as_posix()
    run(folder, "add", "-A", "--", rel)
    staged = run(folder, "diff", "--cached", "--quiet", "--", rel, check=False).returncode
    if staged == 0:
        return False
    run(folder, "-c", f"user.name={name}", "-c", f"user.email={email}",
        "commit", "-q", "--no-verify", "-m", message, "--", rel)
    return True


def _upstream(folder: Path) -> str | None:
    proc = run(folder, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def pull(folder: Path) -> bool:
    """Fetch and rebase onto the remote branch. False when offline or no remote."""
    if not has_remote(folder):
        return False
    fetch = run(folder, "fetch", "-q", "origin", check=False)
    if fetch.returncode != 0:
        return False  # offline: work on, sync catches up later
    branch = run(folder, "rev-parse", "--abbrev-ref", "HEAD", check=False).stdout.strip()
    remote_ref = f"origin/{branch}" if branch and branch != "HEAD" else None
    if remote_ref is None or run(folder, "rev-parse", "--verify", "-q", remote_ref, check=False).returncode != 0:
        return True  # the remote has no branch yet (the first reviewer pushes it)
    if not _has_commits(folder):
        run(folder, "reset", "-q", "--hard", remote_ref)
        return True
    if _upstream(folder) is None:
        run(folder, "branch", "-q", f"--set-upstream-to={remote_ref}", check=False)
    run(folder, "-c", "user.name=Kanttekening", "-c", "user.email=kanttekening@localhost",
        "rebase", "-q", "--autostash", remote_ref)
    return True


def push(folder: Path, attempts: int = 3) -> bool:
    """Push; when a teammate pushed first, pull and try again."""
    if not has_remote(folder) or not _has_commits(folder):
        return False
    branch = run(folder, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    for _ in range(attempts):
        proc = run(folder, "push", "-q", "origin", f"HEAD:refs/heads/{branch}", check=False)
        if proc.returncode == 0:
            if _upstream(folder) is None:
                run(folder, "branch", "-q", f"--set-upstream-to=origin/{branch}", check=False)
            return True
        if not pull(folder):
            return False
    return False
