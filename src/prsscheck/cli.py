"""The command line: parse options, call the core, hand the result to a renderer.

Errors a person can cause are click exceptions with their own exit code and a one-line,
escaped show() (errors.py), so click's own error handling prints them. What is left here:
--debug (a traceback instead of the line), Ctrl-C (130), a reader that went away
(`| head`: exit 0, quietly), output that cannot be written, and a last-resort line for
anything unexpected. Options travel in ctx.obj.
"""

# No `from __future__ import annotations` here: typer reads these annotations at every
# start, and evaluating them from strings cost ~5 ms (bench/run.py).
import errno
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, NamedTuple, Optional

import click
import typer

from prsscheck import __version__
from prsscheck.errors import PrsscheckError, UsageProblem, clean

# Output that could not be written: a full disk, /dev/full, an I/O error.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests)
        pass


class Group(typer.core.TyperGroup):
    """The root command."""

    def invoke(self, ctx: click.Context):
        from prsscheck.jurisdictions import UnknownJurisdiction

        try:
            try:
                return super().invoke(ctx)
            finally:
                if sys.stdout is not None:
                    sys.stdout.flush()  # a write error shows here, not at exit
        except UnknownJurisdiction as err:
            if isinstance(ctx.obj, Options) and ctx.obj.debug:
                raise  # the developer's traceback names the real exception
            raise UsageProblem(str(err)) from err
        except (KeyboardInterrupt, click.Abort) as err:
            raise PrsscheckError("Interrupted.", 130) from err
        except EOFError as err:
            raise PrsscheckError("input ended before prsscheck had what it needed.", 2) from err
        except OSError as err:
            if err.errno == errno.EPIPE:  # the reader went away (`| head`): stop quietly
                _quiet_stdout()
                raise click.exceptions.Exit(0) from None
            if err.errno in _WRITE_ERRNOS and not getattr(err, "filename", None):
                _quiet_stdout()
                raise PrsscheckError(f"the output could not be written ({err.strerror}).", 1) from err
            raise

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        try:
            result = super().main(args, prog_name or "prsscheck", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.ClickException as err:
            if debug:
                raise
            if isinstance(err, click.UsageError) and not isinstance(err, click.exceptions.NoArgsIsHelpError):
                where = err.ctx.command_path if err.ctx else "prsscheck"
                err = UsageProblem(f"{err.format_message().replace('Value error, ', '')} (see '{where} --help')")
            err.show()
            code = err.exit_code
        except Exception as err:  # noqa: BLE001 - the last line of defence: never a traceback
            if debug:
                raise
            PrsscheckError(
                f"unexpected error ({type(err).__name__}: {err}). "
                "If you edited rule files, run 'prsscheck validate'; add --debug for details."
            ).show()
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


# Help is plain click text (rich_markup_mode=None), but typer 0.20 still escapes "[default: ...]"
# for rich whenever rich is installed, and click then prints the backslash: "\[default: table]".
typer.core.HAS_RICH = False

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


class Options(NamedTuple):
    """The root options, in ctx.obj for every command."""

    rules_dir: Optional[Path] = None
    debug: bool = False


def _options(ctx: click.Context) -> Options:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Options) else Options()


def _complete_codes(incomplete: str) -> List[str]:
    from prsscheck.jurisdictions import CODES

    return [c for c in CODES if c.lower().startswith(incomplete.lower())]


def _complete_credential_ids(ctx: typer.Context, incomplete: str) -> List[str]:
    from prsscheck import rules

    try:
        directory = rules.rules_dir(_options(ctx).rules_dir, quiet=True)
        return [c.id for j in rules.load_all(directory) for c in j.credentials if c.id.startswith(incomplete.lower())]
    except Exception:  # completion must never print an error into the shell
        return []


