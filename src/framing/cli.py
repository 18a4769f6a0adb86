"""The ``framing`` command: parse arguments, call a library function, render its data.

Kept thin and light: nothing heavy is imported before a command runs, so
``framing --help`` starts in well under half a second.

Exit codes: 0 all articles scored; 1 some inputs could not be read or scored
(their rows carry the error, a summary goes to stderr), or an unexpected
internal error (one line on stderr; ``FRAMING_DEBUG=1`` shows the traceback);
2 usage errors (bad options, a malformed user lexicon, an output that cannot
be written). No input, however broken, makes the command print a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class Progress:
    """A one-line progress counter on stderr, shown only on a terminal and for long runs."""

    def __init__(self, stream: TextIO, label: str, enabled: bool | None = None):
        self.stream = stream
        self.label = label
        self.enabled = stream.isatty() if enabled is None else enabled
        self.count = 0
        self.failed = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def step(self, failed: bool) -> None:
        self.count += 1
        self.failed += failed
        now = time.perf_counter()
        if self.enabled and now - self._last > 0.2 and now - self.started > 1.0:
            self._last = now
            rate = self.count / (now - self.started)
            self.stream.write(f"\r{self.label}: {self.count} articles, {self.failed} failed, {rate:.0f}/s ")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._last:
            self.stream.write("\n")


def _jobs(value: str) -> int:
    """``-j``: a positive number of worker processes, or -1 for every core."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if jobs == 0 or jobs < -1:
        raise argparse.ArgumentTypeError(f"{jobs} is not a number of processes (use 1, 2, ... or -1 for all cores)")
    return jobs


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news outlets present the same events: hedging, country sentiment, "
        "sourcing of figures, quotes and disclaimers, with evidence.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    p.add_argument("--lexicon", action="append", default=[], metavar="PATH", help="extra lexicon file or directory (repeatable)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("score", help="score articles; one row per article (JSONL, CSV, Parquet or a SQL database)")
    s.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .jsonl, .json, .csv, .html files or directories; - is standard input")
    s.add_argument("--format", choices=("jsonl", "csv", "parquet"), default=None, help="output format (default: from -o's suffix, else jsonl)")
    s.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    s.add_argument("--to", metavar="URL", help="append to a SQL database (SQLAlchemy URL, e.g. sqlite:///scores.db)")
    s.add_argument("-j", "--jobs", type=_jobs, default=1, help="worker processes (-1: all cores)")
    s.add_argument("--no-progress", action="store_true", help="no progress line on stderr")

    c = sub.add_parser("compare", help="compare outlets covering the same events")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--md", metavar="FILE", help="write a Markdown report")
    c.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    c.add_argument("--json", metavar="FILE", help="write the comparison as JSON")
    c.add_argument("--threshold", type=float, default=None, help="similarity needed to group two articles into one event (0-1)")
    c.add_argument("-j", "--jobs", type=_jobs, default=1, help="worker processes (-1: all cores)")

    e = sub.add_parser("explain", help="show an article with its evidence highlighted")
    e.add_argument("path", metavar="PATH")
    e.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    lx = sub.add_parser("lexicons", help="list the lexicons, or check a lexicon file")
    lx.add_argument("--check", metavar="FILE", nargs="+", help="lint lexicon files; exit 1 on problems")
    return p


def _version() -> str:
    from framing import __version__

    return __version__


def _err(message: str) -> None:
    sys.stderr.write(f"framing: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    from framing.errors import FramingError

    try:
        if args.lexicon:
            from framing import lexicons

            lexicons.use(*args.lexicon)
        return {"score": cmd_score, "compare": cmd_compare, "explain": cmd_explain, "lexicons": cmd_lexicons}[args.command](args)
    except FramingError as e:
        _err(str(e))
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`framing score x | head`): not an error. Point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except OSError as e:
        _err(f"{e.filename}: {e.strerror}" if e.filename else str(e))
        return EXIT_USAGE
    except Exception as e:
        if os.environ.get("FRAMING_DEBUG"):
            raise
        _err(f"unexpected error: {type(e).__name__}: {e} (set FRAMING_DEBUG=1 to see where)")
        return EXIT_SOME_FAILED


def _writable(*outputs: str | None) -> str | None:
    """Why an output file cannot be written (checked before scoring, not after), or None."""
    for output in outputs:
        if not output:
            continue
        path = Path(output)
        if path.is_dir():
            return f"{output}: is a directory; give a file name"
        if not path.parent.is_dir():
            return f"{output}: directory {str(path.parent)!r} does not exist"
    return None


def _scored(paths: Iterable[str], jobs: int, progress: Progress) -> Iterator[Any]:
    import warnings

    from framing.article import iter_articles
    from framing.errors import FramingWarning
    from framing.pipeline import score_many

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # carried on each row's `warnings`
        for doc in score_many(iter_articles(paths), n_jobs=jobs):
            progress.step(doc.error is not None)
            yield doc


