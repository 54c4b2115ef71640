"""Saved answers: only when the person asks (--save, or yes after Ctrl-C).

One file, <user data dir>/answers.yaml, mode 0600, written atomically: a new temporary
file in the same folder (mkstemp: a random name, O_CREAT|O_EXCL, so it is never a link
someone planted), fchmod on that file, fsync, rename. A folder that others can write to
is refused: they could swap the file between our write and the next read.
`prsscheck forget` deletes it (a link is removed, never followed).
PRSSCHECK_DATA_DIR moves the folder (tests, portable use).
Every problem is a StoreError naming the path (exit 2).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from prsscheck.errors import StoreError

DATA_VAR = "PRSSCHECK_DATA_DIR"
FILE_NAME = "answers.yaml"
TMP_PREFIX = f".{FILE_NAME}."
TMP_SUFFIX = ".tmp"
MAX_BYTES = 2 * 1024 * 1024  # the answers file limit (yamlfile.MAX_BYTES)


def data_dir() -> Path:
    if os.environ.get(DATA_VAR):
        return Path(os.environ[DATA_VAR])
    from platformdirs import user_data_dir

    return Path(user_data_dir("prsscheck", appauthor=False))


def answers_path() -> Path:
    return data_dir() / FILE_NAME


def _why(err: OSError) -> str:
    return err.strerror or type(err).__name__


def check_folder(folder: Path) -> None:
    """Refuse a folder that another user could write to (or that is not ours)."""
    try:
        info = folder.stat()
    except OSError as err:
        raise StoreError(f"cannot use the data folder {folder}: {_why(err)}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"cannot use the data folder {folder}: it is not a folder")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(
            f"refusing to save in {folder}: other users can write to it (mode {stat.S_IMODE(info.st_mode):o}); "
            f"use a private folder (chmod 700, or set {DATA_VAR})"
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise StoreError(f"refusing to save in {folder}: it belongs to another user; set {DATA_VAR} to a folder of yours")


def save(answers: Mapping[str, Any]) -> Path:
    import tempfile

    import yaml

    path = answers_path()
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise StoreError(f"could not save your answers: cannot create {folder} ({_why(err)})") from None
    check_folder(folder)
    text = "# prsscheck saved answers. Delete with: prsscheck forget\n" + yaml.safe_dump(dict(answers), sort_keys=False, allow_unicode=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=folder)
    except OSError as err:
        raise StoreError(f"could not save your answers in {folder}: {_why(err)}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise StoreError(f"could not save your answers to {path}: {_why(err)}") from None
        raise
    return path


def load_text() -> str | None:
    """The saved answers' text; None when there are none; StoreError when they can't be read."""
    from prsscheck.files import TooBig, read_file

    path = answers_path()
    try:
        data = read_file(path, MAX_BYTES, follow_links=False)
    except FileNotFoundError:
        return None
    except TooBig as err:
        raise StoreError(f"{path}: {err}; delete it with 'prsscheck forget'") from None
    except OSError as err:
        raise StoreError(f"cannot read the saved answers {path}: {_why(err)}") from None
    if b"\x00" in data:
        raise StoreError(f"{path} holds binary data, not saved answers; delete it with 'prsscheck forget'")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise StoreError(f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); delete it with 'prsscheck forget'") from None


def _ours(name: str) -> bool:
    return name == FILE_NAME or (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX))


def forget() -> list[Path]:
    """Delete saved answers (and stray temp files); return what was deleted.

    Entries are removed by name inside the folder (unlink never follows a link: a link
    named answers.yaml is removed, its target is left alone). StoreError when one can't be.
    """
    folder = data_dir()
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if _ours(entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as err:
        raise StoreError(f"cannot read the data folder {folder}: {_why(err)}") from None
    deleted = []
    for name in names:
        path = folder / name
        try:
            if path.is_dir() and not path.is_symlink():
                continue  # not something prsscheck wrote
            os.unlink(path)
            deleted.append(path)
        except FileNotFoundError:
            pass
        except OSError as err:
            done = f" (deleted: {', '.join(map(str, deleted))})" if deleted else ""
            raise StoreError(f"could not delete {path}: {_why(err)}{done}") from None
    return deleted
