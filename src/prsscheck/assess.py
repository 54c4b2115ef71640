"""`prsscheck assess`: gather the answers (file, saved, or interview), evaluate, render.

The command function in cli.py only forwards options here; this module wires the
pieces together and owns the interview's edge cases (no terminal, EOF, Ctrl-C).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from prsscheck import engine, rules, views
from prsscheck.answers import parse_text, profile_from_mapping, profile_to_mapping
from prsscheck.errors import AnswersError, Interrupted
from prsscheck.jurisdictions import resolve


def read_answers(answers_file: str) -> tuple[str, str]:
    if answers_file == "-":
        return sys.stdin.read(), "stdin"
    path = Path(answers_file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnswersError(f"answers file not found: {path}") from None
    except IsADirectoryError:
        raise AnswersError(f"{path} is a folder; --answers takes a YAML or JSON file") from None
    except OSError as err:
        raise AnswersError(f"cannot read the answers file {path}: {err.strerror}") from None
    from prsscheck import yamlfile

    try:
        return yamlfile.decode(data), str(path)
    except yamlfile.YamlError as err:
        raise AnswersError(f"{path}: {err.message}") from None


def run(directory: Path, *, state: str | None, answers_file: str | None, all_states: bool, save: bool, resume: bool, fmt: str) -> None:
    from prsscheck.render import emit

    answers: dict[str, Any] = {}
    if resume:
        from prsscheck import store

        text = store.load_text()
        if text is None:
            raise AnswersError(f"no saved answers to resume in {store.data_dir()}; run 'prsscheck assess --save' first")
        answers = profile_to_mapping(parse_text(text, str(store.answers_path())))
    if answers_file:
        answers.update(profile_to_mapping(parse_text(*read_answers(answers_file))))
    if state:
        answers["state"] = resolve(state)

    interactive = not answers_file
    if all_states:
        if interactive and not resume:
            raise AnswersError("--all-states needs --answers FILE (or --resume): the interview asks about one state at a time")
        profile = profile_from_mapping(answers)
        emit(views.all_states(evaluate_all(directory, profile)), fmt)
        return

    reflections: list[str] = []
    if interactive:
        from prsscheck.interview import clean

        # With --json/--format, questions go to stderr so stdout holds only the result.
        answers, reflections = interview(directory, answers, save, to_stderr=fmt != "table")
        answers = clean(answers)
    elif "state" not in answers:
        raise AnswersError("the answers name no state: add 'state: TX' to the file or use --state TX")
    profile = profile_from_mapping(answers)
    if profile.credentials_held:  # IC&RC reciprocity looks across all states
        jurisdictions, reciprocal = load_with_reciprocity(directory)
        jurisdiction = next(j for j in jurisdictions if j.code == profile.state)
    else:
        jurisdiction, reciprocal = rules.load_jurisdiction(directory, profile.state), frozenset()
    verdicts = engine.evaluate_jurisdiction(profile, jurisdiction, reciprocal)
    if not reflections:
        from prsscheck.interview import reflections as words

        reflections = words(answers)
    emit(views.assessment(jurisdiction, verdicts, reflections), fmt)
    if save and not interactive:
        _save(answers)


def load_with_reciprocity(directory: Path) -> tuple[list, frozenset[str]]:
    """All 51 jurisdictions and the ids of credentials that carry IC&RC reciprocity."""
    jurisdictions = rules.load_all(directory)
    return jurisdictions, engine.icrc_reciprocal_ids(jurisdictions)


def evaluate_all(directory: Path, profile: engine.Profile) -> list[tuple[Any, list[engine.Verdict]]]:
    jurisdictions, reciprocal = load_with_reciprocity(directory)
    rows = [(j, engine.evaluate_jurisdiction(profile, j, reciprocal)) for j in jurisdictions]
    rows.sort(key=lambda row: (engine.rank(row[1][0]) if row[1] else (9, 0, ""), row[0].code))
    return rows


def _save(answers: dict[str, Any]) -> None:
    from prsscheck import store
    from prsscheck.interview import clean

    path = store.save(clean(answers))
    sys.stderr.write(f"Saved your answers to {path} (only you can read it). Delete them with: prsscheck forget\n")


def interview(directory: Path, answers: dict[str, Any], save: bool, to_stderr: bool = False) -> tuple[dict[str, Any], list[str]]:
    from rich.console import Console

    from prsscheck import interview as iv

    if not sys.stdin.isatty():
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
            return answers, []
        asker.run(iv.plan(jurisdiction), answers)
    except EOFError:
        console.print()
        _offer_save(console, asker, answers, save)
        raise AnswersError("input ended before the interview finished; run 'prsscheck assess' in a terminal or use --answers FILE") from None
    except KeyboardInterrupt:
        console.print()
        _offer_save(console, asker, answers, save)
        raise Interrupted() from None
    if save:
        _save(answers)
    return answers, iv.reflections(answers)


def _offer_save(console, asker, answers: dict[str, Any], save: bool) -> None:
    """After Ctrl-C or EOF: keep what was given only if the person says so (or chose --save)."""
    from prsscheck.interview import clean

    given = clean(answers)
    if len(given) <= 1:  # nothing beyond the state
        return
    if save:
        _save(answers)
        return
    try:
        reply = asker.read("Save the answers you gave so you can continue later with 'prsscheck assess --resume'? [y/N] ")
    except (EOFError, KeyboardInterrupt):
        return
    if reply.strip().lower() in ("y", "yes"):
        _save(answers)


# ---------------------------------------------------------------- many profiles at once


def read_batch(path: Path) -> list[dict[str, Any]]:
    import csv
    import json

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise AnswersError(f"cannot read the batch file {path}: {err.strerror}") from None
    except UnicodeDecodeError:
        raise AnswersError(f"{path} is not UTF-8 text") from None
    rows: list[dict[str, Any]] = []
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise AnswersError(f"{path}:{number}: not valid JSON ({err.msg})") from None
        return rows
    if path.suffix.lower() != ".csv":
        raise AnswersError(f"{path}: --answers-batch takes a .csv or .jsonl file")
    lists = {"lived_experience", "exam_passed", "credentials_held"}
    numbers = {"age", "recovery_months", "training_hours", "experience_hours", "supervised_hours"}
    for record in csv.DictReader(text.splitlines()):
        row: dict[str, Any] = {}
        for key, value in record.items():
            value = (value or "").strip()
            if value == "":
                continue
            if key in lists:
                row[key] = [v for v in value.replace(",", ";").split(";") if v]
            elif key in numbers:
                try:
                    row[key] = float(value) if "." in value else int(value)
                except ValueError:
                    row[key] = value  # the profile check names the key
            elif key in ("in_state", "willing_to_share"):
                row[key] = value.lower() in ("true", "yes", "y", "1")
            else:
                row[key] = value
        rows.append(row)
    return rows


def run_batch(directory: Path, path: Path, state: str | None) -> None:
    """One JSON line per profile: the status of each credential in its state, or in every state
    when it names none. Statuses only (engine.status), so agencies can run many thousands;
    `assess --answers` gives one person's full picture."""
    import json

    records = read_batch(path)
    profiles = []
    for number, record in enumerate(records, 1):
        try:
            profiles.append(profile_from_mapping(record))
        except AnswersError as err:
            raise AnswersError(f"{path}: row {number}: {err}") from None
    jurisdictions, reciprocal = load_with_reciprocity(directory)
    contexts = {j.code: (j, engine.Context(icrc_reciprocal_ids=reciprocal, state_name=j.name)) for j in jurisdictions}
    forced = resolve(state) if state else None
    write = sys.stdout.write
    for number, profile in enumerate(profiles, 1):
        code = forced or profile.state
        chosen = [contexts[code]] if code else contexts.values()
        results = [
            {"state": j.code, "credential": credential.id, "status": engine.status(profile, credential, context)}
            for j, context in chosen
            for credential in j.credentials
        ]
        write(json.dumps({"row": number, "state": code, "results": results}) + "\n")
