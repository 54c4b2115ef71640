"""`prsscheck assess`: gather the answers (file, saved, or interview), evaluate, render.

The command function in cli.py only forwards options here; this module wires the
pieces together and owns the interview's edge cases (no terminal, EOF, Ctrl-C).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

from prsscheck import engine, rules, views
from prsscheck.answers import profile_from_mapping, profile_to_mapping
from prsscheck.errors import AnswersError, Interrupted, StoreError
from prsscheck.jurisdictions import resolve


def _stdin_bytes(limit: int) -> bytes:
    from prsscheck.files import read_stream

    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise AnswersError("stdin is closed: pipe the answers in (--answers - < me.yaml) or use --answers FILE")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return read_stream(buffer, limit)
    return stream.read(limit + 1).encode("utf-8", "surrogateescape")


def read_answers(answers_file: str) -> tuple[str, str]:
    """The text of an answers file ('-': stdin), at most yamlfile.MAX_BYTES, checked to be
    UTF-8 text; AnswersError naming the file otherwise."""
    from prsscheck import yamlfile
    from prsscheck.files import TooBig, read_file

    name = "stdin" if answers_file == "-" else answers_file
    try:
        data = _stdin_bytes(yamlfile.MAX_BYTES) if answers_file == "-" else read_file(answers_file, yamlfile.MAX_BYTES)
    except TooBig as err:
        raise AnswersError(f"{name}: {err}; an answers file is a few lines") from None
    except FileNotFoundError:
        raise AnswersError(f"answers file not found: {name}") from None
    except IsADirectoryError:
        raise AnswersError(f"{name} is a folder; --answers takes a YAML or JSON file") from None
    except OSError as err:
        raise AnswersError(f"cannot read the answers file {name}: {err.strerror}") from None
    try:
        return yamlfile.decode(data), name
    except yamlfile.YamlError as err:
        line = f":{err.line}" if err.line else ""
        raise AnswersError(f"{name}{line}: {err.message}") from None


def parse_answers(text: str, name: str) -> Any:
    """An answers file's text (YAML or JSON) to a Profile, strictly: a duplicate key, a YAML 1.1
    base-60 (1:30) or octal (0100) number, a number too long are errors naming the key."""
    from prsscheck import yamlfile

    data: Any = _NOT_JSON
    if text.lstrip().startswith("{"):
        import json

        try:
            data = yamlfile.load_json_strict(text)
        except json.JSONDecodeError:
            pass  # YAML flow style, or broken: the YAML reader says which, with a line
        except yamlfile.YamlError as err:
            raise AnswersError(f"{name}: {err.message}") from None
    if data is _NOT_JSON:
        try:
            data = yamlfile.load_answers(text)
        except yamlfile.StrictError as err:
            where = f", line {err.line}" if err.line else ""
            raise AnswersError(f"{name}{where}: {err.message}") from None
        except yamlfile.YamlError as err:
            where = f" at line {err.line}" if err.line else ""
            raise AnswersError(f"{name} is not valid YAML or JSON{where}: {err.message}") from None
    try:
        return profile_from_mapping(data)
    except AnswersError as err:
        raise AnswersError(f"{name}: {err}") from None


_NOT_JSON = object()


def run(
    directory: Path,
    *,
    state: str | None,
    answers_file: str | None,
    all_states: bool,
    save: bool,
    resume: bool,
    fmt: str,
    held: tuple[str, ...] = (),
    moving_from: str | None = None,
) -> None:
    from prsscheck.render import emit

    answers: dict[str, Any] = {}
    if resume:
        from prsscheck import store

        text = store.load_text()
        if text is None:
            raise AnswersError(f"no saved answers to resume in {store.data_dir()}; run 'prsscheck assess --save' first")
        answers = profile_to_mapping(parse_answers(text, str(store.answers_path())))
    if answers_file:
        answers.update(profile_to_mapping(parse_answers(*read_answers(answers_file))))
    if state:
        answers["state"] = resolve(state)
    if held:
        answers["credentials_held"] = list(dict.fromkeys([*(answers.get("credentials_held") or []), *held]))

    interactive = not answers_file and not moving_from
    if all_states:
        if interactive and not resume:
            raise AnswersError("--all-states needs --answers FILE (or --resume): the interview asks about one state at a time")
        profile = profile_from_mapping(answers)
        emit(views.all_states(evaluate_all(directory, profile)), fmt)
        if save and answers_file:
            _raise_unsaved(_save(answers))
        return

    reflections: list[str] = []
    unsaved: StoreError | None = None
    if interactive:
        from prsscheck.interview import clean

        # With --json/--format, questions go to stderr so stdout holds only the result.
        answers, reflections, unsaved = interview(directory, answers, save, to_stderr=fmt != "table")
        answers = clean(answers)
    elif "state" not in answers:
        raise AnswersError("the answers name no state: add 'state: TX' to the file or use --state TX")
    profile = profile_from_mapping(answers)
    emit(assessment(directory, profile, answers, reflections, moving_from), fmt)
    if save and not interactive:
        unsaved = _save(answers)
    _raise_unsaved(unsaved)


def assessment(directory: Path, profile: engine.Profile, answers: dict[str, Any], reflections: list[str], moving_from: str | None = None):
    """The document for one person in one state: its credentials, the national ones, and (with
    no state credential) neighbours' credentials open to people from elsewhere."""
    import datetime as dt

    from prsscheck.select import fits, neighbour_options

    jurisdiction = rules.load_jurisdiction(directory, profile.state)
    national = rules.load_national(directory)
    wide = bool(profile.credentials_held or profile.moving_to or not jurisdiction.credentials)
    # Reciprocity and credential names look across all states, but only when someone needs them.
    everything = rules.load_all(directory) if wide else [jurisdiction]
    if national is not None:
        everything = [*everything, national]
    reciprocal = engine.icrc_reciprocal_ids(everything)
    names = engine.titles(everything)
    today = dt.date.today().isoformat()
    verdicts = engine.evaluate_jurisdiction(profile, jurisdiction, reciprocal, names=names, today=today)
    alternatives = engine.evaluate_jurisdiction(profile, national, reciprocal, names=names, today=today) if national else []
    neighbours = []
    if not jurisdiction.credentials:
        by_code = {j.code: j for j in everything}
        lived = profile.lived_experience if isinstance(profile.lived_experience, tuple) else ()
        neighbours = [
            (there, c, rule)
            for there, c, rule in neighbour_options(jurisdiction, by_code)
            if not lived or any(fits(c.lived_experience, mine) for mine in lived)  # only what the person could hold
        ]
    moving = None
    if profile.moving_to and profile.moving_to != profile.state:
        there = next(j for j in everything if j.code == profile.moving_to)
        moving = (there, engine.evaluate_jurisdiction(profile.replace(in_state=True), there, reciprocal, names=names, today=today))
    if not reflections:
        from prsscheck.interview import reflections as words

        reflections = words(answers)
    held_from = moving_from or (profile.credentials_held[0].split("-")[0].upper() if profile.credentials_held else None)
    return views.assessment(
        jurisdiction,
        verdicts,
        reflections,
        alternatives=alternatives,
        neighbours=neighbours,
        moving=moving,
        held_from=held_from,
        names=names,
    )


