"""`prsscheck validate`: check rule files against the schema and against each other.

Like check-jsonschema: every file is read into a value or a parse-error finding (nothing
escapes as an exception), the checker records every finding, a reporter renders them, and
the exit code comes from the findings. Only this module imports jsonschema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from prsscheck import yamlfile
from prsscheck.jurisdictions import CODES

ERROR, WARNING = "error", "warning"
MAX_DEPTH = 40  # rule files are about 6 levels deep; anything far deeper is broken or hostile
MAX_NODES = 200_000


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: str = ERROR

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    files: int
    findings: list[Finding]
    coverage: dict[str, Any] | None = None  # with --coverage: known / not required / unknown key figures

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        return f"{n(self.files, 'file')}, {n(self.errors, 'error')}, {n(self.warnings, 'warning')}"


# ---------------------------------------------------------------- reading one file


@dataclass
class Parsed:
    data: Any
    marks: dict[tuple, tuple[int, int]]  # value path -> (line, column), 1-based
    key_marks: dict[tuple, tuple[int, int]]  # path of a mapping key -> where the key stands


def _walk(
    node: yaml.Node, path: tuple, parsed: Parsed, problems: list[tuple[tuple, tuple[int, int], str]], depth: int, count: list[int]
) -> None:
    count[0] += 1
    if depth > MAX_DEPTH:
        raise yamlfile.YamlError(
            f"the document is nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1, node.start_mark.column + 1
        )
    if count[0] > MAX_NODES:
        raise yamlfile.YamlError(f"the document has more than {MAX_NODES} values; a rule file has a few thousand")
    parsed.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(
                    (path + (key,), where, f"duplicate key '{key}' (first at line {seen[key]}); YAML would silently keep only the last one")
                )
            else:
                seen[key] = where[0]
            parsed.key_marks[path + (key,)] = where
            _walk(value_node, path + (key,), parsed, problems, depth + 1, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), parsed, problems, depth + 1, count)


def parse(file: str, data: bytes) -> tuple[Parsed | None, list[Finding]]:
    """Bytes to data with a position for every value, or findings saying why not."""
    try:
        text = yamlfile.decode(data)
        yamlfile.reject_aliases(text)
        node = yaml.compose(text, Loader=yamlfile.Loader)
    except yamlfile.YamlError as err:
        return None, [Finding(file, err.line, err.column, "", err.message)]
    except yaml.MarkedYAMLError as err:
        found = yamlfile.from_marked(err, "YAML syntax error: ")
        return None, [Finding(file, found.line, found.column, "", found.message)]
    except (yaml.YAMLError, RecursionError) as err:
        return None, [Finding(file, None, None, "", f"not valid YAML: {err}")]
    if node is None:
        return None, [Finding(file, 1, 1, "", "the file is empty")]
    parsed = Parsed(None, {}, {})
    problems: list[tuple[tuple, tuple[int, int], str]] = []
    try:
        _walk(node, (), parsed, problems, 0, [0])
        parsed.data = yamlfile.Loader("").construct_document(node)
    except yamlfile.YamlError as err:
        return None, [Finding(file, err.line, err.column, "", err.message)]
    except yaml.MarkedYAMLError as err:
        found = yamlfile.from_marked(err, "not allowed in a rule file: ")
        return None, [Finding(file, found.line, found.column, "", found.message)]
    except (yaml.YAMLError, RecursionError, TypeError) as err:
        return None, [Finding(file, None, None, "", f"not valid YAML: {err}")]
    findings = [Finding(file, line, column, format_path(path), message) for path, (line, column), message in problems]
    return parsed, findings


def format_path(path: Iterable) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---------------------------------------------------------------- the schema


SCHEMA_MAX_BYTES = 2 * 1024 * 1024


def _no_fetch(uri: str):
    """The registry's retrieve: never fetch. prsscheck never uses the network."""
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)


def offline_registry():
    """A referencing.Registry that knows only what it is given (and, through jsonschema,
    the JSON Schema metaschemas): a remote $ref is an error, never a download."""
    from referencing import Registry

    return Registry(retrieve=_no_fetch)


