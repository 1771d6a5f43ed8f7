"""The ``argmap`` command: thin commands over the library.

Exit codes: 0 all is well; 1 findings at or above the fail level (``check``);
2 a file could not be used (missing, binary, not a valid map), a folder held no map file,
or the command or its settings were wrong.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias, TypeVar

from argmap import __version__
from argmap.batch import Collected, collect, default_jobs, progress, run_each, summarize
from argmap.checks import PROFILES, CheckSettings, check
from argmap.checks.findings import Severity
from argmap.checks.output import (
    FileResult,
    format_text,
    problem_lines,
    summary_line_all,
    to_json_all,
    to_sarif,
)
from argmap.checks.output import dumps as json_text
from argmap.checks.registry import RULES, find_rule, match_rules, suggest_rule
from argmap.conversion import Action, ConversionLossError, ConversionReport
from argmap.errors import ArgmapError, InvalidMapError, Location, MapFileError, Problem
from argmap.files import confining_folder, outside_problem, write_text_atomic
from argmap.formats import FORMATS, find_format, read, write
from argmap.ids import ID_PATTERN
from argmap.models import ArgumentMap
from argmap.themes import DIRECTIONS, THEMES

if TYPE_CHECKING:
    from argmap.stats import MapStats

# A command imports what only it needs (comparison, drawing, statistics) when it runs,
# so that `argmap check` starts without networkx, Graphviz or rapidfuzz.

T = TypeVar("T")

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


class _Style:
    """ANSI colours when writing to a terminal (and NO_COLOR is not set)."""

    def __init__(self, stream: TextIO) -> None:
        self.on = (
            stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        )

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


def _print_problems(problems: Sequence[Problem], out: TextIO, file: str = "argmap") -> None:
    style = _Style(out)
    for problem in problems:
        print("\n".join(problem_lines(problem, style, default_file=file)), file=out)


def _read(args: argparse.Namespace, path: str, format: str | None) -> ArgumentMap:
    """Read a map in ``format`` (None: by its suffix), its sources confined to its folder
    or project unless the command line says ``--allow-outside-sources``."""
    return read(
        path,
        format=format,
        allow_outside_sources=args.allow_outside_sources,
    )


def _load(
    args: argparse.Namespace, path: str, out: TextIO, format: str | None
) -> ArgumentMap | int:
    """Read a map, or print why it cannot be read and return the exit code."""
    try:
        return _read(args, path, format)
    except (MapFileError, InvalidMapError) as err:
        _print_problems(err.problems, out)
        print(f"{path}: could not be loaded ({_count(len(err.problems), 'problem')}).", file=out)
        return EXIT_UNUSABLE


def _collect(paths: Sequence[str], exclude: Sequence[str] = ()) -> Collected:
    """Return the files to work on (see :func:`argmap.batch.collect`), saying on stderr
    which folders held no map file."""
    found = collect(paths, exclude=exclude)
    suffixes = [s for f in FORMATS.values() if f.readable for s in f.suffixes]
    for folder in found.empty:
        print(
            f"argmap: {folder}: no map files in this folder\n"
            f"    hint: argmap looks for files ending {', '.join(suffixes)}; "
            "to read another file, name it (with --from FORMAT)",
            file=sys.stderr,
        )
    return found


def _given_names(paths: Sequence[str], files: Sequence[Path]) -> list[str]:
    """The name of each file to work on as the command line spelled it (``./map.yaml``
    stays so), and as found for the files of folders."""
    spelled: dict[Path, str] = {}
    for given in paths:
        spelled.setdefault(Path(given), given)
    return [spelled.get(file, str(file)) for file in files]


def _selectors(values: Sequence[str] | None) -> list[str]:
    """Split `--select a,b --select c` into ["a", "b", "c"]."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class _CheckFile:
    """Check one map file as the command line asks (a picklable job for --jobs)."""

    source_format: str | None
    allow_outside_sources: bool
    select: list[str] | None
    ignore: list[str]
    fail_on: str | None
    use_files: bool
    profile: str | None

    def __call__(self, path: str) -> FileResult:
        try:
            amap = read(
                path,
                format=self.source_format,
                allow_outside_sources=self.allow_outside_sources,
            )
            report = check(
                amap,
                select=self.select,
                ignore=self.ignore,
                fail_on=self.fail_on,
                use_files=self.use_files,
                profile=self.profile,
            )
        except ArgmapError as err:  # the file, or its settings, cannot be used
            return FileResult(path, problems=err.problems)
        return FileResult(path, report=report)


@dataclass(frozen=True)
class _MeasureFile:
    """Measure one map file (a picklable job for --jobs)."""

    source_format: str | None
    allow_outside_sources: bool

    def __call__(self, path: str) -> tuple[str, MapStats | Sequence[Problem]]:
        try:
            amap = read(
                path,
                format=self.source_format,
                allow_outside_sources=self.allow_outside_sources,
            )
        except ArgmapError as err:
            return path, err.problems
        from argmap.stats import stats

        return path, stats(amap)


def _each(
    args: argparse.Namespace, work: Callable[[str], T], names: Sequence[str], what: str
) -> list[T]:
    """Run ``work`` over the files named, in order, as --jobs and --scheduler say; in this
    process when the files are too small together to repay starting others."""
    if args.scheduler is not None:  # its workers may run in another folder
        names = [os.path.abspath(name) for name in names]
    jobs = args.jobs if _bytes_of(names, POOL_BYTES) >= POOL_BYTES else 1
    return run_each(work, names, what, jobs=jobs, scheduler=args.scheduler)