def _version(value: bool) -> None:
    if value:
        print(f"prsscheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    rules_dir: Optional[Path] = typer.Option(
        None, "--rules-dir", metavar="DIR", help="Use the rules in DIR (holds schema.json and states/). Also: $PRSSCHECK_RULES_DIR."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors (for developers)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """prsscheck: peer recovery support certification, state by state.

    Example: prsscheck assess
    """
    ctx.obj = Options(rules_dir, debug)


def _fmt(fmt: Format, json_flag: bool) -> str:
    return "json" if json_flag else fmt.value


def _rules_dir(ctx: click.Context, here: Optional[Path] = None) -> Path:
    """The rules folder: the command's own --rules-dir, else the root one, else env, else a
    checkout's rules/ (said once on stderr), else the packaged rules."""
    from prsscheck import rules

    return rules.rules_dir(here or _options(ctx).rules_dir)


# Accepted after the command too (`prsscheck validate --rules-dir rules`), as people type it.
RULES_DIR_OPTION = typer.Option(None, "--rules-dir", metavar="DIR", help="Use the rules in DIR (holds schema.json and states/).")


FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format: table, markdown, csv or json.")
JSON_OPTION = typer.Option(False, "--json", help="Shorthand for --format json.")


# ---------------------------------------------------------------- assess


@app.command()
def assess(
    ctx: typer.Context,
    state: Optional[str] = typer.Option(
        None, "--state", "-s", help="The state (code or name); overrides the answers file.", autocompletion=_complete_codes
    ),
    answers: Optional[str] = typer.Option(
        None, "--answers", "-a", metavar="FILE", help="Read answers from a YAML or JSON file ('-' for stdin) instead of asking."
    ),
    all_states: bool = typer.Option(False, "--all-states", help="Verdicts for all 51 jurisdictions, closest to eligible first."),
    batch: Optional[Path] = typer.Option(
        None, "--answers-batch", metavar="FILE", help="Many profiles, one per row (.csv or .jsonl); prints JSON Lines."
    ),
    held: Optional[List[str]] = typer.Option(
        None,
        "--held",
        metavar="ID",
        help="A credential you hold now, e.g. mo-cps (repeatable): what carries over is shown.",
        autocompletion=_complete_credential_ids,
    ),
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

    directory = _rules_dir(ctx, rules_dir)
    if batch:
        flow.run_batch(directory, batch, state)
        return
    flow.run(
        directory,
        state=state,
        answers_file=answers,
        all_states=all_states,
        save=save,
        resume=resume,
        fmt=_fmt(fmt, json_flag),
        held=tuple(h.lower() for h in held or ()),
    )


@app.command()
def move(
    ctx: typer.Context,
    origin: str = typer.Argument(
        ..., metavar="FROM", help="The state you hold a credential in (code or name).", autocompletion=_complete_codes
    ),
    target: str = typer.Argument(..., metavar="TO", help="The state you are moving to.", autocompletion=_complete_codes),
    held: List[str] = typer.Option(
        ..., "--held", metavar="ID", help="The credential you hold, e.g. mo-cps (repeatable).", autocompletion=_complete_credential_ids
    ),
    answers: Optional[str] = typer.Option(
        None, "--answers", "-a", metavar="FILE", help="The rest of the person's answers (YAML or JSON), for a full verdict."
    ),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """What carries over when a certified peer moves: each credential of the new state, with
    what the held credential meets (IC&RC reciprocity, prerequisites, exams) and what it does not.

    Example: prsscheck move MO KS --held mo-cps
    """
    from prsscheck import assess as flow
    from prsscheck import select
    from prsscheck.jurisdictions import resolve

    directory = _rules_dir(ctx, rules_dir)
    select.held_in(directory, resolve(origin), [h.lower() for h in held])
    flow.run(
        directory,
        state=target,
        answers_file=answers,
        all_states=False,
        save=False,
        resume=False,
        fmt=_fmt(fmt, json_flag),
        held=tuple(h.lower() for h in held),
        moving_from=resolve(origin),
    )


@app.command()
def forget() -> None:
    """Delete the answers saved on this computer, and say what was deleted.

    Example: prsscheck forget
    """
    from prsscheck import store

    deleted = store.forget()
    if deleted:
        for path in deleted:
            print(f"Deleted {clean(path, 1000)}")
    else:
        print(f"Nothing to delete: no saved answers in {clean(store.data_dir(), 1000)}.")


# ---------------------------------------------------------------- counselors' views


@app.command()
def show(
    ctx: typer.Context,
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

    (jurisdiction,) = rules.load_named(_rules_dir(ctx, rules_dir), [code])
    emit(views.show(jurisdiction), _fmt(fmt, json_flag))


@app.command()
def compare(
    ctx: typer.Context,
    codes: List[str] = typer.Argument(..., metavar="STATE STATE...", help="Two or more codes or names.", autocompletion=_complete_codes),
    credential: Optional[List[str]] = typer.Option(
        None, "--credential", "-c", metavar="ID", help="Only these credential ids (repeatable).", autocompletion=_complete_credential_ids
    ),
    only_differences: bool = typer.Option(False, "--only-differences", help="Only the rows whose values differ between the states."),
    for_lived: Optional[Lived] = typer.Option(None, "--for", help="Only the credentials a client with this lived experience could hold."),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Compare the requirements of two or more jurisdictions side by side.

    Example: prsscheck compare TX MO --credential tx-rsps --credential mo-cps
    """
    from prsscheck import rules, select, views
    from prsscheck.render import emit

    unique = select.comparable(codes)
    jurisdictions = rules.load_all(_rules_dir(ctx, rules_dir), unique)
    ids = select.credential_ids(jurisdictions, credential or [])
    emit(
        views.compare(jurisdictions, ids, only_differences=only_differences, for_lived=for_lived.value if for_lived else None),
        _fmt(fmt, json_flag),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    model: Optional[Model] = typer.Option(None, "--model", help="Only this certification model."),
    lived_experience: Optional[Lived] = typer.Option(
        None, "--lived-experience", help="Only jurisdictions with a credential for this lived experience."
    ),
    icrc: bool = typer.Option(False, "--icrc", help="Only jurisdictions with an IC&RC member board."),
    fmt: Format = FORMAT_OPTION,
    json_flag: bool = JSON_OPTION,
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """List all 51 jurisdictions with model, credentials and last-reviewed date.

    Example: prsscheck list --model separate --format csv > separate.csv
    """
    from prsscheck import rules, select, views
    from prsscheck.render import emit

    chosen = select.jurisdictions(
        rules.load_all(_rules_dir(ctx, rules_dir)),
        model=model.value if model else None,
        lived_experience=lived_experience.value if lived_experience else None,
        icrc=icrc,
    )
    emit(views.listing(chosen), _fmt(fmt, json_flag))


@app.command()
def summary(
    ctx: typer.Context, fmt: Format = FORMAT_OPTION, json_flag: bool = JSON_OPTION, rules_dir: Optional[Path] = RULES_DIR_OPTION
) -> None:
    """The national picture: models today and in 2021, ranges of required hours.

    Example: prsscheck summary --json
    """
    from prsscheck import rules, views
    from prsscheck.render import emit

    emit(views.summary(rules.load_all(_rules_dir(ctx, rules_dir))), _fmt(fmt, json_flag))


# ---------------------------------------------------------------- maintainers


@app.command()
def validate(
    ctx: typer.Context,
    paths: Optional[List[Path]] = typer.Argument(None, help="Rule files or folders (default: the rules in use)."),
    json_flag: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    max_age: int = typer.Option(365, "--max-age", metavar="DAYS", min=1, help="Warn when last_reviewed is older than DAYS."),
    schema: Optional[Path] = typer.Option(None, "--schema", help="The schema to use (default: schema.json beside the rules)."),
    coverage: bool = typer.Option(
        False,
        "--coverage",
        help="Also print, per state and in total, known / not required / unknown key figures and their sources' authority.",
    ),
    rules_dir: Optional[Path] = RULES_DIR_OPTION,
) -> None:
    """Check rule files: schema, YAML, and checks across files. Exit 1 on errors.

    Example: prsscheck validate --rules-dir rules --strict
    """
    from prsscheck import validate as checker
    from prsscheck.render.findings import emit_report

    directory = None if paths and schema else _rules_dir(ctx, rules_dir)
    report = checker.run(list(paths or [directory]), schema or directory / "schema.json", max_age=max_age, coverage=coverage)
    emit_report(report, "json" if json_flag else "text")
    raise typer.Exit(report.exit_code(strict))


# ---------------------------------------------------------------- the entry point


def main(argv: Optional[List[str]] = None) -> None:
    app(args=argv, prog_name="prsscheck")


if __name__ == "__main__":
    main()