def remote_refs(schema: Any) -> list[tuple[tuple, str]]:
    """($ref's path in the schema, the ref) for every $ref/$dynamicRef that points outside
    the schema: not a fragment (#...), not one of its own $ids, not a JSON Schema metaschema."""
    from urllib.parse import urldefrag, urljoin

    from jsonschema_specifications import REGISTRY as SPECIFICATIONS

    base = schema.get("$id", "") if isinstance(schema, dict) else ""
    own: set[str] = {urldefrag(base)[0]}
    refs: list[tuple[tuple, str, str]] = []  # (path, resolved, as written)
    stack: list[tuple[Any, tuple, str]] = [(schema, (), base)]
    while stack:
        node, path, here = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                here = urljoin(here, node["$id"])
                own.add(urldefrag(here)[0])
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                    refs.append((path + (key,), urljoin(here, value) if here else value, value))
                elif key not in ("enum", "const", "examples", "default"):
                    stack.append((value, path + (key,), here))
        elif isinstance(node, list):
            stack.extend((item, path + (i,), here) for i, item in enumerate(node))
    out = []
    for path, target, written in refs:
        document = urldefrag(target)[0]
        if written.startswith("#") or document in own:
            continue
        if document not in SPECIFICATIONS:  # a metaschema is known offline; anything else is remote
            out.append((path, written))
    return sorted(out)


def load_schema(schema_path: Path):
    """A compiled validator for schema.json, or a Finding that says why there is none."""
    checker, problems = load_schema_all(schema_path)
    return checker, (problems[0] if problems else None)


