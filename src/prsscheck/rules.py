"""Finding and loading the rule files.

The rules ship inside the package (prsscheck/rules/); a maintainer points the tool
at a working copy with --rules-dir DIR or PRSSCHECK_RULES_DIR (DIR holds schema.json
and states/, like the repository's rules/). Inside a checkout (a rules/ folder with
schema.json and states/ in the current folder or a parent) every command uses the
checkout's rules and says so once on stderr. Commands load only the files they need.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from prsscheck import __version__
from prsscheck.errors import RulesError, clean
from prsscheck.jurisdictions import CODES, resolve
from prsscheck.model import (
    Alternative,
    Credential,
    Entity,
    Jurisdiction,
    Renewal,
    Requirement,
    Source,
)

ENV_VAR = "PRSSCHECK_RULES_DIR"
NO_CACHE_VAR = "PRSSCHECK_NO_CACHE"
MAX_BYTES = 2 * 1024 * 1024  # a rule file is ~20 KiB; the same limit as yamlfile.MAX_BYTES

_announced: set[str] = set()


def default_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    if (packaged / "states").is_dir():
        return packaged
    # Running from a source checkout (editable install or PYTHONPATH=src).
    return Path(__file__).resolve().parents[2] / "rules"


def find_checkout(start: Path | None = None) -> Path | None:
    """The rules/ folder of a checkout: in `start` (the current folder) or a parent, holding
    schema.json and states/. None outside a checkout."""
    try:
        here = Path(start) if start is not None else Path(os.getcwd())
    except OSError:  # the current folder was deleted
        return None
    for folder in (here, *here.parents):
        candidate = folder / "rules"
        if (candidate / "schema.json").is_file() and (candidate / "states").is_dir():
            return candidate
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _shown(path: Path) -> str:
    """A path below the current folder as ./rules, anything else in full."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return str(path)
    return f"./{relative.as_posix()}" if str(relative) != "." else "."


def rules_dir(option: str | os.PathLike | None = None, *, quiet: bool = False) -> Path:
    """The rules folder in use: --rules-dir, else $PRSSCHECK_RULES_DIR, else a checkout's
    rules/ (said once on stderr, unless they are the installed rules themselves), else the
    packaged rules."""
    chosen = option or os.environ.get(ENV_VAR) or None
    where = "--rules-dir" if option else ENV_VAR
    if chosen:
        path = Path(chosen)
    else:
        path = default_dir()
        checkout = find_checkout()
        if checkout is not None and not _same(checkout, path):
            path = checkout
            if not quiet and str(checkout) not in _announced:
                _announced.add(str(checkout))
                sys.stderr.write(f"prsscheck: using rules from {clean(_shown(checkout), 1000)}\n")
    if not path.is_dir():
        raise RulesError(f"Rules folder not found: {path} ({where if chosen else 'packaged rules'}).", 2)
    if not (path / "states").is_dir() or not any((path / "states").glob("*.yaml")):
        raise RulesError(f"No rule files in {path / 'states'}: the rules folder must hold states/<CODE>.yaml.", 2)
    return path


def state_path(directory: Path, code: str) -> Path:
    return directory / "states" / f"{code}.yaml"


def read_bytes(path: Path) -> bytes:
    """A rule file's bytes (at most MAX_BYTES); RulesError naming the file when it can't be read."""
    from prsscheck.files import TooBig, read_file

    try:
        return read_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise RulesError(f"{path}: rule file not found.") from None
    except TooBig as err:
        raise RulesError(f"{path}: {err}. Run 'prsscheck validate' for details.") from None
    except OSError as err:
        raise RulesError(f"{path}: cannot read the rule file ({err.strerror}).") from None


def parse_mapping(path: Path, data: bytes) -> Mapping[str, Any]:
    """A rule file's bytes as a mapping; RulesError naming the file (and line) when they aren't one."""
    from prsscheck import yamlfile  # only on a cache miss: importing yaml costs ~40 ms

    try:
        loaded = yamlfile.load(yamlfile.decode(data))
    except yamlfile.YamlError as err:
        where = f"{path}:{err.line}" if err.line else str(path)
        raise RulesError(f"{where}: {err.message}. Run 'prsscheck validate' for details.") from None
    if not isinstance(loaded, dict):
        raise RulesError(f"{path}: a rule file must be a mapping of fields. Run 'prsscheck validate'.")
    return loaded


def read_mapping(path: Path) -> Mapping[str, Any]:
    """One rule file as a mapping; RulesError naming the file (and line) when it can't be read."""
    return parse_mapping(path, read_bytes(path))


