"""The command line: parse options, call the core, hand the result to a renderer.

Errors a person can cause end here as one line on stderr and an exit code
(0 ok, 1 rules invalid, 2 usage, 130 interrupted); --debug shows the traceback.
"""

# No `from __future__ import annotations` here: typer reads these annotations at every
# start, and evaluating them from strings cost ~5 ms (bench/run.py).
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from prsscheck import __version__
from prsscheck.errors import UsageProblem

try:  # typer >= 0.22 carries its own copy of click
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click  # type: ignore[no-redef]

class Group(typer.core.TyperGroup):
    """The root command: every error a person can cause becomes one line and an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        from prsscheck.errors import AnswersError, Interrupted, RulesError, UsageProblem
        from prsscheck.jurisdictions import UnknownJurisdiction

        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        try:
            result = super().main(args, prog_name or "prsscheck", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except typer.Exit as done:
            code = done.exit_code
            if isinstance(done.__cause__, KeyboardInterrupt) and not debug:
                code = _fail("Interrupted.", 130)
        except click.NoArgsIsHelpError:
            code = 2  # the help was printed
        except click.UsageError as err:
            if debug:
                raise
            where = err.ctx.command_path if err.ctx else "prsscheck"
            code = _fail(f"{err.format_message().replace('Value error, ', '')} (see '{where} --help')", 2)
        except (UsageProblem, UnknownJurisdiction, AnswersError) as err:
            if debug:
                raise
            code = _fail(str(err), 2)
        except RulesError as err:
            if debug:
                raise
            code = _fail(str(err), err.exit_code)
        except (KeyboardInterrupt, typer.Abort, Interrupted):
            if debug:
                raise
            code = _fail("Interrupted. Nothing more was saved.", 130)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 0
        except click.ClickException as err:
            if debug:
                raise
            code = _fail(err.format_message(), err.exit_code)
        except Exception as err:  # noqa: BLE001 - the last line of defence: never a traceback
            if debug:
                raise
            code = _fail(f"unexpected error ({type(err).__name__}: {err}). If you edited rule files, run 'prsscheck validate'; add --debug for details.", 1)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=Group,
    name="prsscheck",
    help="Which peer recovery support specialist certifications can you get, and what remains? Rules for all 50 states and DC.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class Model(str, Enum):
    integrated = "integrated"
    separate = "separate"
    mental_health_only = "mental_health_only"
    substance_use_only = "substance_use_only"
    none = "none"


class Lived(str, Enum):
    mental_health = "mental_health"
    substance_use = "substance_use"
    family = "family"
    youth = "youth"


STATE = {"rules_dir": None, "debug": False}


def _complete_codes(incomplete: str) -> list[str]:
    from prsscheck.jurisdictions import CODES

    return [c for c in CODES if c.lower().startswith(incomplete.lower())]


def _complete_credential_ids(incomplete: str) -> list[str]:
    from prsscheck import rules

    try:
        directory = rules.rules_dir(STATE["rules_dir"])
        return [c.id for j in rules.load_all(directory) for c in j.credentials if c.id.startswith(incomplete.lower())]
    except Exception:  # completion must never print an error into the shell
        return []


def _version(value: bool) -> None:
    if value:
        print(f"prsscheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    rules_dir: Optional[Path] = typer.Option(None, "--rules-dir", metavar="DIR", help="Use the rules in DIR (holds schema.json and states/). Also: $PRSSCHECK_RULES_DIR."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors (for developers)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """prsscheck: peer recovery support certification, state by state.

    Example: prsscheck assess
    """
    STATE["rules_dir"] = rules_dir
    STATE["debug"] = debug


def _fmt(fmt: Format, json_flag: bool) -> str:
    return "json" if json_flag else fmt.value


def _rules_dir(here: Path | None = None) -> Path:
    """The rules folder: the command's own --rules-dir, else the root one, else env, else packaged."""
    from prsscheck import rules

    return rules.rules_dir(here or STATE["rules_dir"])


# Accepted after the command too (`prsscheck validate --rules-dir rules`), as people type it.
RULES_DIR_OPTION = typer.Option(None, "--rules-dir", metavar="DIR", help="Use the rules in DIR (holds schema.json and states/).")


FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format: table, markdown, csv or json.")
JSON_OPTION = typer.Option(False, "--json", help="Shorthand for --format json.")


# ---------------------------------------------------------------- assess


