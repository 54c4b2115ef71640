"""Saved answers: only when the person asks (--save, or yes after Ctrl-C).

One file, <user data dir>/answers.yaml, mode 0600, written atomically (a temp file in the
same folder, fsync, rename), so a crash mid-write never leaves a broken file.
`prsscheck forget` deletes it. PRSSCHECK_DATA_DIR moves the folder (tests, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

DATA_VAR = "PRSSCHECK_DATA_DIR"
FILE_NAME = "answers.yaml"


def data_dir() -> Path:
    if os.environ.get(DATA_VAR):
        return Path(os.environ[DATA_VAR])
    from platformdirs import user_data_dir

    return Path(user_data_dir("prsscheck", appauthor=False))


def answers_path() -> Path:
    return data_dir() / FILE_NAME


def save(answers: Mapping[str, Any]) -> Path:
    import yaml

    path = answers_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = "# prsscheck saved answers. Delete with: prsscheck forget\n" + yaml.safe_dump(dict(answers), sort_keys=False, allow_unicode=True)
    tmp = path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def load_text() -> str | None:
    try:
        return answers_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def forget() -> list[Path]:
    """Delete saved answers (and stray temp files); return what was deleted."""
    folder = data_dir()
    deleted = []
    for path in [folder / FILE_NAME, *folder.glob(f".{FILE_NAME}.*.tmp")] if folder.is_dir() else []:
        try:
            path.unlink()
            deleted.append(path)
        except FileNotFoundError:
            pass
    return deleted