def cache_dir() -> Path:
    """The user cache folder. On Linux it is computed here: importing platformdirs costs ~10 ms."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "prsscheck"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("prsscheck", appauthor=False))


def _digest(data: bytes) -> bytes:
    try:  # hashlib itself costs ~3 ms to import (OpenSSL); its blake2b lives in _blake2
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(data, digest_size=16).digest()


class ParsedCache:
    """Parsed rule files kept in the user cache folder, one small file per rule file,
    keyed by a hash of the rule file's bytes (blake2b: ~1 ms for all 51 files).

    Parsing 51 YAML files costs about 250 ms even with libyaml; reading them back costs a
    few ms with marshal, whose format depends on the Python version (in the folder name,
    with the tool's version). One file per rule file, so `compare TX MO` reads two. Only
    rules go here (public data, never answers). A cache that cannot be read or written is
    simply not used; an entry that is not what it should be is rebuilt.
    """

    def __init__(self, directory: Path):
        self.folder: Path | None = None
        if os.environ.get(NO_CACHE_VAR):
            return
        import zlib  # a checksum names the folder's cache; hashlib would cost ~3 ms to import

        key = f"{zlib.crc32(str(directory.resolve()).encode()):08x}"
        self.folder = cache_dir() / f"rules-{key}-py{sys.version_info[0]}{sys.version_info[1]}-v{__version__}"

    def _entry(self, path: Path) -> Path | None:
        return self.folder / f"{path.parent.name}-{path.stem}.marshal" if self.folder else None

    def mapping(self, path: Path, fresh: bool = False) -> Mapping[str, Any]:
        """The file's mapping: from the cache when its bytes are unchanged (unless `fresh`)."""
        from prsscheck.files import read_file

        data = read_bytes(path)
        key = _digest(data)
        cached = self._entry(path)
        if cached is not None and not fresh:
            try:
                entry = marshal.loads(read_file(cached, 4 * MAX_BYTES))
                if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], dict):
                    return entry[1]
            except (OSError, ValueError, EOFError, TypeError):  # TooBig is a ValueError
                pass
        parsed = parse_mapping(path, data)
        if cached is not None:
            self._store(cached, (key, parsed))
        return parsed

    @staticmethod
    def _store(cached: Path, entry: tuple) -> None:
        import tempfile

        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=cached.parent, delete=False, suffix=".tmp") as tmp:
                tmp.write(marshal.dumps(entry))
            os.replace(tmp.name, cached)
        except (OSError, TypeError, ValueError):
            pass


_BUILD_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


def load_jurisdiction(directory: Path, code: str, cache: ParsedCache | None = None) -> Jurisdiction:
    return _load(state_path(directory, code), cache or ParsedCache(directory))


def _load(path: Path, cache: ParsedCache) -> Jurisdiction:
    try:
        return build(cache.mapping(path))
    except _BUILD_ERRORS:
        pass  # maybe a cache entry of the wrong shape: never blame the rules for it
    try:
        return build(cache.mapping(path, fresh=True))
    except _BUILD_ERRORS as err:
        raise RulesError(
            f"{path}: the file does not follow the schema ({type(err).__name__}: {err}). Run 'prsscheck validate {path}'."
        ) from None


def load_all(directory: Path, codes: Iterable[str] | None = None) -> list[Jurisdiction]:
    """The jurisdictions named, or every one whose file the folder holds (`validate` is what
    insists that all 51 are there)."""
    if codes is None:
        present = {p.stem for p in (directory / "states").glob("*.yaml")}
        codes = [code for code in CODES if code in present] or CODES
    cache = ParsedCache(directory)
    return [load_jurisdiction(directory, code, cache) for code in codes]


def load_named(directory: Path, names: Iterable[str]) -> list[Jurisdiction]:
    """Codes or names as typed by a person ('tx', 'Missouri'); UnknownJurisdiction on a bad one."""
    return load_all(directory, [resolve(name) for name in names])


def build(data: Mapping[str, Any]) -> Jurisdiction:
    code = data["code"]
    return Jurisdiction(
        code=code,
        name=data["name"],
        model=data["model"],
        model_2021=data["model_2021"],
        model_notes=data.get("model_notes"),
        last_reviewed=str(data["last_reviewed"]),
        entities=tuple(Entity(e["name"], e["kind"], e.get("icrc_member"), e.get("url")) for e in data.get("certifying_entities") or ()),
        credentials=tuple(_credential(c, code) for c in data.get("credentials") or ()),
        alternatives=tuple(Alternative(a["title"], a["issuer"], a["url"], a["lived_experience"]) for a in data.get("alternatives") or ()),
        sources=tuple(Source(s["url"], s.get("what", ""), str(s.get("seen", "")), s.get("authority")) for s in data.get("sources") or ()),
        notes=data.get("notes"),
        raw=data,
    )


def _requirement(data: Mapping[str, Any]) -> Requirement:
    return Requirement.from_mapping(data)


def _credential(data: Mapping[str, Any], code: str) -> Credential:
    renewal = data.get("renewal")
    reciprocity = data.get("reciprocity") or {"kind": "unknown"}
    return Credential(
        id=data["id"],
        title=data["title"],
        acronym=data.get("acronym"),
        issuer=data.get("issuer"),
        lived_experience=data["lived_experience"],
        medicaid_billable=data.get("medicaid_billable"),
        confidence=data.get("confidence"),
        requirements=tuple(_requirement(r) for r in data.get("requirements") or ()),
        renewal=Renewal(renewal.get("period_years"), renewal.get("ceu_hours"), renewal.get("detail"), renewal.get("source"))
        if renewal
        else None,
        reciprocity=reciprocity["kind"],
        reciprocity_text=reciprocity.get("text"),
        steps=tuple(data.get("steps") or ()),
        notes=data.get("notes"),
        jurisdiction=code,
    )


def load_national(directory: Path, cache: ParsedCache | None = None) -> Jurisdiction | None:
    """rules/national/US.yaml: the national credentials (ids us-...), evaluated for everyone."""
    path = directory / "national" / "US.yaml"
    if not path.is_file():
        return None
    return _load(path, cache or ParsedCache(directory))