POOL_BYTES = 512 * 1024
"""Below this many bytes of map files (about 0.1 s of work), --jobs works in one process:
starting a pool costs more than it saves."""


def _bytes_of(names: Sequence[str], enough: int) -> int:
    """The size of the files named, counted until it reaches ``enough``."""
    total = 0
    for name in names:
        try:
            total += os.stat(name).st_size
        except (OSError, ValueError):
            continue  # reading it says what is wrong
        if total >= enough:
            break
    return total


def cmd_check(args: argparse.Namespace) -> int:
    """Check each map: every load problem, or every finding of the rules."""
    select = _selectors(args.select) if args.select is not None else None
    ignore = _selectors(args.ignore)
    for option, selectors in (("--select", select or ()), ("--ignore", ignore)):
        for selector in selectors:
            if not match_rules(selector):
                hint = suggest_rule(selector) or "`argmap rules` lists them"
                print(f"argmap: {option}: no rule is named `{selector}` ({hint})", file=sys.stderr)
                return EXIT_UNUSABLE
    if select == []:
        print("argmap: --select: name at least one rule", file=sys.stderr)
        return EXIT_UNUSABLE
    found = _collect(args.files)
    if not found.files:
        return EXIT_UNUSABLE
    names = _given_names(args.files, found.files)
    job = _CheckFile(
        args.source_format,
        args.allow_outside_sources,
        select,
        ignore,
        args.fail_on,
        not args.isolated,
        args.profile,
    )
    results = _each(args, job, names, "checking")
    several = len(results) > 1 or found.folders > 0
    if args.format == "json":
        print(json_text(to_json_all(results, skipped=found.skipped)))
    elif args.format == "sarif":
        print(json_text(to_sarif(results, __version__)))
    else:
        style = _Style(sys.stdout)
        print("\n".join(format_text(result, style) for result in results))
        if several:
            print(summary_line_all(results, skipped=found.skipped))
    if found.empty or any(r.report is None for r in results):
        return EXIT_UNUSABLE
    return EXIT_PROBLEMS if any(r.report and r.report.failed for r in results) else EXIT_OK


def _feedback_names(files: Sequence[Path], given: Sequence[str], suffix: str) -> list[Path]:
    """Where each student's feedback goes under ``--feedback-dir``: the file's path within
    the folder it was found in (``class/ana/map.yaml`` gives ``ana/map.md``), or its name,
    without the map format's suffix; names that would collide (``sam.yaml`` and
    ``sam.argdown``) keep it (``sam.yaml.md``, ``sam.argdown.md``)."""
    relatives: list[Path] = []
    for file in files:
        for path in map(Path, given):
            if path.is_dir() and file.is_relative_to(path):
                relatives.append(file.relative_to(path))
                break
        else:
            relatives.append(Path(file.name))
    return _renamed(relatives, suffix)


_SUFFIXES = sorted((s for f in FORMATS.values() for s in f.suffixes), key=len, reverse=True)
"""The suffixes of every format, longest first (``.aif.json`` before ``.json``)."""