def _raise_unsaved(problem: StoreError | None) -> None:
    """After the results: a save that failed ends the command with its one line (exit 2)."""
    if problem is not None:
        raise problem


def load_with_reciprocity(directory: Path) -> tuple[list, frozenset[str]]:
    """All 51 jurisdictions and the ids of credentials that carry IC&RC reciprocity."""
    jurisdictions = rules.load_all(directory)
    return jurisdictions, engine.icrc_reciprocal_ids(jurisdictions)


def evaluate_all(directory: Path, profile: engine.Profile) -> list[tuple[Any, list[engine.Verdict]]]:
    jurisdictions, reciprocal = load_with_reciprocity(directory)
    rows = [(j, engine.evaluate_jurisdiction(profile, j, reciprocal)) for j in jurisdictions]
    rows.sort(key=lambda row: (engine.rank(row[1][0]) if row[1] else (9, 0, ""), row[0].code))
    return rows


def _save(answers: dict[str, Any]) -> StoreError | None:
    """Save, and say where; a failure is returned (not raised) so the results still come."""
    from prsscheck import store
    from prsscheck.interview import clean

    try:
        path = store.save(clean(answers))
    except StoreError as err:
        return err
    sys.stderr.write(f"Saved your answers to {path} (only you can read it). Delete them with: prsscheck forget\n")
    return None


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed
        return False