def load_schema_all(schema_path: Path):
    """A compiled validator for schema.json (None when there is none), and the findings
    that say what is wrong with the schema itself."""
    import jsonschema

    from prsscheck.files import TooBig, read_file

    name = str(schema_path)
    try:
        schema = json.loads(read_file(schema_path, SCHEMA_MAX_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return None, [Finding(name, None, None, "", "schema file not found")]
    except TooBig as err:
        return None, [Finding(name, None, None, "", f"schema file is {err}")]
    except (OSError, UnicodeDecodeError) as err:
        return None, [Finding(name, None, None, "", f"cannot read the schema: {err}")]
    except json.JSONDecodeError as err:
        return None, [Finding(name, err.lineno, err.colno, "", f"schema is not valid JSON: {err.msg}")]
    except (ValueError, RecursionError) as err:
        return None, [Finding(name, None, None, "", f"schema cannot be read: {err}")]
    remote = remote_refs(schema)
    if remote:
        return None, [
            Finding(
                name,
                None,
                None,
                format_path(path),
                f"remote $ref '{ref}' is not fetched (prsscheck never uses the network); copy the definition into this schema's $defs",
            )
            for path, ref in remote
        ]
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as err:
        return None, [Finding(name, None, None, format_path(err.absolute_path), f"schema is not a valid JSON Schema: {err.message}")]
    return SchemaChecker(schema, cls), []


class SchemaChecker:
    """schema.json, applied the fast way with the same findings.

    A requirement's schema picks its fields by `kind` through eleven if/then branches, so
    jsonschema tries every branch on each of ~1,500 requirements. Here the document is
    checked with the requirement reduced to its common part, and each requirement with its
    own kind's branch, both taken from schema.json itself: ~3x faster (bench/run.py). A schema
    without that shape (--schema) is applied as it is.
    """

    def __init__(self, schema: dict, cls):
        registry = offline_registry()
        self.whole = cls(schema, format_checker=cls.FORMAT_CHECKER, registry=registry)
        self.document = self.whole
        self.by_kind: dict[str, Any] = {}
        requirement = schema.get("$defs", {}).get("requirement")
        branches = requirement.get("allOf") if isinstance(requirement, dict) else None
        if not branches:
            return
        try:
            for branch in branches:
                kinds = branch["if"]["properties"]["kind"]
                for kind in kinds.get("enum", [kinds.get("const")]):
                    own = dict(branch["then"], **{"$defs": schema["$defs"]})
                    self.by_kind[kind] = cls(own, format_checker=cls.FORMAT_CHECKER, registry=registry)
        except (KeyError, TypeError, AttributeError):
            self.by_kind = {}
            return
        light = dict(schema, **{"$defs": dict(schema["$defs"], requirement={k: v for k, v in requirement.items() if k != "allOf"})})
        self.document = cls(light, format_checker=cls.FORMAT_CHECKER, registry=registry)

    def iter_errors(self, data: Any):
        yield from self.document.iter_errors(data)
        if not self.by_kind or not isinstance(data, dict) or not isinstance(data.get("credentials"), list):
            return
        for i, credential in enumerate(data["credentials"]):
            requirements = credential.get("requirements") if isinstance(credential, dict) else None
            for j, requirement in enumerate(requirements if isinstance(requirements, list) else []):
                own = self.by_kind.get(requirement.get("kind")) if isinstance(requirement, dict) else None
                if own is None:
                    continue  # not a mapping or an unknown kind: the document check reports it
                for error in own.iter_errors(requirement):
                    error.path.extendleft(reversed(("credentials", i, "requirements", j)))
                    yield error


def schema_findings(file: str, parsed: Parsed, validator, schema_name: str = "schema.json") -> list[Finding]:
    from referencing.exceptions import Unresolvable

    findings: list[Finding] = []
    try:
        errors = list(validator.iter_errors(parsed.data))
    except Unresolvable as err:  # a $ref the offline registry cannot resolve: never fetched
        ref = getattr(err, "ref", None) or getattr(getattr(err, "_wrapped", None), "ref", None) or str(err)
        return [
            Finding(
                schema_name,
                None,
                None,
                "",
                f"$ref '{ref}' cannot be resolved without the network (prsscheck never uses it); define it in this schema's $defs",
            )
        ]
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # Point at the unknown key itself, not at the mapping that holds it.
            keys = re.findall(r"'([^']+)'", error.message.split("(")[-1]) if "unexpected" in error.message else []
            for key in keys or [None]:
                line, column = parsed.key_marks.get(path + (key,), parsed.marks.get(path, (None, None)))
                where = format_path(path + ((key,) if key else ()))
                findings.append(
                    Finding(file, line, column, where, f"unknown field '{key}'" + _did_you_mean(key, error.schema.get("properties", {})))
                )
            continue
        line, column = parsed.marks.get(path, (None, None))
        findings.append(Finding(file, line, column, format_path(path), error.message))
    return findings


def _did_you_mean(key: str | None, known: dict) -> str:
    import difflib

    if not key:
        return ""
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- checks across fields and files


def _url_ok(url: Any) -> bool:
    if not isinstance(url, str) or any(ch.isspace() for ch in url):
        return False
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and "." in parts.netloc


NATIONAL = "US"  # rules/national/US.yaml: the national credentials, ids us-...


def file_findings(file: str, stem: str, parsed: Parsed, today: dt.date, max_age: int, farms: frozenset[str] = frozenset()) -> list[Finding]:
    """Checks inside one file that the schema cannot express."""
    data = parsed.data
    out: list[Finding] = []

    def at(path: tuple, message: str, severity: str = ERROR) -> None:
        line, column = parsed.marks.get(path, (None, None))
        out.append(Finding(file, line, column, format_path(path), message, severity))

    if not isinstance(data, dict):
        at((), "a rule file must be a mapping of fields (code, name, model, credentials, ...)")
        return out
    code = data.get("code")
    if isinstance(code, str) and code != stem:
        at(("code",), f"code '{code}' does not match the file name '{stem}.yaml'")
    national = code == NATIONAL and Path(file).parent.name == "national"
    if isinstance(code, str) and code not in CODES and not national:
        at(("code",), f"'{code}' is not one of the 50 state codes or DC")
    reviewed = data.get("last_reviewed")
    if isinstance(reviewed, str):
        try:
            day = dt.date.fromisoformat(reviewed)
        except ValueError:
            at(("last_reviewed",), f"'{reviewed}' is not a date (YYYY-MM-DD)")
        else:
            if day > today:
                at(("last_reviewed",), f"{reviewed} is in the future")
            elif (today - day).days > max_age:
                at(
                    ("last_reviewed",),
                    f"not reviewed for {(today - day).days} days (more than {max_age}); check the sources and update last_reviewed",
                    WARNING,
                )
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    listed = set()
    for i, source in enumerate(sources):
        if isinstance(source, dict):
            url = source.get("url")
            listed.add(url)
            if not _url_ok(url):
                at(("sources", i, "url"), f"'{url}' is not a well-formed http(s) URL")
    for i, entity in enumerate(data.get("certifying_entities") or []):
        if isinstance(entity, dict) and entity.get("url") is not None and not _url_ok(entity.get("url")):
            at(("certifying_entities", i, "url"), f"'{entity.get('url')}' is not a well-formed http(s) URL")
    credentials = data.get("credentials") if isinstance(data.get("credentials"), list) else []
    if not credentials and data.get("model") not in (None, "none"):
        at(("credentials",), f"model is '{data.get('model')}' but no credential is listed")
    if credentials and data.get("model") == "none" and not national:
        at(("model",), "model is 'none' but credentials are listed")
    for i, cred in enumerate(credentials):
        if not isinstance(cred, dict):
            continue
        cid = cred.get("id")
        if isinstance(cid, str) and isinstance(code, str) and not cid.startswith(code.lower() + "-"):
            at(("credentials", i, "id"), f"id '{cid}' must start with '{code.lower()}-' (<code>-<acronym>)")
        for j, req in enumerate(cred.get("requirements") or []):
            if isinstance(req, dict) and "source" in req and req["source"] not in listed:
                at(("credentials", i, "requirements", j, "source"), f"source '{req['source']}' is not listed in this file's sources")
            if isinstance(req, dict):
                for path, message in _step_problems(req, len(cred.get("steps") or [])):
                    at(("credentials", i, "requirements", j, *path), message)
        steps = cred.get("steps") if isinstance(cred.get("steps"), list) else []
        requirements = [r for r in cred.get("requirements") or [] if isinstance(r, dict)]
        if len(steps) > 1 and requirements and not any(r.get("step") for r in requirements):
            at(
                ("credentials", i, "steps"),
                f"{cid}: no requirement names one of its {len(steps)} steps, so assess cannot say where a person is (add step: N)",
                WARNING,
            )
        renewal = cred.get("renewal")
        if isinstance(renewal, dict) and "source" in renewal and renewal["source"] not in listed:
            at(("credentials", i, "renewal", "source"), f"source '{renewal['source']}' is not listed in this file's sources")
        for j, dev in enumerate(cred.get("deviations") or []):
            if isinstance(dev, dict) and dev.get("source") not in listed:
                at(("credentials", i, "deviations", j, "source"), f"source '{dev.get('source')}' is not listed in this file's sources")
    from prsscheck.coverage import source_problems

    for problem in source_problems(data, farms, today):
        at(problem.path, problem.message, problem.severity)
    return out


def _step_problems(req: dict, step_count: int) -> list[tuple[tuple, str]]:
    """A requirement's `step` must name one of the credential's steps; `at_hours` must rise to its hours."""
    steps = req.get("step")
    steps = steps if isinstance(steps, list) else [steps] if steps is not None else []
    problems = [
        (("step",), f"step {n} does not exist: the credential lists {step_count} steps")
        for n in steps
        if isinstance(n, int) and n > step_count
    ]
    at_hours = req.get("at_hours")
    if isinstance(at_hours, list) and at_hours:
        if len(at_hours) != len(steps):
            problems.append((("at_hours",), f"at_hours has {len(at_hours)} values but step names {len(steps)} steps"))
        elif any(not isinstance(h, (int, float)) for h in at_hours):
            pass  # the schema reports the type
        elif any(b <= a for a, b in zip(at_hours, at_hours[1:])):
            problems.append((("at_hours",), "at_hours must rise from step to step"))
        elif isinstance(req.get("hours"), (int, float)) and at_hours[-1] != req["hours"]:
            problems.append((("at_hours",), f"the last at_hours value ({at_hours[-1]:g}) must equal hours ({req['hours']:g})"))
    return problems


def cross_file_findings(parsed_files: dict[str, tuple[str, Parsed]], complete_set: bool, folder: str) -> list[Finding]:
    """Checks across files: every jurisdiction once, ids unique everywhere."""
    out: list[Finding] = []
    codes: dict[str, str] = {}
    ids: dict[str, str] = {}
    for file, (_stem, parsed) in parsed_files.items():
        data = parsed.data if isinstance(parsed.data, dict) else {}
        code = data.get("code")
        if isinstance(code, str):
            if code in codes:
                line, column = parsed.marks.get(("code",), (None, None))
                out.append(Finding(file, line, column, "code", f"jurisdiction {code} is already defined in {codes[code]}"))
            else:
                codes[code] = file
        for i, cred in enumerate(data.get("credentials") or []):
            cid = cred.get("id") if isinstance(cred, dict) else None
            if not isinstance(cid, str):
                continue
            if cid in ids:
                line, column = parsed.marks.get(("credentials", i, "id"), (None, None))
                out.append(Finding(file, line, column, f"credentials[{i}].id", f"duplicate credential id '{cid}' (also in {ids[cid]})"))
            else:
                ids[cid] = file
    if complete_set:
        codes.pop(NATIONAL, None)
        for code in CODES:
            if code not in codes:
                out.append(
                    Finding(f"{folder}/{code}.yaml", None, None, "", f"missing: no file declares code {code}; every state and DC needs one")
                )
    return out


# ---------------------------------------------------------------- the whole run


def collect(paths: list[Path]) -> tuple[list[Path], bool, str]:
    """Expand folders into their rule files; say whether a complete rules folder was given."""
    files: list[Path] = []
    complete = False
    folder = ""
    for path in paths:
        if path.is_dir():
            states = path / "states" if (path / "states").is_dir() else path
            files.extend(sorted(states.glob("*.yaml")) + sorted(states.glob("*.yml")))
            files.extend(sorted((path / "national").glob("*.yaml")) if (path / "national").is_dir() else [])
            complete, folder = True, str(states)
        else:
            files.append(path)
    return files, complete, folder


def run(paths: list[Path], schema_path: Path, today: dt.date | None = None, max_age: int = 365, coverage: bool = False) -> Report:
    from prsscheck.coverage import farm_hosts
    from prsscheck.files import TooBig, read_file

    findings: list[Finding] = []
    try:
        farms = farm_hosts(schema_path.parent)
    except ValueError as err:  # TooBig included: the list is unusable, so say so and check without it
        findings.append(Finding(str(schema_path.parent / "content-farms.txt"), None, None, "", str(err)))
        farms = frozenset()

    today = today or dt.date.today()
    files, complete, folder = collect(paths)
    validator, problems = load_schema_all(schema_path)
    findings.extend(problems)
    parsed_files: dict[str, tuple[str, Parsed]] = {}
    for path in files:
        name = str(path)
        try:
            data = read_file(path, yamlfile.MAX_BYTES)
        except TooBig as err:
            findings.append(Finding(name, None, None, "", f"file is {err}"))
            continue
        except FileNotFoundError:
            findings.append(Finding(name, None, None, "", "file not found"))
            continue
        except OSError as err:
            findings.append(Finding(name, None, None, "", f"cannot read the file: {err.strerror}"))
            continue
        parsed, problems = parse(name, data)
        findings.extend(problems)
        if parsed is None:
            continue
        parsed_files[name] = (path.stem, parsed)
        if validator is not None:
            found = schema_findings(name, parsed, validator, str(schema_path))
            if found and found[0].file == str(schema_path):  # the schema itself is broken: say it once
                findings.extend(f for f in found if f not in findings)
                validator = None
            else:
                findings.extend(found)
        findings.extend(file_findings(name, path.stem, parsed, today, max_age, farms))
    findings.extend(cross_file_findings(parsed_files, complete, folder))
    if complete:
        findings.extend(scenario_findings(schema_path.parent, parsed_files))
    findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0))
    report = Report(files=len(files), findings=findings)
    if coverage:
        from prsscheck.coverage import report as coverage_report

        report.coverage = coverage_report(
            p.data for _, p in parsed_files.values() if isinstance(p.data, dict) and p.data.get("code") != NATIONAL
        )
    return report


def scenario_findings(directory: Path, parsed_files: dict[str, tuple[str, Parsed]]) -> list[Finding]:
    """rules/tests/*.yaml: well formed, valid answers, credential ids that exist."""
    from prsscheck import scenarios

    ids = {
        c.get("id")
        for _, p in parsed_files.values()
        if isinstance(p.data, dict)
        for c in p.data.get("credentials") or []
        if isinstance(c, dict)
    }
    cases, problems = scenarios.load(directory)
    problems += scenarios.check(cases, ids)
    return [Finding(p.file, None, None, p.path, p.message) for p in problems]
