"""Finding and loading the rule files.

The rules ship inside the package (prsscheck/rules/); a maintainer points the tool
at a working copy with --rules-dir DIR or PRSSCHECK_RULES_DIR (DIR holds schema.json
and states/, like the repository's rules/). Commands load only the files they need.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

from prsscheck.errors import RulesError
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


def default_dir() -> Path:
    packaged = Path(__file__).parent / "rules"
    if (packaged / "states").is_dir():
        return packaged
    # Running from a source checkout (editable install or PYTHONPATH=src).
    return Path(__file__).resolve().parents[2] / "rules"


def rules_dir(option: str | os.PathLike | None = None) -> Path:
    """The rules folder in use: --rules-dir, else $PRSSCHECK_RULES_DIR, else the packaged rules."""
    chosen = option or os.environ.get(ENV_VAR) or None
    where = "--rules-dir" if option else ENV_VAR
    path = Path(chosen) if chosen else default_dir()
    if not path.is_dir():
        raise RulesError(f"Rules folder not found: {path} ({where if chosen else 'packaged rules'}).", 2)
    if not (path / "states").is_dir() or not any((path / "states").glob("*.yaml")):
        raise RulesError(f"No rule files in {path / 'states'}: the rules folder must hold states/<CODE>.yaml.", 2)
    return path


def state_path(directory: Path, code: str) -> Path:
    return directory / "states" / f"{code}.yaml"


def read_mapping(path: Path) -> Mapping[str, Any]:
    """One rule file as a mapping; RulesError naming the file (and line) when it can't be read."""
    from prsscheck import yamlfile  # only on a cache miss: importing yaml costs ~40 ms

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RulesError(f"{path}: rule file not found.") from None
    except OSError as err:
        raise RulesError(f"{path}: cannot read the rule file ({err.strerror}).") from None
    try:
        loaded = yamlfile.load(yamlfile.decode(data))
    except yamlfile.YamlError as err:
        where = f"{path}:{err.line}" if err.line else str(path)
        raise RulesError(f"{where}: {err.message}. Run 'prsscheck validate' for details.") from None
    if not isinstance(loaded, dict):
        raise RulesError(f"{path}: a rule file must be a mapping of fields. Run 'prsscheck validate'.")
    return loaded


def cache_dir() -> Path:
    """The user cache folder. On Linux it is computed here: importing platformdirs costs ~10 ms."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "prsscheck"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("prsscheck", appauthor=False))


class ParsedCache:
    """Parsed rule files kept in the user cache folder, one small file per rule file,
    keyed by the rule file's mtime and size.

    Parsing 51 YAML files costs about 250 ms even with libyaml; reading them back costs a
    few ms with marshal, whose format depends on the Python version (in the folder name).
    One file per rule file, so `compare TX MO` reads two. Only rules go here (public data,
    never answers). A cache that cannot be read or written is simply not used.
    """

    def __init__(self, directory: Path):
        self.folder: Path | None = None
        if os.environ.get(NO_CACHE_VAR):
            return
        import zlib  # a checksum names the folder's cache; hashlib would cost ~6 ms to import

        key = f"{zlib.crc32(str(directory.resolve()).encode()):08x}"
        self.folder = cache_dir() / f"rules-{key}-py{sys.version_info[0]}{sys.version_info[1]}"

    def mapping(self, path: Path) -> Mapping[str, Any]:
        try:
            stat = path.stat()
        except OSError:
            return read_mapping(path)  # reports the missing or unreadable file
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.folder / f"{path.stem}.marshal" if self.folder else None
        if cached is not None:
            try:
                entry = marshal.loads(cached.read_bytes())
                if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp and isinstance(entry[1], dict):
                    return entry[1]
            except (OSError, ValueError, EOFError, TypeError):
                pass
        data = read_mapping(path)
        if cached is not None:
            self._store(cached, (stamp, data))
        return data

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


def load_jurisdiction(directory: Path, code: str, cache: ParsedCache | None = None) -> Jurisdiction:
    path = state_path(directory, code)
    cache = cache or ParsedCache(directory)
    try:
        return build(cache.mapping(path))
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise RulesError(f"{path}: the file does not follow the schema ({type(err).__name__}: {err}). Run 'prsscheck validate {path}'.") from None


def load_all(directory: Path, codes: Iterable[str] = CODES) -> list[Jurisdiction]:
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
        entities=tuple(
            Entity(e["name"], e["kind"], e.get("icrc_member"), e.get("url"))
            for e in data.get("certifying_entities") or ()
        ),
        credentials=tuple(_credential(c, code) for c in data.get("credentials") or ()),
        alternatives=tuple(
            Alternative(a["title"], a["issuer"], a["url"], a["lived_experience"])
            for a in data.get("alternatives") or ()
        ),
        sources=tuple(Source(s["url"], s.get("what", ""), str(s.get("seen", ""))) for s in data.get("sources") or ()),
        notes=data.get("notes"),
        raw=data,
    )


_REQUIREMENT_FIELDS = set(Requirement._fields)


def _requirement(data: Mapping[str, Any]) -> Requirement:
    fields = {k: v for k, v in data.items() if k in _REQUIREMENT_FIELDS}
    if "any_of" in fields:
        fields["any_of"] = tuple(fields["any_of"])
    return Requirement(**fields)


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