def interview(
    directory: Path, answers: dict[str, Any], save: bool, to_stderr: bool = False
) -> tuple[dict[str, Any], list[str], StoreError | None]:
    """Ask; return the answers, the reflections, and the save problem when --save failed
    (shown after the results, so a failed save never throws the interview away)."""
    from rich.console import Console

    from prsscheck import interview as iv

    if not _stdin_is_terminal():
        raise AnswersError("the interview needs a terminal to ask questions; for files and scripts use --answers FILE (or '-' for stdin)")
    console = Console(highlight=False, stderr=to_stderr)
    asker = iv.Asker(console)
    console.print("[bold]prsscheck[/bold]: a few questions about where you are on the way to peer certification.")
    console.print('Your answers stay on this computer. Type "prefer not to say" on sensitive questions. Ctrl-C stops at any time.')
    try:
        if "state" not in answers:
            answers["state"] = asker.ask_state(resolve)
        jurisdiction = rules.load_jurisdiction(directory, answers["state"])
        if not jurisdiction.credentials:
            return answers, [], None
        known = frozenset(c.id for j in rules.load_all(directory) for c in j.credentials)
        national = rules.load_national(directory)
        if national is not None:
            known |= {c.id for c in national.credentials}
        asker.run(iv.plan(jurisdiction, known), answers)
    except EOFError:
        console.print()
        _offer_save(console, asker, answers, save)
        raise AnswersError(
            "input ended before the interview finished; run 'prsscheck assess' in a terminal or use --answers FILE"
        ) from None
    except KeyboardInterrupt:
        console.print()
        _offer_save(console, asker, answers, save)
        raise Interrupted() from None
    unsaved = _save(answers) if save else None
    return answers, iv.reflections(answers), unsaved


def _offer_save(console, asker, answers: dict[str, Any], save: bool) -> None:
    """After Ctrl-C or EOF: keep what was given only if the person says so (or chose --save)."""
    from prsscheck.interview import clean

    given = clean(answers)
    if len(given) <= 1:  # nothing beyond the state
        return
    if save:
        _say_unsaved(_save(answers))
        return
    try:
        reply = asker.read("Save the answers you gave so you can continue later with 'prsscheck assess --resume'? [y/N] ")
    except (EOFError, KeyboardInterrupt):
        return
    if reply.strip().lower() in ("y", "yes"):
        _say_unsaved(_save(answers))


def _say_unsaved(problem: StoreError | None) -> None:
    if problem is not None:
        problem.show()


# ---------------------------------------------------------------- many profiles at once


BATCH_MAX_BYTES = 64 * 1024 * 1024  # ~500,000 rows of a typical CSV
TRUE = ("true", "yes", "y", "1")
FALSE = ("false", "no", "n", "0")


class BatchRow(NamedTuple):
    """One profile of a batch file: its data-row number, the file line it starts on, and
    either the record or why it could not be read."""

    number: int
    line: int
    record: dict[str, Any] | None
    error: str | None = None


def _csv_types() -> dict[str, str]:
    """The CSV cell type of each answer, from the registry of answers (kinds.py)."""
    from prsscheck.kinds import ANSWERS

    return {key: answer.csv for key, answer in ANSWERS.items()}


def _cell(key: str, value: str, kind: str) -> Any:
    """A CSV cell as the answers file would hold it; AnswersError when it cannot be one."""
    if kind == "ids":
        return [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]
    if kind in ("int", "float"):
        try:
            return float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return value  # the profile check names the key and says what is allowed
    if kind == "bool":
        word = value.lower()
        if word in TRUE:
            return True
        if word in FALSE:
            return False
        raise AnswersError(f"'{key}' must be true or false (or yes/no, y/n, 1/0), not {value!r}")
    if kind == "skip":
        raise AnswersError(f"'{key}' cannot be given in a CSV file; use a .jsonl file for it")
    return value


