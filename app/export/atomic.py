"""Writing export files atomically.

Every export goes to a temporary file in the target's own folder (so the
final rename never crosses file systems), is flushed and fsynced, and only
then replaces the target with ``os.replace``. An export that fails or is
interrupted leaves the previous file, or none, and removes its temporary
file. The file gets the permissions any program's new file would get (the
user's umask), or keeps those of the file it replaces: ``mkstemp`` alone
would make every export private to its owner.
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from app.domain import UserError


def _check_target(target: Path) -> None:
    if target.exists() and target.is_dir():
        raise UserError(f"{target} is a folder; give a file name")
    parent = target.parent
    if not parent.exists():
        raise UserError(f"the folder {parent} does not exist")


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on Windows (and harmless to skip).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _current_umask() -> int:
    # /proc tells without changing anything; os.umask can only be read by setting it.
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def _final_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_current_umask()


@contextmanager
def atomic_path(target: Path | str, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success make it ``target``.

    The code inside the block writes the temporary path by whatever means
    (a library's own ``save``); this function fsyncs and renames it.
    """
    target = Path(target).expanduser().absolute()
    _check_target(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise UserError(f"cannot write in {target.parent} ({exc.strerror or exc})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:  # a full disk, a vanished folder: say so, keep the old file
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"could not write {target} ({exc.strerror or exc}); "
            + ("the previous file is unchanged" if target.exists() else "no file was written")
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(target: Path | str, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``target`` for writing; replace on success."""
    if "w" not in mode:
        raise ValueError("atomic_open is for writing")
    with atomic_path(target) as tmp:
        with open(tmp, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it holds that text
    already (a synced folder then sees no change). True if written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return True