#: What the summary says about rows that were scored with a caveat, by kind of note.
_NOTE_LABELS = {
    "encoding": "read with an assumed encoding",
    "language": "not English prose (signals left empty)",
}


def _summary(progress: Progress, failures: list[str], notes: list[tuple[str, str]] | None = None) -> int:
    """Say on stderr which rows failed and which carry a caveat (encoding, language); return the exit code."""
    progress.close()
    notes = notes or []
    if not failures and not notes:
        return EXIT_OK
    groups = [(f"{len(failures)} could not be scored", failures)] if failures else []
    for kind, label in _NOTE_LABELS.items():
        items = [message for k, message in notes if k == kind]
        if items:
            groups.append((f"{len(items)} {label}", items))
    _err(f"{progress.count} articles in, {progress.count} rows out; {', '.join(label for label, _ in groups)}:")
    for _label, items in groups:
        for item in items[:20]:
            sys.stderr.write(f"  {item}\n")
        if len(items) > 20:
            sys.stderr.write(f"  … and {len(items) - 20} more (see the error and warnings columns)\n")
    return EXIT_SOME_FAILED if failures else EXIT_OK


def _collect(doc: Any, failures: list[str], notes: list[tuple[str, str]]) -> None:
    if doc.error:
        failures.append(doc.error)
    notes.extend(("encoding", message) for message in doc.article.warnings)
    if doc.language.get("is_english") is False:
        said = [w for w in doc.warnings if "does not look like English" in w]
        notes.append(("language", said[0] if said else str(doc.article.source or doc.article.id)))


def cmd_score(args: argparse.Namespace) -> int:
    from framing import export

    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "jsonl")
    if fmt not in ("jsonl", "csv", "parquet"):
        fmt = "jsonl"
    if fmt == "parquet" and not args.output:
        _err("--format parquet needs -o FILE")
        return EXIT_USAGE
    problem = _writable(args.output)
    if problem:
        _err(problem)
        return EXIT_USAGE
    progress = Progress(sys.stderr, "scoring", enabled=False if args.no_progress else None)
    failures: list[str] = []
    notes: list[tuple[str, str]] = []

    def docs() -> Iterator[Any]:
        for doc in _scored(args.paths, args.jobs, progress):
            _collect(doc, failures, notes)
            yield doc

    if args.to:
        export.to_sql(docs(), args.to)
    else:
        export.write(docs(), fmt, args.output)
    return _summary(progress, failures, notes)


def cmd_compare(args: argparse.Namespace) -> int:
    from framing.comparison import compare
    from framing.render import terminal

    problem = _writable(args.md, args.html, args.json)
    if problem:
        _err(problem)
        return EXIT_USAGE
    progress = Progress(sys.stderr, "scoring")
    failures: list[str] = []
    notes: list[tuple[str, str]] = []
    docs = []
    for doc in _scored(args.paths, args.jobs, progress):
        _collect(doc, failures, notes)
        docs.append(doc)
    options = {} if args.threshold is None else {"threshold": args.threshold}
    result = compare(docs, **options)
    data = result.to_dict()
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.md:
        from framing.render import markdown

        Path(args.md).write_text(markdown.render(data), encoding="utf-8")
    if args.html:
        from framing.render import html

        Path(args.html).write_text(html.render(data), encoding="utf-8")
    sys.stdout.write(terminal.render(data, color=sys.stdout.isatty()))
    return _summary(progress, failures, notes)


def cmd_explain(args: argparse.Namespace) -> int:
    from framing.article import load
    from framing.pipeline import score
    from framing.render import terminal

    articles = load(args.path)
    color = sys.stdout.isatty() if args.color == "auto" else args.color == "always"
    status = EXIT_OK
    for article in articles:
        doc = score(article)
        if doc.error:
            _err(doc.error)
            status = EXIT_SOME_FAILED
            continue
        sys.stdout.write(terminal.explain(doc.to_dict(), color=color))
    return status


def cmd_lexicons(args: argparse.Namespace) -> int:
    from framing import lexicons

    if args.check:
        status = EXIT_OK
        for f in args.check:
            found = lexicons.problems(Path(f)) if Path(f).is_file() else [f"{f}: no such lexicon file"]
            for problem in found:
                sys.stdout.write(problem + "\n")
            if found:
                status = EXIT_SOME_FAILED
            else:
                sys.stdout.write(f"{f}: ok\n")
        return status
    for row in lexicons.describe():
        cats = ", ".join(f"{c} {n}" for c, n in row["categories"].items())
        sys.stdout.write(f"{row['name']:<18} {row['entries']:>5} entries  {cats}\n")
        for f in row["files"]:
            sys.stdout.write(f"{'':<18} {f}\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