def _read_batch_text(path: Path) -> str:
    from prsscheck.files import TooBig, read_file

    try:
        data = read_file(path, BATCH_MAX_BYTES)
    except TooBig as err:
        raise AnswersError(f"{path}: {err}; split the file") from None
    except FileNotFoundError:
        raise AnswersError(f"batch file not found: {path}") from None
    except OSError as err:
        raise AnswersError(f"cannot read the batch file {path}: {err.strerror}") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AnswersError(f"{path}:{line}: the file holds binary data (a NUL byte), not text")
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AnswersError(f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); save it as CSV UTF-8") from None


def read_batch(path: Path) -> list[BatchRow]:
    """The profiles of a .csv or .jsonl file. A problem with the whole file (unreadable, a bad
    header) is an AnswersError; a problem with one row is kept in that row."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise AnswersError(f"{path}: --answers-batch takes a .csv or .jsonl file")
    text = _read_batch_text(path)
    rows: list[BatchRow] = []
    if suffix == ".jsonl":
        import json

        from prsscheck import yamlfile

        for line_number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            number = len(rows) + 1
            try:
                rows.append(BatchRow(number, line_number, yamlfile.load_json_strict(line)))
            except json.JSONDecodeError as err:
                rows.append(BatchRow(number, line_number, None, f"not valid JSON ({err.msg})"))
            except yamlfile.YamlError as err:
                rows.append(BatchRow(number, line_number, None, err.message))
        return rows
    return _read_csv(path, text)


def _read_csv(path: Path, text: str) -> list[BatchRow]:
    import csv
    import difflib
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise AnswersError(f"{path}: no header row; the first line names the columns, e.g. state,age,lived_experience")
        types = _csv_types()
        seen: set[str] = set()
        for column in header:
            if column in seen and column:
                raise AnswersError(f"{path}:1: column '{column}' appears twice in the header")
            seen.add(column)
            if column and column not in types:
                close = difflib.get_close_matches(column, list(types), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; known columns: {', '.join(types)}"
                raise AnswersError(f"{path}:1: unknown column '{column}'{hint}")
        rows: list[BatchRow] = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue  # a blank line
            number = len(rows) + 1
            try:
                if len(cells) > len(header):
                    raise AnswersError(f"{len(cells)} fields, but the header names {len(header)} columns")
                record: dict[str, Any] = {}
                for column, value in zip(header, cells):
                    value = value.strip()
                    if value == "":
                        continue
                    if not column:
                        raise AnswersError(f"a value ({value!r}) under a column with no name")
                    record[column] = _cell(column, value, types[column])
                rows.append(BatchRow(number, line, record))
            except AnswersError as err:
                rows.append(BatchRow(number, line, None, str(err)))
    except csv.Error as err:
        raise AnswersError(f"{path}:{reader.line_num}: not valid CSV ({err})") from None
    return rows


def run_batch(directory: Path, path: Path, state: str | None) -> None:
    """One JSON line per profile: the status of each credential in its state, or in every state
    when it names none. Statuses only (engine.status), so agencies can run many thousands;
    `assess --answers` gives one person's full picture. A row that cannot be read becomes a
    {"row", "line", "error"} line (and a line on stderr naming the file line); the good rows
    are all written, and the exit code is 2 when any row failed."""
    import json

    from prsscheck.errors import clean, fail

    forced = resolve(state) if state else None
    rows = read_batch(path)
    jurisdictions, reciprocal = load_with_reciprocity(directory)
    contexts = {j.code: (j, engine.Context(icrc_reciprocal_ids=reciprocal, state_name=j.name)) for j in jurisdictions}
    write = sys.stdout.write
    failed = 0
    for row in rows:
        error = row.error
        if error is None:
            try:
                profile = profile_from_mapping(row.record)
            except AnswersError as err:
                error = str(err)
        if error is not None:
            failed += 1
            fail(f"{path}:{row.line}: row {row.number}: {error}")
            write(json.dumps({"row": row.number, "line": row.line, "error": clean(error)}) + "\n")
            continue
        code = forced or profile.state
        chosen = [contexts[code]] if code else contexts.values()
        results = [
            {"state": j.code, "credential": credential.id, "status": engine.status(profile, credential, context)}
            for j, context in chosen
            for credential in j.credentials
        ]
        write(json.dumps({"row": row.number, "state": code, "results": results}) + "\n")
    if failed:
        raise AnswersError(f"{path}: {failed} of {len(rows)} rows could not be read (listed above); the other rows were written")
