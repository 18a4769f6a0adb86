"""The CLI's error paths: every bad input gives a clear message naming the file (and line), a non-zero exit, no traceback.

Batch runs go on past a bad record: N articles in, N rows out, each failed row
carrying its error, a summary on stderr. Usage errors exit 2; inputs that could
not be read or scored exit 1. Most cases run ``framing.cli.main`` in-process
(fast); one runs the installed command in a subprocess to see the real stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from framing import cli, lexicons

GOOD = "Officials said exports to Russia rose 12%, according to customs data. India may benefit."


def run(argv, capsys):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _no_user_lexicons():
    yield
    lexicons.reset()


# ---------------------------------------------------------------- one bad input each
def _missing(tmp):
    return tmp / "missing.txt"


def _empty_dir(tmp):
    d = tmp / "nothing_here"
    d.mkdir()
    (d / "notes.bin").write_bytes(b"\x00\x01")
    return d


def _binary(tmp):
    p = tmp / "image.txt"
    p.write_bytes(bytes(range(256)) * 40)
    return p


def _empty(tmp):
    p = tmp / "empty.txt"
    p.write_text("")
    return p


def _bom_only(tmp):
    p = tmp / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf \n")
    return p


def _csv_without_text(tmp):
    p = tmp / "table.csv"
    p.write_text("id,headline\n1,Exports rise\n", encoding="utf-8")
    return p


def _huge(tmp):
    p = tmp / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50_000_001)  # 50 MB, sparse: refused by size before it is read
    return p


def _bad_json(tmp):
    p = tmp / "broken.json"
    p.write_text('{"text": "unfinished', encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing, "missing.txt: no such file"),
        (_empty_dir, "nothing_here: directory has no article files"),
        (_binary, "image.txt: binary file"),
        (_empty, "empty.txt: empty file"),
        (_bom_only, "bom.txt: empty file"),
        (_csv_without_text, "table.csv:1: no text column (looked for text"),
        (_huge, "huge.txt: file has 50,000,001 bytes"),
        (_bad_json, "broken.json:1: invalid JSON"),
    ],
    ids=lambda x: getattr(x, "__name__", "")[1:],
)
def test_unreadable_input_is_a_row_with_its_error_and_exit_1(make, message, tmp_path, capsys):
    path = make(tmp_path)
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", path, "--format", "jsonl", "-o", out], capsys)
    assert code == cli.EXIT_SOME_FAILED
    assert message in err
    assert "1 articles in, 1 rows out; 1 could not be scored" in err
    [row] = rows(out)
    assert message in row["error"]
    assert row["hedging"] is not None  # the row has every signal key, empty


def test_malformed_jsonl_lines_are_named_and_the_batch_goes_on(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": GOOD}),
        "{not json",
        "[1, 2]",
        "",
        json.dumps({"id": "d", "title": "no text here"}),
        json.dumps({"id": "e", "text": 42}),
        json.dumps({"id": "f", "content": GOOD}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", path, "-o", out, "--no-progress"], capsys)
    assert code == cli.EXIT_SOME_FAILED
    got = rows(out)
    assert len(got) == 6  # 7 lines, one blank: 6 records in, 6 rows out
    assert [r["error"] is None for r in got] == [True, False, False, False, False, True]
    for line in (2, 3, 5, 6):
        assert f"feed.jsonl:{line}: " in err
    assert "feed.jsonl:2: invalid JSON" in got[1]["error"]
    assert "expected a JSON object, got list" in got[2]["error"]
    assert "no text field" in got[3]["error"] and "record has id, title" in got[3]["error"]
    assert "text field is int" in got[4]["error"]
    assert got[5]["id"] == "f" and got[5]["figures"] is not None


def test_csv_rows_without_text_name_their_line(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\n1,"{GOOD}"\n2,\n3,"India may benefit."\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", path, "-o", out], capsys)
    got = rows(out)
    assert code == cli.EXIT_SOME_FAILED and len(got) == 3
    assert got[1]["error"].startswith(f"{path}:3: no text field")
    assert f"{path}:3" in err


@pytest.mark.parametrize(
    ("name", "data", "assumed", "expected"),
    [
        ("latin1.txt", "Le président a déclaré que 40 % des fonds.".encode("latin-1"), "Latin-1", "président"),
        ("smart.txt", "Officials said “exports rose” 12% – customs data.".encode("cp1252"), "Windows-1252", "“exports rose”"),
        ("utf16.txt", ("\ufeff" + GOOD).encode("utf-16-le"), "UTF-16", GOOD),
        ("utf16be.txt", ("\ufeff" + GOOD).encode("utf-16-be"), "UTF-16", GOOD),
    ],
    ids=lambda x: x if isinstance(x, str) and x.endswith(".txt") else "",
)
def test_other_encodings_are_decoded_and_the_assumption_is_said(name, data, assumed, expected, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", path, "-o", out], capsys)
    assert code == cli.EXIT_OK
    [row] = rows(out)
    assert row["error"] is None
    assert expected in row["text"]
    assert any(assumed in w and name in w for w in row["warnings"]), row["warnings"]
    assert f"{name}: " in err and assumed in err and "read with an assumed encoding" in err


def test_a_batch_of_good_and_bad_files_keeps_order_and_summarises(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    inputs = [good, _missing(tmp_path), _binary(tmp_path), good, _empty(tmp_path)]
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", *inputs, "-o", out], capsys)
    got = rows(out)
    assert code == cli.EXIT_SOME_FAILED
    assert len(got) == 5
    assert [r["error"] is None for r in got] == [True, False, False, True, False]
    assert "5 articles in, 5 rows out; 3 could not be scored" in err
    assert [Path(r["source"]).name for r in got] == ["good.txt", "missing.txt", "image.txt", "good.txt", "empty.txt"]


def test_all_good_inputs_exit_0_and_print_nothing_on_stderr(tmp_path, capsys, seed_paths):
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", *seed_paths, "-o", out, "--no-progress"], capsys)
    assert (code, err) == (cli.EXIT_OK, "")
    assert len(rows(out)) == len(seed_paths)


# ---------------------------------------------------------------- usage errors: exit 2, nothing scored
@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_bad_job_counts_are_usage_errors(jobs, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["score", str(tmp_path), "-j", jobs])
    assert exit_.value.code == cli.EXIT_USAGE
    assert "-j/--jobs" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_refused_before_scoring(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, _, err = run(["score", good, "-o", tmp_path / "no" / "such" / "dir" / "out.jsonl"], capsys)
    assert code == cli.EXIT_USAGE and "does not exist" in err and "Traceback" not in err
    code, _, err = run(["score", good, "-o", tmp_path], capsys)
    assert code == cli.EXIT_USAGE and "is a directory" in err
    code, _, err = run(["compare", good, good, "--html", tmp_path / "nope" / "r.html"], capsys)
    assert code == cli.EXIT_USAGE and "r.html" in err


def test_parquet_to_stdout_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(["score", tmp_path, "--format", "parquet"], capsys)
    assert code == cli.EXIT_USAGE and "needs -o FILE" in err


def _lexicon(tmp_path, name, body):
    path = tmp_path / name
    path.write_text("# a user's lexicon\nterm\tcategory\tweight\tnote\n" + body, encoding="utf-8")
    return path


def test_a_malformed_user_lexicon_is_reported_with_its_line(tmp_path, capsys):
    bad = _lexicon(tmp_path, "hedges.tsv", "perhaps\thedge\t1\tok\nmaybe\thedge\tlots\tnot a number\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = run(["--lexicon", bad, "score", good], capsys)
    assert code == cli.EXIT_USAGE
    assert f"{bad}:4: weight 'lots' is not a number" in err
    assert out == ""  # nothing scored with a half-read lexicon


def test_lexicon_check_lists_every_malformed_file_with_lines(tmp_path, capsys):
    cells = _lexicon(tmp_path, "a.tsv", "perhaps\thedge\n")
    regex = _lexicon(tmp_path, "b.tsv", "re:(unclosed\thedge\t1\tbroken pattern\n")
    empty_rx = _lexicon(tmp_path, "c.tsv", "re:x*\thedge\t1\tmatches nothing\n")
    evil = _lexicon(tmp_path, "e.tsv", "re:(\\w+\\s?)*!\thedge\t1\tcatastrophic on a long run of words\n")
    header = tmp_path / "d.tsv"
    header.write_text("word\tweight\nperhaps\t1\n", encoding="utf-8")
    code, out, _ = run(["lexicons", "--check", cells, regex, empty_rx, evil, header, tmp_path / "missing.tsv"], capsys)
    assert code == cli.EXIT_SOME_FAILED
    assert f"{cells}:3: 2 tab-separated cells, header has 4" in out
    assert f"{regex}:3: bad regular expression" in out
    assert f"{empty_rx}:3: regular expression matches the empty string" in out
    assert "e.tsv:3: regular expression repeats a repeat ('(\\\\w+\\\\s?)*')" in out
    assert f"{header}:1: header must name the columns" in out
    assert "missing.tsv: no such lexicon file" in out


def test_a_user_lexicon_is_data_never_code(tmp_path, capsys):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    columns = lexicons.load_lexicon("hedges").columns
    row = {"term": payload, "category": "hedge", "weight": "1", "note": "an attempt to run code"}
    lex = tmp_path / "hedges.tsv"
    lex.write_text("\t".join(columns) + "\n" + "\t".join(row.get(c, "") for c in columns) + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(f"{GOOD} {GOOD} {GOOD} The statement read: {payload}", encoding="utf-8")
    code, _, err = run(["--lexicon", lex, "score", good, "-o", tmp_path / "o.jsonl"], capsys)
    assert (code, err) == (cli.EXIT_OK, "")
    assert not marker.exists()


def test_a_user_lexicon_missing_columns_is_refused_before_scoring(tmp_path, capsys):
    extra = [c for c in lexicons.load_lexicon("hedges").columns if c not in lexicons.REQUIRED_COLUMNS]
    if not extra:
        pytest.skip("the shipped hedges lexicon has no extra columns")
    lex = _lexicon(tmp_path, "hedges.tsv", "perhaps\thedge\t1\tmine\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = run(["--lexicon", lex, "score", good], capsys)
    assert code == cli.EXIT_USAGE and out == ""
    assert f"{lex}: user lexicon lacks columns {', '.join(extra)}" in err


# ---------------------------------------------------------------- unexpected failures
def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    from framing import export

    def explode(*_args, **_kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "write", explode)
    monkeypatch.delenv("FRAMING_DEBUG", raising=False)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, _, err = run(["score", good], capsys)
    assert code == cli.EXIT_SOME_FAILED
    assert err.strip() == "framing: unexpected error: RuntimeError: disk on fire (set FRAMING_DEBUG=1 to see where)"
    monkeypatch.setenv("FRAMING_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli.main(["score", str(good)])


def test_the_installed_command_never_prints_a_traceback(tmp_path):
    """The real process: every bad input at once, N in, N out, exit 1, a summary, no traceback."""
    inputs = [
        _missing(tmp_path), _empty_dir(tmp_path), _binary(tmp_path), _empty(tmp_path), _csv_without_text(tmp_path),
        _huge(tmp_path), _bad_json(tmp_path),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": GOOD}) + "\n{oops\n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président a déclaré que 40 % des fonds.".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "framing.cli", "score", *map(str, [*inputs, feed, latin]), "-o", str(out), "-j", "1"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == cli.EXIT_SOME_FAILED
    assert len(rows(out)) == len(inputs) + 3
    assert f"{len(inputs) + 3} articles in, {len(inputs) + 3} rows out; {len(inputs) + 1} could not be scored" in proc.stderr
    assert "feed.jsonl:2: invalid JSON" in proc.stderr
    assert "latin.txt: not valid UTF-8" in proc.stderr


def test_a_closed_pipe_is_not_an_error(seed_paths):
    proc = subprocess.Popen(
        [sys.executable, "-m", "framing.cli", "score", *map(str, seed_paths * 20)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == cli.EXIT_OK
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_explain_and_compare_report_unreadable_inputs_without_tracebacks(tmp_path, capsys):
    missing, binary = _missing(tmp_path), _binary(tmp_path)
    code, _, err = run(["explain", missing], capsys)
    assert code == cli.EXIT_SOME_FAILED and f"{missing}: no such file" in err
    code, _, err = run(["explain", binary], capsys)
    assert code == cli.EXIT_SOME_FAILED and "binary file" in err
    report = tmp_path / "cmp.json"
    code, _, err = run(["compare", missing, binary, "--json", report], capsys)
    assert code == cli.EXIT_SOME_FAILED
    assert "2 articles in, 2 rows out; 2 could not be scored" in err
    assert report.exists()  # the comparison of what could be read is still written


def test_rows_not_in_english_are_noted_in_the_summary_but_are_not_failures(tmp_path, capsys):
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le gouvernement français a annoncé mardi une hausse de 12 % des dépenses militaires, selon le ministère "
        "des Armées. Cette décision intervient après plusieurs mois de débats au Parlement.",
        encoding="utf-8",
    )
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["score", french, good, "-o", out], capsys)
    assert code == cli.EXIT_OK
    assert "2 articles in, 2 rows out; 1 not English prose (signals left empty):" in err
    assert f"{french}: does not look like English prose" in err
    fr_row, en_row = rows(out)
    assert fr_row["language"]["is_english"] is False and fr_row["error"] is None
    assert en_row["language"]["is_english"] is True