@app.command()
def assess(
    state: Optional[str] = typer.Option(None, "--state", "-s", help="The state (code or name); overrides the answers file.", autocompletion=_complete_codes),
    answers: Optional[str] = typer.Option(None, "--answers", "-a", metavar="FILE", help="Read answers from a YAML or JSON file ('-' for stdin) instead of asking."),
    all_states: bool = typer.Option(False, "--all-states", help="Verdicts for all 51 jurisdictions, closest to eligible first."),
    batch: Optional[Path] = typer.Option(None, "--answers-batch", metavar="FILE", help="Many profiles, one per row (.csv or .jsonl); prints JSON Lines."),
    save: bool = typer.Option(False, "--save", help="Save your answers on this computer (mode 0600) to --resume later."),
    resume: bool = typer.Option(False, "--resume", help="Continue from saved answers."),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Answer a short interview and see which certifications you qualify for and what remains.

    Example: prsscheck assess --answers me.yaml --all-states
    """
    from prsscheck import assess as flow

    directory = _rules_dir(rules_dir)
    if batch:
        flow.run_batch(directory, batch, state)
        return
    flow.run(directory, state=state, answers_file=answers, all_states=all_states, save=save, resume=resume, fmt=_fmt(fmt, json_flag))


@app.command()
def forget() -> None:
    """Delete the answers saved on this computer, and say what was deleted.

    Example: prsscheck forget
    """
    from prsscheck import store

    deleted = store.forget()
    if deleted:
        for path in deleted:
            print(f"Deleted {path}")
    else:
        print(f"Nothing to delete: no saved answers in {store.data_dir()}.")


# ---------------------------------------------------------------- counselors' views


@app.command()
def show(
    code: str = typer.Argument(..., metavar="STATE", help="A code (TX) or a name (Texas).", autocompletion=_complete_codes),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Show one jurisdiction: every credential, every requirement with its source.

    Example: prsscheck show TX --format markdown > texas.md
    """
    from prsscheck import rules, views
    from prsscheck.render import emit

    (jurisdiction,) = rules.load_named(_rules_dir(rules_dir), [code])
    emit(views.show(jurisdiction), _fmt(fmt, json_flag))


@app.command()
def compare(
    codes: List[str] = typer.Argument(..., metavar="STATE STATE...", help="Two or more codes or names.", autocompletion=_complete_codes),
    credential: Optional[List[str]] = typer.Option(None, "--credential", "-c", metavar="ID", help="Only these credential ids (repeatable).", autocompletion=_complete_credential_ids),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Compare the requirements of two or more jurisdictions side by side.

    Example: prsscheck compare TX MO --credential tx-rsps --credential mo-cps
    """
    from prsscheck import rules, views
    from prsscheck.jurisdictions import resolve
    from prsscheck.render import emit

    if len(codes) < 2:
        raise UsageProblem("compare needs two or more states, e.g. 'prsscheck compare TX MO'; for one state use 'prsscheck show " + codes[0] + "'.")
    unique = list(dict.fromkeys(resolve(c) for c in codes))
    jurisdictions = rules.load_all(_rules_dir(rules_dir), unique)
    wanted = [c.lower() for c in credential or []]
    known = {c.id for j in jurisdictions for c in j.credentials}
    for cid in wanted:
        if cid not in known:
            raise UsageProblem(f"Unknown credential '{cid}' in {', '.join(unique)}. Known: {', '.join(sorted(known)) or 'none'}.")
    emit(views.compare(jurisdictions, wanted), _fmt(fmt, json_flag))


@app.command("list")
def list_(
    model: Optional[Model] = typer.Option(None, "--model", help="Only this certification model."),
    lived_experience: Optional[Lived] = typer.Option(None, "--lived-experience", help="Only jurisdictions with a credential for this lived experience."),
    icrc: bool = typer.Option(False, "--icrc", help="Only jurisdictions with an IC&RC member board."),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """List all 51 jurisdictions with model, credentials and last-reviewed date.

    Example: prsscheck list --model separate --format csv > separate.csv
    """
    from prsscheck import rules, views
    from prsscheck.render import emit

    chosen = []
    for j in rules.load_all(_rules_dir(rules_dir)):
        if model and j.model != model.value:
            continue
        if icrc and j.icrc_member is not True:
            continue
        if lived_experience and not any(_fits(c.lived_experience, lived_experience.value) for c in j.credentials):
            continue
        chosen.append(j)
    emit(views.listing(chosen), _fmt(fmt, json_flag))


def _fits(credential_kind: str, wanted: str) -> bool:
    return credential_kind == wanted or (credential_kind == "either" and wanted in ("mental_health", "substance_use"))


@app.command()
def summary(fmt: Format = FORMAT_OPTION, json_flag: bool = JSON_OPTION, rules_dir: Optional[Path] = RULES_DIR_OPTION) -> None:
    """The national picture: models today and in 2021, ranges of required hours.

    Example: prsscheck summary --json
    """
    from prsscheck import rules, views
    from prsscheck.render import emit

    emit(views.summary(rules.load_all(_rules_dir(rules_dir))), _fmt(fmt, json_flag))


# ---------------------------------------------------------------- maintainers


@app.command()
def validate(
    paths: Optional[List[Path]] = typer.Argument(None, help="Rule files or folders (default: the rules in use)."),
    json_flag: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    max_age: int = typer.Option(365, "--max-age", metavar="DAYS", min=1, help="Warn when last_reviewed is older than DAYS."),
    schema: Optional[Path] = typer.Option(None, "--schema", help="The schema to use (default: schema.json beside the rules)."),
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Check rule files: schema, YAML, and checks across files. Exit 1 on errors.

    Example: prsscheck validate --rules-dir rules --strict
    """
    from prsscheck import validate as checker

    directory = None if paths and schema else _rules_dir(rules_dir)
    report = checker.run(list(paths or [directory]), schema or directory / "schema.json", max_age=max_age)
    if json_flag:
        import json

        print(json.dumps({"files": report.files, "errors": report.errors, "warnings": report.warnings, "findings": [f.as_dict() for f in report.findings]}, indent=2))
    else:
        for f in report.findings:
            where = ":".join(str(x) for x in (f.file, f.line, f.column) if x is not None)
            path = f"{f.path}: " if f.path else ""
            print(f"{where}: {f.severity}: {path}{f.message}")
        print(report.summary())
    raise typer.Exit(report.exit_code(strict))


# ---------------------------------------------------------------- the entry point


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"prsscheck: {message}\n")
    return code


def main(argv: list[str] | None = None) -> None:
    app(args=argv, prog_name="prsscheck")


if __name__ == "__main__":
    main()