def _renamed(relatives: Sequence[Path], suffix: str) -> list[Path]:
    """Each map file's path with its format's suffix replaced by ``suffix``; paths that
    would then meet (``sam.yaml`` and ``sam.argdown``; ``Sam.yaml`` and ``sam.yaml``, one
    file where case does not count, as on macOS and Windows) keep it: ``sam.yaml.md``."""

    def short(relative: Path) -> Path:
        name = relative.name
        cut = next((s for s in _SUFFIXES if name.lower().endswith(s)), Path(name).suffix)
        return relative.with_name((name[: len(name) - len(cut)] or name) + suffix)

    shortened = [short(relative) for relative in relatives]
    seen = Counter(str(name).casefold() for name in shortened)
    return [
        name if seen[str(name).casefold()] == 1 else relative.with_name(relative.name + suffix)
        for name, relative in zip(shortened, relatives, strict=True)
    ]


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare students' maps with a reference: scores, differences, grades, feedback."""
    from argmap.comparison import compare, load_rubric
    from argmap.comparison.output import (
        StudentResult,
        class_csv,
        class_data,
        class_markdown,
        class_table,
        feedback_markdown,
        feedback_text,
        problems_html,
        problems_markdown,
        problems_text,
    )
    from argmap.comparison.output import to_json as comparison_json
    from argmap.report import comparison_html

    rubric = load_rubric(args.rubric) if args.rubric else None
    reference = _load(args, args.reference, sys.stderr, args.reference_format)
    if isinstance(reference, int):
        return reference
    found = _collect(args.students, exclude=[args.reference])
    if not found.files:
        return EXIT_UNUSABLE
    names = _given_names(args.students, found.files)
    results: list[StudentResult] = []
    for name in progress(names, "comparing"):
        try:
            student = _read(args, name, args.source_format)
        except ArgmapError as err:
            results.append(StudentResult(name, problems=err.problems))
            continue
        comparison = compare(student, reference, rubric=rubric)
        results.append(StudentResult(name, replace(comparison, student=name)))
    if args.feedback_dir:
        suffix = {"markdown": ".md", "html": ".html"}.get(args.feedback_format, ".txt")
        folder = Path(args.feedback_dir)
        targets = _feedback_names(found.files, args.students, suffix)
        for target, result in zip(targets, results, strict=True):
            target = folder / target
            target.parent.mkdir(parents=True, exist_ok=True)
            if result.comparison is None:
                text = {"markdown": problems_markdown, "html": problems_html}.get(
                    args.feedback_format, lambda r: problems_text(r) + "\n"
                )(result)
            elif args.feedback_format == "markdown":
                text = feedback_markdown(result.comparison)
            elif args.feedback_format == "html":  # the report of the student's map
                student = _read(args, result.comparison.student, args.source_format)
                text = comparison_html(student, result.comparison)
            else:
                text = feedback_text(result.comparison) + "\n"
            write_text_atomic(target, text)
        print(f"wrote {_count(len(results), 'feedback file')} to {folder}", file=sys.stderr)
    single = len(args.students) == 1 and not found.folders and len(results) == 1
    compared = [r.comparison for r in results if r.comparison is not None]
    if args.format == "json":
        if single:  # one student's comparison, or why it could not be made
            print(comparison_json(class_data(args.reference, results)["students"][0]))
        else:
            print(comparison_json(class_data(args.reference, results)))
    elif args.format == "csv":
        sys.stdout.write(class_csv(results))
    elif single and not compared:
        if args.format == "markdown":
            sys.stdout.write(problems_markdown(results[0]))
        else:
            print(problems_text(results[0]))
    elif single and compared:
        if args.format == "markdown":
            sys.stdout.write(feedback_markdown(compared[0]))
        else:
            print(feedback_text(compared[0]))
    elif args.format == "markdown":
        sys.stdout.write(class_markdown(args.reference, results))
    else:
        for result in results:
            if result.comparison is None:
                print(problems_text(result))
        print(class_table(results))
        averages = []
        if compared:
            mean = sum(c.grade.score for c in compared) / len(compared)
            f1 = sum(c.relations.f1 for c in compared) / len(compared)
            averages = [
                f"mean grade {mean:.1f}/{compared[0].grade.max:g}",
                f"mean relations F1 {f1:.2f}",
            ]
        print(
            summarize(
                "compared",
                len(results),
                averages,
                unusable=len(results) - len(compared),
                skipped=found.skipped,
            )
        )
    if found.empty or len(compared) < len(results):
        return EXIT_UNUSABLE
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules (or those of a code prefix such as AM1), or explain one."""
    listed = list(RULES)
    if args.name is not None:
        found = find_rule(args.name)
        if found is not None:
            levels = ", ".join(
                f"{name} {CheckSettings.of_profile(name).level_of(found)}" for name in PROFILES
            )
            print(f"{found.code} {found.name} ({levels})\n")
            print(found.explanation)
            return EXIT_OK
        listed = match_rules(args.name) if args.name.strip() else []
        if not listed:  # neither a rule nor a prefix of codes
            hint = suggest_rule(args.name) or "`argmap rules` lists them"
            print(f"argmap: no rule is named `{args.name}` ({hint})", file=sys.stderr)
            return EXIT_UNUSABLE
    width = max(len(r.name) for r in RULES)
    profiles = [CheckSettings.of_profile(name) for name in PROFILES]
    heads = "  ".join(f"{p.profile:<10}" for p in profiles)
    print(f"{'code':<5}  {'rule':<{width}}  {heads}  what it finds")
    for r in listed:
        levels = "  ".join(f"{p.level_of(r):<10}" for p in profiles)
        print(f"{r.code}  {r.name:<{width}}  {levels}  {r.summary}")
    print(
        "\nProfiles (choose with `check --profile`, or `profile:` in `checks:` or [tool.argmap]):"
    )
    for profile in PROFILES.values():
        print(f"  {profile.name:<10}  for {profile.purpose}")
    return EXIT_OK


def _problem_data(problem: Problem) -> dict[str, object]:
    loc = problem.location
    return {
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
        "location": {
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
        },
    }


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the size and shape of each map: its own lines for one, a table for several."""
    from argmap.stats import MapStats, format_table, total

    found = _collect(args.files)
    if not found.files:
        return EXIT_UNUSABLE
    names = _given_names(args.files, found.files)
    job = _MeasureFile(args.source_format, args.allow_outside_sources)
    measured = _each(args, job, names, "measuring")
    usable = [(name, stats) for name, stats in measured if isinstance(stats, MapStats)]
    unusable = len(measured) - len(usable)
    if args.format == "json":
        sums = total(stats for _, stats in usable)
        data = {
            "files": [
                {"file": name, **stats.as_dict()}
                if isinstance(stats, MapStats)
                else {"file": name, "problems": [_problem_data(p) for p in stats]}
                for name, stats in measured
            ],
            "summary": {
                "files": len(measured),
                **{name: sums[name] for name in ("claims", "evidence", "inferences")},
                "unusable": unusable,
                "skipped": found.skipped,
            },
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for name, stats in measured:  # why a map could not be used, as `argmap check` says
            if not isinstance(stats, MapStats):
                _print_problems(stats, sys.stderr, name)
                print(
                    f"{name}: could not be loaded ({_count(len(stats), 'problem')}).",
                    file=sys.stderr,
                )
        if len(measured) > 1 or found.folders > 0:
            rows = [
                (
                    name,
                    stats
                    if isinstance(stats, MapStats)
                    else f"could not be loaded ({_count(len(stats), 'problem')})",
                )
                for name, stats in measured
            ]
            print(format_table(rows))
            print(
                summarize(
                    "measured",
                    len(measured),
                    unusable=unusable,
                    unusable_as="could not be loaded",
                    skipped=found.skipped,
                )
            )
        elif usable:
            print(usable[0][1].format_text())
    return EXIT_UNUSABLE if unusable or found.empty else EXIT_OK


DRAWN = ("svg", "png", "pdf", "dot", "gv", "html", "htm")
"""What ``render`` draws (:func:`argmap.render.render`); every other output it writes is
one of the formats of :data:`argmap.formats.FORMATS` that argmap writes."""
EXPORTS = {
    key: f.name
    for f in FORMATS.values()
    if f.writable
    for key in (f.name, *(suffix.lstrip(".") for suffix in f.suffixes))
}
"""The names and suffixes (without the dot) ``render`` exports to, each to its format."""
_WRITTEN = ", ".join(f.name for f in FORMATS.values() if f.writable)


def _render_suffixes() -> list[str]:
    """The suffixes of the files ``render`` writes."""
    written = [s for f in FORMATS.values() if f.writable for s in f.suffixes]
    return [*(f".{drawn}" for drawn in DRAWN), *written]


def _render_format(output: Path, named: str | None) -> str:
    """The format ``render`` writes: the one named, or else the longest known suffix of
    ``output`` (``x.aif.json`` is AIF, as for ``convert``), or else its last suffix."""
    if named is not None:
        return named.lower()
    name = output.name.lower()
    known = [key for key in (*DRAWN, *EXPORTS) if name.endswith(f".{key}") and name != f".{key}"]
    return max(known, key=len, default=output.suffix.lstrip(".").lower())


def cmd_render(args: argparse.Namespace) -> int:
    """Draw a map, or export it to another tool's format."""
    from argmap.formats import mermaid
    from argmap.render import render

    loaded = _load(args, args.file, sys.stderr, args.source_format)
    if isinstance(loaded, int):
        return loaded
    if args.depth is not None and args.focus is None:
        print("argmap: --depth goes with --focus ID", file=sys.stderr)
        return EXIT_UNUSABLE
    output = Path(args.output)
    if _overwrites_input(output, Path(args.file), loaded):
        return EXIT_UNUSABLE
    chosen = _render_format(output, args.format)
    if chosen in DRAWN:
        written = render(
            loaded,
            output,
            format=chosen,
            direction=args.direction,
            width=args.width,
            theme=args.theme,
            findings=not args.no_findings,
            focus=args.focus,
            depth=2 if args.depth is None else args.depth,
            legend=not args.no_legend,
            full_text=args.full_text,
            evaluate=args.evaluate or False,
        )
    else:
        exported = EXPORTS.get(chosen)
        if exported is None:
            print(
                f"{output}: error unknown-format cannot write `{chosen or output.name}`\n"
                f"    hint: give the output one of the suffixes {', '.join(_render_suffixes())}"
                ", or use --format",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        if args.focus is not None:
            print(
                "argmap: --focus draws part of a map: use it with svg, png, pdf or dot",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        if exported == "mermaid":
            write_text_atomic(output, mermaid.dumps(loaded, direction=args.direction))
        else:
            write(loaded, output, format=exported)
            _note_outside_sources(loaded, output)
        written = output
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def _overwrites_input(output: Path, given: Path, amap: ArgumentMap | None = None) -> bool:
    """Say so and return True if writing ``output`` would replace the map file read, or a
    text that the map quotes (links followed)."""
    if not output.exists():
        return False

    def same(other: Path) -> bool:  # the same file, as the file system tells (case, links)
        try:
            return os.path.samefile(output, other)
        except (OSError, ValueError):
            return False

    if same(given):
        print(f"argmap: {output} is the map itself: write to another file", file=sys.stderr)
        return True
    base = amap.base_dir if amap is not None else None
    for source in amap.sources if amap is not None else ():
        if source.path is not None and same((base or Path()).joinpath(source.path)):
            print(
                f"argmap: {output} is the text of the map's source `{source.id}`: "
                "write to another file",
                file=sys.stderr,
            )
            return True
    return False


def _note_outside_sources(amap: ArgumentMap, output: Path) -> None:
    """Say which sources the map written to ``output`` will read from outside its folder
    (or project), so that reading it needs --allow-outside-sources."""
    base = amap.base_dir or Path()
    folder = confining_folder(output.resolve().parent)
    outside = [
        s.id
        for s in amap.sources
        if s.path is not None and outside_problem(base / s.path, folder, output.parent)
    ]
    if outside:
        print(
            f"note: {output} reads {_count(len(outside), 'source text')} from outside its "
            f"folder ({', '.join(f'`{i}`' for i in outside)}): read it with "
            "--allow-outside-sources, or copy the text beside it and mend the `path`",
            file=sys.stderr,
        )


def _print_report(
    report: ConversionReport, path: str, amap: ArgumentMap, out: TextIO, verb: str = ""
) -> None:
    verb = verb or ("read" if report.direction == "read" else "wrote")
    counts = ", ".join(
        _count(n, word)
        for n, word in (
            (len(amap.claims), "claim"),
            (len(amap.evidence), "evidence"),
            (len(amap.inferences), "inference"),
        )
    )
    lines = report.format_text().splitlines()
    summary = lines[0].split(": ", 1)[1]
    print(f"{verb} {path} as {report.format} ({counts}): {summary}", file=out)
    for line in lines[1:]:
        print(line, file=out)


def _count(n: int, word: str) -> str:
    """Examples: ``_count(1, "claim")`` is "1 claim", ``_count(2, "evidence")`` "2 evidence"."""
    return f"{n} {word}" if n == 1 or word == "evidence" else f"{n} {word}s"


@dataclass(frozen=True)
class _ConvertFile:
    """Convert one map file of a folder into the same place under another folder (a
    picklable job for --jobs). Returns the file written and the conversion's report lines,
    or the problems that kept the file from being read or written."""

    source_format: str | None
    target_format: str
    suffix: str
    folder: Path
    output: Path
    allow_outside_sources: bool
    strict: bool

    def targets(self, paths: Sequence[str]) -> list[Path]:
        """Where each map goes: its place under ``output``, its map suffix replaced by the
        target format's; maps whose names would meet there (``a.yaml`` and ``a.json``,
        or ``A.yaml`` and ``a.yaml`` where case does not count) keep their own suffix
        too (``a.yaml.aif``, ``a.json.aif``), so no file overwrites another."""
        relatives = [Path(path).relative_to(self.folder) for path in paths]
        return [self.output / name for name in _renamed(relatives, self.suffix)]

    def __call__(
        self, item: tuple[str, Path]
    ) -> tuple[str, str | None, list[str], Sequence[Problem]]:
        path, target = item
        try:
            amap = read(
                path,
                format=self.source_format,
                allow_outside_sources=self.allow_outside_sources,
            )
            losses = [str(n) for n in amap.conversion or () if n.action is not Action.KEPT]
            if self.strict and losses:
                return path, None, losses, ()
            target.parent.mkdir(parents=True, exist_ok=True)
            written = write(amap, target, format=self.target_format, strict=self.strict)
        except ConversionLossError as err:
            return path, None, [str(n) for n in err.report.losses], ()
        except (ArgmapError, OSError) as err:
            problems = (
                err.problems
                if isinstance(err, ArgmapError)
                else [Problem("unwritable-file", str(err), Location(str(target)))]
            )
            return path, None, [], problems
        return path, str(target), losses + [str(n) for n in written.losses], ()


def _convert_folder(args: argparse.Namespace) -> int:
    """``argmap convert DIR OUTDIR --to FORMAT``: every map of a folder, into another."""
    if args.target_format is None:
        print(
            "argmap: converting a folder needs --to FORMAT (the format to write each map in)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    found = find_format("", args.target_format)
    folder, output = Path(args.input), Path(args.output)
    if output.exists() and not output.is_dir():
        print(
            f"argmap: {output} is a file: converting a folder writes into a folder", file=sys.stderr
        )
        return EXIT_UNUSABLE
    if output.resolve().is_relative_to(folder.resolve()):
        print(
            f"argmap: {output} lies inside {folder}: write the converted maps elsewhere",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    collected = _collect([args.input])
    if not collected.files:
        return EXIT_UNUSABLE
    job = _ConvertFile(
        args.source_format,
        found.name,
        found.suffixes[0],
        folder,
        output,
        args.allow_outside_sources,
        args.strict,
    )
    paths = [str(f) for f in collected.files]
    targets = job.targets(paths)
    if args.scheduler is not None:  # its workers may run in another folder
        paths = [os.path.abspath(p) for p in paths]
        targets = [t.absolute() for t in targets]
    items = list(zip(paths, targets, strict=True))
    jobs = args.jobs if _bytes_of(paths, POOL_BYTES) >= POOL_BYTES else 1
    results = run_each(job, items, "converting", jobs=jobs, scheduler=args.scheduler)
    unreadable = lossy = refused = 0
    for name, written, losses, problems in results:
        if problems:
            unreadable += 1
            _print_problems(problems, sys.stderr, name)
            print(
                f"{name}: could not be converted ({_count(len(problems), 'problem')}).",
                file=sys.stderr,
            )
        elif written is None:
            refused += 1
            print(f"{name}: --strict: converting would lose data; not written", file=sys.stderr)
            for line in losses:
                print(f"  {line}", file=sys.stderr)
        elif losses:
            lossy += 1
            if not args.quiet:
                print(f"{name} -> {written}: {_count(len(losses), 'loss')}", file=sys.stderr)
                for line in losses:
                    print(f"  {line}", file=sys.stderr)
    written_count = len(results) - unreadable - refused
    counts = [f"{written_count} written to {output} as {found.name}"]
    if lossy:
        counts.append(f"{lossy} with losses")
    if refused:
        counts.append(f"{refused} not written (--strict)")
    print(
        summarize(
            "converted",
            len(results),
            counts,
            unusable=unreadable,
            unusable_as="could not be converted",
            skipped=collected.skipped,
        ),
        file=sys.stderr,
    )
    if unreadable:
        return EXIT_UNUSABLE
    return EXIT_PROBLEMS if refused else EXIT_OK


_MARKS = {"accepted": "✓", "rejected": "✗", "undecided": "?"}


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Say which claims stand: each item's label under a semantics, and why."""
    from argmap.evaluation import evaluate

    loaded = _load(args, args.file, sys.stderr, args.source_format)
    if isinstance(loaded, int):
        return loaded
    result = evaluate(loaded, args.semantics, stated=not args.assumed_only)
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    counts = result.counts()
    print(
        f"{args.semantics.capitalize()} semantics: {counts['accepted']} accepted, "
        f"{counts['rejected']} rejected, {counts['undecided']} undecided "
        f"(of {_count(len(result), 'item')})."
    )
    if result.note is not None:
        print(f"Note: {result.note}.")
    if result.extensions is not None:
        print(f"Preferred extensions: {len(result.extensions)}.")
    disputed = {i.conclusion for i in loaded.inferences if i.kind.attacks}
    shown = [
        verdict
        for verdict in result
        if args.all
        or verdict.id == result.thesis
        or verdict.label.value != "accepted"
        or verdict.id in disputed
    ]
    if result.thesis is not None:
        thesis = result[result.thesis]
        print(f"\nThesis: {_MARKS[thesis.label.value]} {thesis.explanation}")
    for label in ("rejected", "undecided", "accepted"):
        lines = [v for v in shown if v.label.value == label and v.id != result.thesis]
        if not lines:
            continue
        heading = (
            label.capitalize() if args.all or label != "accepted" else "Accepted though attacked"
        )
        print(f"\n{heading} ({len(lines)}):")
        for verdict in lines:
            print(f"  {_MARKS[label]} {verdict.explanation}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert a map between formats and say what the conversion kept, changed or dropped."""
    if Path(args.input).is_dir():
        return _convert_folder(args)
    source, target = Path(args.input), Path(args.output)
    if _overwrites_input(target, source):
        return EXIT_UNUSABLE
    out = sys.stderr
    find_format(source, args.source_format, reading=True)  # before reading: fail fast
    found = find_format(target, args.target_format)
    loaded = _load(args, args.input, out, args.source_format)
    if isinstance(loaded, int):
        return loaded
    amap = loaded
    if _overwrites_input(target, source, amap):
        return EXIT_UNUSABLE
    read_report = amap.conversion
    if read_report is None:  # (read always attaches one)
        read_report = ConversionReport(args.source_format or "argmap", "read")
    if not args.quiet or (args.strict and read_report.lossy):
        _print_report(read_report, args.input, amap, out)
    try:
        if args.strict and read_report.lossy:
            raise ConversionLossError(read_report, args.input)
        written = write(amap, target, format=found.name, strict=args.strict)
    except ConversionLossError as err:
        if err.report.direction == "write":
            _print_report(err.report, args.output, amap, out, verb="would write")
        print(
            f"argmap: --strict: converting would lose data (see above); {args.output} "
            "was not written",
            file=out,
        )
        return EXIT_PROBLEMS
    if not args.quiet:
        _print_report(written, args.output, amap, out)
    _note_outside_sources(amap, target)
    return EXIT_OK


SCHEMA_ID_PATTERN = r"^[A-Za-z0-9_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff-]*$"


def cmd_schemes(args: argparse.Namespace) -> int:
    """List the catalogue of argumentation schemes, or explain one with its critical questions."""
    from argmap.checks.config import read_pyproject  # the catalogue is read only when asked for
    from argmap.files import find_pyproject
    from argmap.schemes import catalogue

    known = catalogue()
    pyproject = None if args.isolated else find_pyproject(Path.cwd())
    if pyproject is not None:
        known = known.extended(read_pyproject(pyproject).schemes)
    if args.name is None:
        width = max(len(s.name) for s in known)
        print(f"{'scheme':<{width}}  {'kind':<9}  questions")
        for listed in known:
            own = "  (yours)" if listed.custom else ""
            print(f"{listed.name:<{width}}  {listed.kind:<9}  {len(listed.questions):>9}{own}")
        print(
            f"\n{len(known)} schemes. `argmap schemes NAME` explains one (by any of its names, "
            "in any case); add your own under `schemes:` in [tool.argmap] or a map's `checks:`."
        )
        return EXIT_OK
    scheme = known.find(args.name)
    if scheme is None:
        hint = known.suggest(args.name) or "`argmap schemes` lists them"
        print(f"argmap: no scheme is named `{args.name}` ({hint})", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"{scheme.name} ({scheme.kind}{', yours' if scheme.custom else ''})")
    if scheme.aliases:
        print(f"also: {', '.join(scheme.aliases)}")
    texts = [*scheme.premises, scheme.conclusion or "", *(q.text for q in scheme.questions)]
    template = any("{" in text for text in texts)
    if template:
        print("\na template: the letters in braces stand for the parts of an argument")
    if scheme.premises:
        print("premises:" if template else "\npremises:")
        for premise in scheme.premises:
            print(f"  {premise}")
    if scheme.conclusion:
        print(f"conclusion:\n  {scheme.conclusion}")
    print("\ncritical questions:" if scheme.questions else "\nno critical questions")
    for question in scheme.questions:
        print(f"  {question.label}  {question.text}")
    if scheme.note:
        print(f"\nnote: {scheme.note}")
    if scheme.questions:
        print(
            "\nAn attack or undercut that raises a question names it: `answers: [CQ1]`; a "
            "step's `note` answers one with `CQ1: ...`; `argmap rules "
            "unasked-critical-question` says more."
        )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the map file format."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ArgumentMap.model_json_schema(),
    }
    # JSON Schema's regular expressions (ECMA-262) read \w as ASCII only, so that editors
    # would refuse ids in other scripts; allow every character beyond ASCII instead
    # (argmap itself still checks that they are letters or digits).
    text = json.dumps(schema).replace(
        json.dumps(ID_PATTERN)[1:-1], json.dumps(SCHEMA_ID_PATTERN)[1:-1]
    )
    schema = json.loads(text)
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _at_least(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than ``low``."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"`{text}` is not a whole number") from None
        if number < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {number}")
        return number

    return parse


def _add_from(parser: argparse.ArgumentParser) -> None:
    readable = ", ".join(f.name for f in FORMATS.values() if f.readable)
    parser.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help=f"the input's format, if its suffix does not tell: {readable}",
    )
    parser.add_argument(
        "--allow-outside-sources",
        action="store_true",
        help="read source texts from any file a map names (by default only from the "
        "map's folder and below, or its project: where pyproject.toml has [tool.argmap])",
    )


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_at_least(1),
        default=default_jobs(),
        metavar="N",
        help="work on N files at once, in N processes (default: all cores, "
        f"{default_jobs()} here); the output is the same, in the same order",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the work on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 "
        "(pip install 'argmap[dask]'; each worker needs argmap)",
    )


def _format_table() -> str:
    suffixes = {f.name: " ".join(f.suffixes) for f in FORMATS.values()}
    width = max(len(text) for text in suffixes.values())
    rows = [
        f"  {f.name:<11} {suffixes[f.name]:<{width}}  "
        f"{'read' if f.readable else '':<4} {'write' if f.writable else '':<5}  {f.description}"
        for f in FORMATS.values()
    ]
    return "\n\nformats:\n" + "\n".join(rows)


_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What ``add_subparsers`` returns: each ``_*_parser`` function adds its command to it."""


def _check_parser(commands: _Commands) -> None:
    """Add `argmap check`."""
    checker = commands.add_parser(
        "check",
        help="find every weakness in maps, like a linter",
        description="Load each map file (and each in the folders given) and report every "
        "weakness of its argument: unsupported claims, ungrounded steps, leaps, circles, "
        "misquotes, orphans, ... (see `argmap rules`). Settings come from [tool.argmap] in "
        "pyproject.toml, the map's `checks:` section, and these options, each over the one "
        "before.",
    )
    checker.add_argument(
        "files",
        nargs="+",
        metavar="FILE|DIR",
        help="map files (see --from), or folders to check every map file in",
    )
    _add_from(checker)
    _add_batch_options(checker)
    checker.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="check only these rules: names, codes or prefixes, "
        "comma-separated (e.g. AM1,quote-not-found)",
    )
    checker.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="do not check these rules (comma-separated)",
    )
    checker.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="the lowest severity that makes the exit code 1 (default: error)",
    )
    checker.add_argument(
        "--profile",
        choices=list(PROFILES),
        default=None,
        help="the severities to start from: analysis (default; for maps of real texts), "
        "coursework (warrants required, unquoted claims warned) or corpus (gold "
        "annotations, whose leaf premises are their ground); see `argmap rules`",
    )
    checker.add_argument(
        "--format",
        choices=["text", "json", "sarif"],
        default="text",
        help="output format (default: text)",
    )
    checker.add_argument(
        "--isolated",
        action="store_true",
        help="ignore pyproject.toml and the map's `checks:` section",
    )
    checker.set_defaults(run=cmd_check)


def _compare_parser(commands: _Commands) -> None:
    """Add `argmap compare`."""
    comparer = commands.add_parser(
        "compare",
        help="compare students' maps with a reference map: scores, differences, grades",
        description="Align each student's map with the reference (by id, quote or wording), "
        "score items and relations (precision, recall, F1), list every difference with a "
        "hint, and grade it by a rubric. Several files or a folder give one table for the "
        "class; --feedback-dir writes each student's feedback to a file.",
    )
    comparer.add_argument(
        "students", nargs="+", metavar="STUDENT", help="students' map files or folders of them"
    )
    comparer.add_argument(
        "-r", "--reference", required=True, metavar="REF", help="the reference map"
    )
    _add_from(comparer)
    comparer.add_argument(
        "--reference-from",
        dest="reference_format",
        metavar="FORMAT",
        help="the reference's format, if its suffix does not tell",
    )
    comparer.add_argument(
        "--rubric", metavar="FILE", help="a YAML rubric: max, floor and deductions per kind"
    )
    comparer.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="output format (default: text)",
    )
    comparer.add_argument(
        "--feedback-dir", metavar="DIR", help="write each student's feedback to a file here"
    )
    comparer.add_argument(
        "--feedback-format",
        choices=["markdown", "text", "html"],
        default="markdown",
        help="the feedback files' format (default: markdown; html: the report of the "
        "student's map with its differences, which needs Graphviz)",
    )
    comparer.set_defaults(run=cmd_compare)


def _rules_parser(commands: _Commands) -> None:
    """Add `argmap rules`."""
    rules = commands.add_parser(
        "rules",
        help="list the rules of `argmap check`, or explain one",
        description="List every rule with its code, severity and summary; name one to read "
        "what it finds, why it matters and how to fix it.",
    )
    rules.add_argument("name", nargs="?", metavar="RULE", help="a rule name or code")
    rules.set_defaults(run=cmd_rules)


def _schemes_parser(commands: _Commands) -> None:
    """Add `argmap schemes`."""
    schemes = commands.add_parser(
        "schemes",
        help="list the argumentation schemes argmap knows, or explain one",
        description="List the catalogue of argumentation schemes (with those of [tool.argmap] "
        "in the nearest pyproject.toml); name one, by any of its names, to read its premises, "
        "conclusion and critical questions.",
    )
    schemes.add_argument("name", nargs="?", metavar="NAME", help="a scheme's name or alias")
    schemes.add_argument(
        "--isolated", action="store_true", help="leave out the schemes of pyproject.toml"
    )
    schemes.set_defaults(run=cmd_schemes)


def _stats_parser(commands: _Commands) -> None:
    """Add `argmap stats`."""
    stats = commands.add_parser(
        "stats",
        help="print the size and shape of maps",
        description="Print counts of claims, evidence, inferences and sources, the depth "
        "of the map and its thesis; for several maps (or a folder of them), a table of "
        "their counts with a total.",
    )
    stats.add_argument(
        "files",
        nargs="+",
        metavar="FILE|DIR",
        help="map files (see --from), or folders to measure every map file in",
    )
    _add_from(stats)
    _add_batch_options(stats)
    stats.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    stats.set_defaults(run=cmd_stats)


def _render_parser(commands: _Commands) -> None:
    """Add `argmap render`."""
    drawer = commands.add_parser(
        "render",
        help=f"draw a map (svg, png, pdf, dot, html) or export it ({_WRITTEN})",
        description="Draw a map with Graphviz, its weak steps marked, or export it. The "
        "format comes from the output's suffix or --format: svg, png, pdf, html (these need "
        "Graphviz's `dot`; html is an interactive report with the text and the findings), "
        f"dot, or a format argmap writes: {_WRITTEN} (`argmap convert --help` lists "
        "their suffixes).",
    )
    drawer.add_argument("file", metavar="FILE", help="a map file")
    _add_from(drawer)
    drawer.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    drawer.add_argument("--format", help=f"svg, png, pdf, html, dot, {_WRITTEN}")
    drawer.add_argument(
        "--direction",
        choices=DIRECTIONS,
        default="BT",
        help="where conclusions stand: BT above their premises (default), TB below, LR/RL beside",
    )
    drawer.add_argument(
        "--width",
        type=_at_least(1),
        default=28,
        metavar="N",
        help="characters of text a line holds before it wraps (default: 28)",
    )
    drawer.add_argument(
        "--theme",
        choices=list(THEMES),
        default="default",
        help="colours: default, print (black and white), colorblind",
    )
    drawer.add_argument(
        "--no-findings",
        action="store_true",
        help="do not mark the weak steps that `argmap check` finds",
    )
    drawer.add_argument("--focus", metavar="ID", help="draw only what is near this item")
    drawer.add_argument(
        "--depth",
        type=_at_least(0),
        default=None,
        metavar="N",
        help="with --focus: how many steps away to draw (default: 2)",
    )
    drawer.add_argument("--no-legend", action="store_true", help="leave out the legend")
    drawer.add_argument(
        "--full-text",
        action="store_true",
        help="write warrants and schemes whole (by default cut to two lines; "
        "in SVG the whole text is the tooltip)",
    )
    drawer.add_argument(
        "--evaluate",
        nargs="?",
        const="grounded",
        choices=["grounded", "preferred"],
        metavar="SEMANTICS",
        help="mark each item accepted (✓), rejected (✗) or undecided (?), as `argmap "
        "evaluate` labels it (grounded by default, or preferred)",
    )
    drawer.set_defaults(run=cmd_render)


def _evaluate_parser(commands: _Commands) -> None:
    """Add `argmap evaluate`."""
    evaluator = commands.add_parser(
        "evaluate",
        help="say which claims stand: accepted, rejected or undecided, and why",
        description="Read the map as an argumentation framework (ASPIC+-style: evidence, "
        "assumed and unsupported claims are given premises; attacks rebut or undermine, "
        "undercuts attack steps) and label every claim, evidence item and inference "
        "accepted, rejected or undecided, each with its reason. Prints the thesis, what is "
        "rejected or undecided, and what stands though attacked; --all prints every item.",
    )
    evaluator.add_argument("file", metavar="FILE", help="a map file")
    _add_from(evaluator)
    evaluator.add_argument(
        "--semantics",
        choices=["grounded", "preferred"],
        default="grounded",
        help="grounded (default): only what must be accepted; preferred: what every "
        "preferred extension accepts (sceptical; JSON also says `credulous`)",
    )
    evaluator.add_argument(
        "--assumed-only",
        action="store_true",
        help="give only evidence and `assumed` claims as premises; a claim that nothing "
        "supports is then rejected instead of taken as stated",
    )
    evaluator.add_argument("--all", action="store_true", help="print every item's label")
    evaluator.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    evaluator.set_defaults(run=cmd_evaluate)


def _convert_parser(commands: _Commands) -> None:
    """Add `argmap convert`."""
    converter = commands.add_parser(
        "convert",
        help="convert a map between argmap, AIF, Argdown, SADFace, ... and say what is lost",
        description="Read a map in one format and write it in another. Each format comes\n"
        "from its file's suffix, or --from/--to. What the conversion kept (in `extra`),\n"
        "changed or dropped is printed; with --strict nothing is written if anything\n"
        "would be lost." + _format_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    converter.add_argument(
        "input", metavar="IN", help="the map to read, or a folder of maps (then OUT is a folder)"
    )
    converter.add_argument(
        "output",
        metavar="OUT",
        help="the file to write, or the folder to write each map of IN into (same subfolders "
        "and names, the suffix of --to's format)",
    )
    _add_from(converter)
    _add_batch_options(converter)
    converter.add_argument(
        "--to",
        dest="target_format",
        metavar="FORMAT",
        help="the output's format, if its suffix does not tell",
    )
    converter.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1, writing nothing) if anything would be dropped or changed",
    )
    converter.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    converter.set_defaults(run=cmd_convert)


def _schema_parser(commands: _Commands) -> None:
    """Add `argmap schema`."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of map files",
        description="Print the JSON Schema of the map file format, for editors to "
        "validate and complete map files.",
    )
    schema.set_defaults(run=cmd_schema)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``argmap`` command line."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Map the structure of arguments: check, analyse and draw argument maps.",
        epilog="Exit codes: 0 no findings at or above the fail level; 1 findings; "
        "2 a file could not be used (missing, not a valid map) or the command was wrong.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in (  # in the order of `argmap --help`
        _check_parser,
        _compare_parser,
        _rules_parser,
        _schemes_parser,
        _stats_parser,
        _render_parser,
        _evaluate_parser,
        _convert_parser,
        _schema_parser,
    ):
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``argmap`` command and return its exit code."""
    for stream in (sys.stdout, sys.stderr):  # never fail on a terminal that is not UTF-8
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ArgmapError as err:  # e.g. Graphviz missing, a file that cannot be written
        _print_problems(err.problems, sys.stderr, getattr(args, "file", "argmap"))
        return EXIT_UNUSABLE
    except BrokenPipeError:  # e.g. `argmap check map.yaml | head`: the reader left
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # as a shell reports a process ended by SIGPIPE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
