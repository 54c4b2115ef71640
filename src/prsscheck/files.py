"""Bounded reads: every file or stream prsscheck reads (answers, batches, rules, the schema,
saved answers) is read through here, at most `limit + 1` bytes, so /dev/zero, an endless
pipe or a 3 GB sparse file costs no more than a file just over the limit.
"""

from __future__ import annotations

import os
from typing import BinaryIO

KIB = 1024
MIB = 1024 * KIB


class TooBig(ValueError):
    """More bytes than the limit: the message says the limit."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"too big: the limit is {limit // KIB} KiB")


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooBig(limit)
    return data


def read_file(path: str | os.PathLike, limit: int, *, follow_links: bool = True) -> bytes:
    """At most `limit` bytes of a file, or TooBig; OSError (FileNotFoundError, ...) as open() raises it."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        return read_stream(handle, limit)
