"""Loaders: plain text with header/footer lines, front matter, JSONL/JSON/CSV/TSV, DataFrames, HTML; decoding.

Loaders never drop an input: what cannot be read becomes an Article whose
``error`` names the file (and line). Header metadata regions are offsets into
the text as loaded.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import framing
from framing import article as A
from framing.errors import DecodingWarning, InputError
from framing.readers import csvfile
from framing.readers.decoding import _streamable
from framing.readers.dispatch import _HEAD_BYTES, _iter_bytes, _iter_stream

BODY = "Officials said exports rose 12%, according to customs data. India may benefit."


def one(path):
    [art] = framing.load(path)
    return art


def check_regions(art):
    for kind, start, end in art.regions:
        assert 0 <= start < end <= len(art.text), (kind, start, end)
        assert art.text[start:end] == art.text[start:end].strip()


# ---------------------------------------------------------------- .txt: header and footer lines
def test_seed_000_title_author_and_date_from_its_header(seed_paths):
    art = one(seed_paths[0])
    assert art.title == "Taliban’s Bold Move in Russia Stuns Pakistan, Leaves India Watching Closely"
    assert art.author == "Sagar"
    assert art.date == "2025-10-28"
    assert art.error is None and art.encoding == "utf-8"
    kinds = {kind: art.text[s:e] for kind, s, e in art.regions}
    assert kinds["title"] == art.title
    assert "Sagar" in kinds["byline"]
    assert "2025" in kinds["dateline"]
    check_regions(art)
    assert art.text == seed_paths[0].read_text(encoding="utf-8")  # the text is never modified


def test_seed_001_outlet_from_footer_and_date_from_dateline_without_a_title(seed_paths):
    art = one(seed_paths[1])
    assert art.outlet == "SouthAsianDesk"
    assert art.date == "2025-12-04"
    assert art.title is None
    assert art.text == seed_paths[1].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("By Jane Doe", "author", "Jane Doe"),
        ("- by: Jane O’Neil-Smith", "author", "Jane O’Neil-Smith"),
        ("• By Ahmed Rashid", "author", "Ahmed Rashid"),
        ("October 5, 2024", "date", "2024-10-05"),
        ("Oct. 5, 2024", "date", "2024-10-05"),
        ("5th October 2024", "date", "2024-10-05"),
        ("- 28 Oct, 2025", "date", "2025-10-28"),
        ("2024-10-05", "date", "2024-10-05"),
    ],
)
def test_header_lines_give_metadata_and_are_regions(header, field, value, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Exports Surge as Tariffs Bite\n{header}\n{BODY}\n", encoding="utf-8")
    art = one(path)
    assert getattr(art, field) == value
    assert art.title == "Exports Surge as Tariffs Bite"
    check_regions(art)
    assert header.strip() in [art.text[s:e] for _k, s, e in art.regions]


@pytest.mark.parametrize(
    "first_line",
    [
        "Officials said exports rose 12%, according to customs data.",  # a sentence, not a title
        "Moscow, December 4, 2025 – Russia and India met.",  # a dateline paragraph
    ],
)
def test_a_body_line_is_not_taken_for_a_title(first_line, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{first_line}\n{BODY}\n", encoding="utf-8")
    assert one(path).title is None


def test_a_single_line_is_body_not_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Exports Surge as Tariffs Bite", encoding="utf-8")
    art = one(path)
    assert art.title is None and art.regions == ()


@pytest.mark.parametrize("bad", ["February 30, 2024", "13/45/2024", "Octember 5, 2024", "2024-13-01", "May 32, 2024"])
def test_impossible_dates_are_not_dates(bad):
    assert A.parse_date(bad) is None


def test_footer_published_line_gives_outlet_and_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{BODY}\n{BODY}\nPublished in The Daily Star, March 3rd, 2024\n", encoding="utf-8")
    art = one(path)
    assert (art.outlet, art.date) == ("The Daily Star", "2024-03-03")


def test_front_matter_sets_metadata_and_is_not_article_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        '---\ntitle: "Exports: a record"\noutlet: Desk\ndate: 4 December 2025\nid: art-7\nurl: https://x.test/a\n---\n'
        f"{BODY}\n",
        encoding="utf-8",
    )
    art = one(path)
    assert (art.title, art.outlet, art.date, art.id, art.url) == (
        "Exports: a record", "Desk", "2025-12-04", "art-7", "https://x.test/a",
    )
    assert art.text == BODY + "\n"
    doc = framing.score(art).to_dict()
    assert doc["text"] == art.text


def test_unclosed_front_matter_is_plain_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"---\ntitle: x\n{BODY}\n", encoding="utf-8")
    art = one(path)
    assert art.text.startswith("---\ntitle: x") and art.title is None


def test_crlf_text_keeps_its_offsets(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Exports Surge as Tariffs Bite\r\nBy Jane Doe\r\n{BODY}\r\n".encode())
    art = one(path)
    assert art.author == "Jane Doe" and art.text.count("\r\n") == 3
    check_regions(art)


# ---------------------------------------------------------------- records
def test_jsonl_fields_aliases_ids_and_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"content_original": BODY, "source": "Desk", "authors": ["A. One", "B. Two"], "date_publish": "2024-01-02", "topic": "trade"},
        {"id": 7, "text": BODY, "headline": "H", "link": "https://x.test", "story_id": "ev1"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    a, b = framing.load(path)
    assert (a.text, a.outlet, a.author, a.date, a.id, a.source) == (BODY, "Desk", "A. One, B. Two", "2024-01-02", "feed:1", f"{path}:1")
    assert a.extra == {"topic": "trade"}
    assert (b.id, b.title, b.url, b.event, b.source) == ("7", "H", "https://x.test", "ev1", f"{path}:2")


def test_json_list_object_and_articles_key(tmp_path):
    for payload, n in (([{"text": BODY}, {"text": BODY}], 2), ({"text": BODY}, 1), ({"articles": [{"text": BODY}] * 3}, 3)):
        path = tmp_path / "x.json"
        path.write_text(json.dumps(payload), encoding="utf-8")
        arts = framing.load(path)
        assert len(arts) == n and all(a.text == BODY and a.error is None for a in arts)
    path.write_text(json.dumps([{"text": BODY}, "just a string", 3]), encoding="utf-8")
    arts = framing.load(path)
    assert [a.error is None for a in arts] == [True, False, False]
    assert "item 1 is str, not an object" in arts[1].error


def test_json_record_errors_name_their_line(tmp_path):
    """A streamed element that is not a usable record says on which line it starts, as a JSONL line does."""
    path = tmp_path / "x.json"
    path.write_text('[\n {"text": "a"},\n "str",\n {"title": "t",\n  "id": "q"},\n {"text": 5}\n]', encoding="utf-8")
    ok, not_object, no_text, not_string = framing.load(path)
    assert ok.error is None
    assert not_object.error.startswith(f"{path}:3: item 1 is str, not an object")
    assert no_text.error.startswith(f"{path}:4: item 2: no text field") and no_text.id == "q"
    assert not_string.error.startswith(f"{path}:6: item 3: text field is int")
    single = tmp_path / "one.json"
    single.write_text('\n\n{"title": "t"}', encoding="utf-8")
    (art,) = framing.load(single)
    assert art.error.startswith(f"{single}:3: no text field")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # streamed / read whole by json
def test_json_lines_saved_as_json_give_every_record(tmp_path, encoding):
    """N records in, N rows out, whatever the file is called: JSON Lines in a .json file are not cut after the first."""
    path = tmp_path / "feed.json"
    lines = [json.dumps({"id": f"r{k}", "text": f"Text {k}."}) for k in range(5)]
    def load():
        if encoding == "utf-8":
            return framing.load(path)
        with pytest.warns(DecodingWarning, match="UTF-16"):
            return framing.load(path)

    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    arts = load()
    assert [(a.id, a.text, a.error) for a in arts] == [(f"r{k}", f"Text {k}.", None) for k in range(5)]
    # Arrays and {"articles": [...]} objects may follow one another too; what is not an array or object is an error.
    path.write_text('[{"text": "a"}, {"text": "b"}]\n{"articles": [{"text": "c"}]}\n{"text": "d"}\n5\n{"text": "e"}', encoding=encoding)
    arts = load()
    assert [a.text for a in arts[:4]] == ["a", "b", "c", "d"] and len(arts) == 5
    assert arts[4].error.startswith(f"{path}:4: invalid JSON (Extra data)")


def test_json_error_names_the_line(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[\n {"text": "a"},\n {"text": }\n]', encoding="utf-8")
    first, art = framing.load(path)  # the element before the error is read (the array streams)
    assert (first.text, first.error) == ("a", None)
    assert art.error.startswith(f"{path}:3: invalid JSON (Expecting value)")


def test_csv_and_tsv_with_multiline_fields_name_the_starting_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,outlet,text\n1,Desk,"First line\nsecond line"\n2,Wire,\n3,Wire,"Third."\n', encoding="utf-8")
    a, b, c = framing.load(path)
    assert a.text == "First line\nsecond line" and a.outlet == "Desk" and a.source == f"{path}:2"
    assert b.error and b.error.startswith(f"{path}:4: no text field")
    assert c.text == "Third." and c.source == f"{path}:5"
    tsv = tmp_path / "rows.tsv"
    tsv.write_text(f"id\tbody\n9\t{BODY}\n", encoding="utf-8")
    [t] = framing.load(tsv)
    assert (t.id, t.text) == ("9", BODY)


def test_excel_csv_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + f"text,outlet\n{BODY.replace(',', '')},Desk\n".encode())
    [art] = framing.load(path)
    assert art.error is None and art.outlet == "Desk"


def test_records_over_the_size_limit_become_error_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(A, "MAX_CHARS", 50)
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "short"}) + "\n" + json.dumps({"text": "x" * 51}) + "\n", encoding="utf-8")
    a, b = framing.load(path)
    assert a.error is None
    assert b.error.startswith(f"{path}:2: article has 51 characters, more than the limit of 50")


def test_from_frame_keeps_every_row(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"text": [BODY, float("nan"), "India may benefit."], "outlet": ["Desk", "Wire", float("nan")], "n": [1, 2, 3]}
    )
    arts = framing.from_frame(frame)
    assert len(arts) == 3
    assert (arts[0].outlet, arts[0].id, arts[0].source) == ("Desk", "0", "DataFrame row 0")
    assert arts[1].error and "no text field" in arts[1].error
    assert arts[2].outlet is None and arts[2].extra == {"n": 3}
    with pytest.raises(InputError, match=r"no text column 'body'; columns are text, outlet, n"):
        framing.from_frame(frame, text_column="body")
    scored = list(framing.score_many(arts))
    assert [s.error is None for s in scored] == [True, False, True]


# ---------------------------------------------------------------- directories
def test_directory_reads_article_files_in_sorted_order_recursively(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "1.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    arts = framing.load(tmp_path)
    assert [a.source for a in arts] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt"), f"{tmp_path / 'c.jsonl'}:1"]


def test_iter_articles_is_lazy_over_paths(tmp_path):
    paths = [tmp_path / f"{i}.txt" for i in range(3)]
    for p in paths:
        p.write_text(BODY, encoding="utf-8")
    it = framing.iter_articles(paths)
    paths[2].unlink()  # not read yet
    assert [a.error is None for a in it] == [True, True, False]


# ---------------------------------------------------------------- decoding
TEXT = "Officials said “exports rose” 12% — café, naïve, Zürich; €5m."


@pytest.mark.parametrize(
    ("data", "encoding", "warns"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", False),
        (TEXT.encode("utf-16"), "utf-16", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", True),
        (TEXT.encode("utf-32"), "utf-32", True),
        (TEXT.encode("utf-16-le"), "utf-16-le", True),
        (TEXT.encode("utf-16-be"), "utf-16-be", True),
        (TEXT.encode("cp1252"), "cp1252", True),
    ],
    ids=["utf-8", "utf-8-sig", "utf-16-bom", "utf-16-be-bom", "utf-32-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_decode_recovers_the_text(data, encoding, warns):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        text, enc = A.decode(data, "x.txt")
    assert (text, enc) == (TEXT, encoding)
    messages = [str(w.message) for w in seen if issubclass(w.category, DecodingWarning)]
    assert bool(messages) == warns
    if warns:
        assert messages[0].startswith("x.txt: ")


def test_latin1_bytes_cp1252_lacks_are_kept_not_dropped():
    data = "Le président a déclaré".encode("latin-1") + b" \x81\x8d end"  # 0x81, 0x8D: undefined in cp1252
    with pytest.warns(DecodingWarning, match=r"x.txt: not valid UTF-8 \(byte 0xE9 at line 1\); decoded as Latin-1"):
        text, enc = A.decode(data, "x.txt")
    assert enc == "latin-1" and text.encode("latin-1") == data  # every byte accounted for


def test_utf8_with_stray_windows_1252_quotes_keeps_its_utf8():
    data = "Line one: café, Zürich.\n".encode() + b"He said \x93yes\x94 \xe2\x80\x94 twice.\n"
    with pytest.warns(DecodingWarning, match=r"byte 0x93 at line 2\); decoded as UTF-8, with the bytes"):
        text, enc = A.decode(data, "x.txt")
    assert enc == "utf-8+cp1252"
    assert text == "Line one: café, Zürich.\nHe said “yes” — twice.\n"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, b"%PDF\x00\x01\x02" * 100, b"\x07\x08\x0e" * 300],
    ids=["all-bytes", "png", "pdf", "controls"],
)
def test_binary_data_is_an_input_error(data):
    with pytest.raises(InputError, match=r"x.bin: binary file"):
        A.decode(data, "x.bin")


@pytest.mark.parametrize("name", ["old.txt", "old.csv", "old.jsonl"])
def test_one_stray_control_character_does_not_make_a_short_file_binary(tmp_path, name):
    """One raw control character (here an escape, 0x1B, left by a terminal) in a short file is over 5 % of it:
    still text, kept as given; in JSON Lines it is what JSON forbids in a string, and the error says so."""
    text = "Kabul:\x1b 2."
    body = {"old.txt": text, "old.jsonl": '{"text": "' + text + '"}\n', "old.csv": "text\n" + text + "\n"}[name]
    path = tmp_path / name
    path.write_bytes(body.encode())
    (article,) = A.iter_articles(path)
    if name == "old.jsonl":
        assert article.error == f"{path}:1: invalid JSON (Invalid control character at column 17)"
    else:
        assert article.error is None
        assert article.text == text


def test_loader_carries_the_decoding_assumption_to_the_scored_row(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{BODY} “Quoted.”".encode("cp1252"))
    with pytest.warns(DecodingWarning):
        art = one(path)
    assert art.encoding == "cp1252" and "“Quoted.”" in art.text
    row = framing.score(art).to_dict()  # English: no warning of its own; the loader's is carried
    assert any("decoded as Windows-1252" in w for w in row["warnings"])


# ---------------------------------------------------------------- HTML (the html extra)
def test_html_page_gives_article_text_and_metadata_without_markup(tmp_path):
    pytest.importorskip("trafilatura")
    paragraphs = "".join(f"<p>{BODY} Paragraph {i} adds detail on the trade figures and reactions.</p>" for i in range(6))
    page = (
        "<html><head><title>Exports Surge | Desk</title><meta name='author' content='Jane Doe'>"
        "<meta property='og:site_name' content='Desk'></head><body><nav>Home | World</nav>"
        f"<article><h1>Exports Surge</h1>{paragraphs}<script>window.__pwned=1</script></article>"
        "<footer>© Desk</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    art = one(path)
    assert art.error is None
    assert "Paragraph 5 adds detail" in art.text
    assert "<" not in art.text and "__pwned" not in art.text
    assert art.author == "Jane Doe" and art.outlet == "Desk"


def test_html_without_article_text_is_an_error_row(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><div></div></body></html>", encoding="utf-8")
    art = one(path)
    assert art.error == f"{path}: no article text found in the HTML page"


# ---------------------------------------------------------------- JSONL edge cases
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_jsonl_line_separators_inside_strings_do_not_split_records(encoding, tmp_path):
    text = "First paragraph.\u2028Second\u0085 and \x1c third\u2029 fourth."
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": text}, ensure_ascii=False), json.dumps({"id": "b", "text": BODY})]
    path.write_bytes(("\n".join(lines) + "\r\n").encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DecodingWarning)  # UTF-16 is reported; not the point here
        a, b = framing.load(path)
    assert (a.error, a.text, a.source) == (None, text, f"{path}:1")
    assert (b.error, b.id, b.source) == (None, "b", f"{path}:2")


def test_jsonl_line_in_windows_1252_is_decoded_and_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": "Zürich café."}, ensure_ascii=False).encode()
    bad = '{"id": "b", "text": "He said “yes”."}'.encode("cp1252")
    path.write_bytes(good + b"\n" + bad + b"\n" + good + b"\n")
    with pytest.warns(DecodingWarning, match=r"feed.jsonl.*line 2"):
        arts = framing.load(path)
    assert [a.text for a in arts] == ["Zürich café.", "He said “yes”.", "Zürich café."]
    assert arts[0].warnings == () and arts[2].warnings == ()
    assert any("line 2" in w for w in arts[1].warnings)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_device_is_read_with_a_bound(monkeypatch):
    monkeypatch.setattr(A, "MAX_CHARS", 1_000)
    [art] = framing.load("/dev/zero")
    assert art.error == "/dev/zero: more than 4,000 bytes: more than one article can hold"


def test_malformed_csv_records_are_error_rows_and_reading_goes_on(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text\n1,"a"b\n2,fine\n3,He said "hi" there\n4,"never closed\n5,swallowed\n', encoding="utf-8")
    arts = framing.load(path)
    assert [(a.source, a.error, a.text) for a in arts] == [
        (f"{path}:2", f"{path}:2: malformed CSV record (',' expected after '\"')", ""),
        (f"{path}:3", None, "fine"),
        (f"{path}:4", None, 'He said "hi" there'),  # a quote inside an unquoted field is text
        (f"{path}:5", f"{path}:5: a quoted field opened in this record is never closed (the rest of the file is inside it)", ""),
    ]


def test_an_over_long_csv_text_gets_the_size_message_not_a_csv_error(tmp_path, monkeypatch):
    monkeypatch.setattr(A, "MAX_CHARS", 100)
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\n1,"{"x" * 1000}"\n2,ok\n', encoding="utf-8")
    big, ok = framing.load(path)
    assert big.error == f"{path}:2: article has 1,000 characters, more than the limit of 100 (split it, or raise framing.article.MAX_CHARS)"
    assert ok.text == "ok"


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_nested_too_deeply_is_an_error_row_not_a_recursion_error(suffix, tmp_path):
    path = tmp_path / f"deep{suffix}"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(deep if suffix == ".json" else f'{{"text": "ok"}}\n{deep}\n{{"text": "ok too"}}\n', encoding="utf-8")
    arts = framing.load(path)
    bad = [a for a in arts if a.error]
    assert len(bad) == 1 and bad[0].error.endswith("JSON nested too deeply to be an article record")
    assert len(arts) == (1 if suffix == ".json" else 3)


def test_front_matter_is_read_as_plain_pairs_never_as_yaml_objects(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ntitle: !!python/object/apply:os.system ['touch pwned']\nauthor: &a [x, *a]\n---\n" + BODY, encoding="utf-8"
    )
    art = one(path)
    assert art.title == "!!python/object/apply:os.system ['touch pwned']"
    assert art.author == "&a [x, *a]"
    assert not (tmp_path / "pwned").exists()


# ---------------------------------------------------------------- streams: standard input and pipes
def _records(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"Officials said {i + 2} ships docked."}).encode() + b"\n" for i in range(n))


def test_a_jsonl_fifo_is_read_once_and_loses_no_line(tmp_path):
    import os
    import threading

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    data = _records(50)  # more than the bytes looked at before reading (the head is not consumed)
    writer = threading.Thread(target=fifo.write_bytes, args=(data,), daemon=True)
    articles: list[A.Article] = []
    # A reader that opened the FIFO twice would wait forever for a second writer: run it with a deadline.
    reader = threading.Thread(target=lambda: articles.extend(A.iter_articles(fifo)), daemon=True)
    writer.start()
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading the FIFO blocked"
    assert [a.id for a in articles] == [f"r{i}" for i in range(50)]
    assert all(a.error is None for a in articles)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_records(3) + b"{not json\n", ["r0", "r1", "r2", "<stdin>:4"]),
        (codecs.BOM_UTF8 + _records(2), ["r0", "r1"]),
        (b"Kabul said 12 people died.\n\nOfficials said more may follow.\n", ["<stdin>"]),
    ],
    ids=["jsonl", "jsonl-bom", "text"],
)
def test_dash_reads_standard_input_as_jsonl_or_one_text(data, expected, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    articles = list(A.iter_articles("-"))
    assert [a.id for a in articles] == expected
    failed = [a for a in articles if a.error]
    if expected[-1] == "<stdin>:4":
        assert len(failed) == 1 and failed[0].error.startswith("<stdin>:4: invalid JSON")
    else:
        assert not failed
        assert all(a.text.strip() for a in articles)


@pytest.mark.parametrize(("name", "body"), [("header_only.csv", "id,text\n"), ("empty_list.json", "[]"), ("blank_rows.tsv", "text\n")])
def test_a_file_with_no_records_is_one_error_row(name, body, tmp_path):
    path = tmp_path / name
    path.write_text(body)
    articles = list(A.iter_articles(path))
    assert len(articles) == 1
    assert articles[0].error and name in articles[0].error and "no articles" in articles[0].error


# ---------------------------------------------------------------- CSV and TSV stream a line at a time
def _read_fifo_written_in_parts(fifo, parts):
    """Read ``fifo`` with ``iter_articles`` while another thread writes ``parts[0]``, then the rest only once the
    first article is out (or 10 s passed): a reader that waits for the end of the file before its first record is
    caught. Returns the articles and whether the first came before the rest was written."""
    import threading

    first_read = threading.Event()
    streamed: list[bool] = []
    articles: list[A.Article] = []

    def write():
        with fifo.open("wb", buffering=0) as w:
            w.write(parts[0])
            streamed.append(first_read.wait(timeout=10))
            for part in parts[1:]:
                w.write(part)

    def read():
        for art in A.iter_articles(fifo):
            articles.append(art)
            first_read.set()

    writer = threading.Thread(target=write, daemon=True)
    reader = threading.Thread(target=read, daemon=True)
    writer.start()
    reader.start()
    reader.join(timeout=30)
    writer.join(timeout=30)
    assert not reader.is_alive(), "reading the FIFO blocked"
    return articles, streamed == [True]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_csv_fifo_gives_its_first_record_before_the_file_ends(newline, tmp_path):
    import os

    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    nl = newline
    data = f'id,outlet,text{nl}1,Desk,"First line{nl}second line, quoted ""here"""{nl}2,Wire,Third.{nl}'
    data += f'3,Wire,"Fourth{nl}{nl}fifth."{nl}'
    # The first write ends inside record 2, as a pipe may: record 1 is complete, record 2 is not.
    cut = data.index("2,Wire") + len("2,Wi")
    articles, streamed = _read_fifo_written_in_parts(fifo, [data[:cut].encode(), data[cut:].encode()])
    assert streamed, "the first record was read only after the file ended: the CSV was read whole"
    assert [(a.id, a.outlet, a.text, a.source, a.error) for a in articles] == [
        ("1", "Desk", f'First line{nl}second line, quoted "here"', f"{fifo}:2", None),
        ("2", "Wire", "Third.", f"{fifo}:4", None),
        ("3", "Wire", f"Fourth{nl}{nl}fifth.", f"{fifo}:5", None),
    ]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_csv_lines_split_across_reads_are_read_as_whole_lines(chunk, tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "_CHUNK", chunk)  # every \r\n, every multi-byte character falls across reads
    path = tmp_path / "rows.csv"
    path.write_bytes('id,text\r\n1,"Zürich\r\ncafé"\r\n2,"Mac\rline"\r3,naïve\r\n'.encode())
    arts = framing.load(path)
    assert [(a.id, a.text, a.source) for a in arts] == [
        ("1", "Zürich\r\ncafé", f"{path}:2"),
        ("2", "Mac\rline", f"{path}:4"),
        ("3", "naïve", f"{path}:6"),
    ]


def test_a_csv_line_not_in_utf8_is_decoded_alone_and_named(tmp_path):
    path = tmp_path / "rows.csv"
    data = (
        'id,text\n1,"Zürich café."\n'.encode()
        + b'2,"First line,\nHe said \x93yes\x94."\n'  # a record over lines 3-4; line 4 is Windows-1252
        + '3,"Naïve, and UTF-8."\n'.encode()
    )
    path.write_bytes(data)
    with pytest.warns(DecodingWarning, match=r"rows.csv: not valid UTF-8 \(byte 0x93 at line 4\); decoded as Windows-1252"):
        a, b, c = framing.load(path)
    assert [x.text for x in (a, b, c)] == ["Zürich café.", "First line,\nHe said “yes”.", "Naïve, and UTF-8."]
    assert [x.source for x in (a, b, c)] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert (a.warnings, a.encoding, c.warnings, c.encoding) == ((), "utf-8", (), "utf-8")  # the other rows as before
    assert b.encoding == "cp1252" and len(b.warnings) == 1 and "line 4" in b.warnings[0]


def test_a_csv_record_past_the_bound_is_an_error_row_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(A, "MAX_CHARS", 1_000)  # records are bounded at 4 x 1,000 + 1 MiB bytes
    path = tmp_path / "rows.csv"
    record = b'1,"' + b"Officials said, again,\n" * 100_000 + b'"\n'  # 2.3 MB, closed
    path.write_bytes(b"id,text\n" + record + b"2,After it.\n")
    big, after = framing.load(path)
    assert big.error == (
        f"{path}:2: record has {len(record):,} bytes, more than one article can hold "
        "(1,000 characters; split it, or raise framing.article.MAX_CHARS)"
    )
    assert (after.text, after.source, after.error) == ("After it.", f"{path}:100003", None)


def test_a_quoted_field_never_closed_on_an_endless_stream_is_bounded(tmp_path, monkeypatch):
    import os
    import threading

    monkeypatch.setattr(A, "MAX_CHARS", 1_000)  # records are bounded at 4 x 1,000 + 1 MiB bytes
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)
    written = [0]

    def write():  # 40 MB inside one quoted field, as long as the reader reads; it should stop long before
        block = b"Officials said, again, and again,\n" * 2_000
        try:
            with fifo.open("wb", buffering=0) as w:
                w.write(b'id,text\n1,Before.\n2,"never closed\n')
                while written[0] < 40_000_000:
                    written[0] += w.write(block)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    before, endless = framing.load(fifo)
    writer.join(timeout=30)
    assert before.text == "Before."
    assert endless.error == (
        f"{fifo}:3: record is over 1,052,576 bytes and its end was not found (a quoted field never closed?); "
        "the rest of the file is not read"
    )
    assert written[0] < 20_000_000  # the reader let go of the stream once the record passed its bound


def test_a_jsonl_of_a_byte_order_mark_and_white_space_is_one_error_row(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b" \n\n")
    [art] = framing.load(path)
    assert art.error == f"{path}: empty file (only a byte-order mark or white space)"


def test_an_over_long_jsonl_line_is_an_error_row_and_memory_stays_bounded(tmp_path, monkeypatch):
    """A JSONL line longer than one article can be (here a line of 200 MB) is an error row naming its
    line; the lines after it are read, and it is never held whole."""
    import resource

    monkeypatch.setattr(A, "MAX_CHARS", 1_000)
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.write(_records(1))
        f.write(b'{"id": "huge", "text": "')
        chunk = b"word " * 200_000  # 1 MB
        for _ in range(200):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(_records(2)[len(_records(1)) :])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    articles = list(A.iter_articles(path))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [a.id for a in articles] == ["r0", "big:2", "r1"]
    assert articles[1].error == f"{path}:2: record has 200,000,026 bytes, more than one article can hold (1,000 characters; split it, or raise framing.article.MAX_CHARS)"
    assert articles[0].error is None and articles[2].error is None
    assert grown_mb < 50, grown_mb


# ---------------------------------------------------------------- JSON arrays stream an element at a time
class _SmallReads:
    """A stream that hands out 1 to 8 bytes a read, as a slow pipe may, and has no read-everything call."""

    def __init__(self, data: bytes, rnd) -> None:
        self._data, self._pos, self._rnd = data, 0, rnd
        self.reads = 0

    def peek(self, size: int = 0) -> bytes:
        return self._data[self._pos : self._pos + _HEAD_BYTES]

    def read1(self, size: int = -1) -> bytes:
        self.reads += 1
        n = self._rnd.randint(1, 8) if size < 0 else min(size, self._rnd.randint(1, 8))
        out = self._data[self._pos : self._pos + n]
        self._pos += len(out)
        return out


def _rows(articles):
    return [(a, a.extra) for a in articles]  # Article equality leaves out extra


#: Where a row's error points: ``items.json:3: item 1`` when streamed (lines known), ``items.json[1]`` or
#: ``items.json`` when read whole by one json.loads (no lines).
_LOCATION = re.compile(r"^items\.json(?::\d+(?:: item \d+)?|\[\d+\])?(?=: )")


def _unlocated(articles):
    """The rows with their location left out of ``source`` and ``error``: all else must be equal."""
    return [
        replace(a, source="items.json", error=a.error and _LOCATION.sub("items.json", a.error)) for a, _ in _rows(articles)
    ], [a.extra for a in articles]


#: Characters a chunk boundary must not break: JSON's structure inside strings, escapes, multi-byte UTF-8.
_TRICKY = st.sampled_from(['"', "\\", "]", "[", "{", "}", ",", ":", "\n", "é", "€", "😀", "\u2028", " "])
_JSON_TEXT = st.text(st.one_of(_TRICKY, st.characters(codec="utf-8")), max_size=12)
_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _JSON_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_JSON_TEXT, inner, max_size=3),
    max_leaves=8,
)
_JSON_RECORD = st.fixed_dictionaries(
    {"text": _JSON_TEXT}, optional={"title": _JSON_TEXT, "id": st.integers(0, 3), "more": _JSON_VALUE}
)
_JSON_RECORDS = st.lists(st.one_of(_JSON_RECORD, _JSON_RECORD, _JSON_VALUE), max_size=5)
#: The forms a JSON file of articles takes: a list, an object with an "articles" list, one record.
_JSON_PAYLOAD = st.one_of(
    _JSON_RECORDS,
    st.builds(lambda records, v: {"before": v, "articles": records, "after": v}, _JSON_RECORDS, _JSON_VALUE),
    _JSON_RECORD,
)


@settings(
    derandomize=True, max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    payload=_JSON_PAYLOAD, ensure_ascii=st.booleans(), indent=st.sampled_from([None, 1]), bom=st.booleans(),
    rnd=st.randoms(),
)
def test_json_read_a_few_bytes_at_a_time_gives_the_rows_of_the_file_read_whole(payload, ensure_ascii, indent, bom, rnd):
    path = Path("items.json")  # only named: the bytes are handed to the loaders
    data = (codecs.BOM_UTF8 if bom else b"") + json.dumps(payload, ensure_ascii=ensure_ascii, indent=indent).encode()
    # A head judged binary (more than one control character, over 5 %) is read whole, not streamed.
    assume(_streamable(data[:_HEAD_BYTES]))
    whole = list(_iter_bytes(path, data, ".json"))  # decoded whole, then parsed by one json.loads
    stream = _SmallReads(data, rnd)
    streamed = list(_iter_stream(stream, path, ".json"))
    assert _unlocated(streamed) == _unlocated(whole)
    lines = data.count(b"\n") + 1
    for a in streamed:  # a streamed record that is no article names its line; read whole, it cannot
        if a.error and ("not an object" in a.error or "text field" in a.error):
            m = re.match(r"items\.json:(\d+): ", a.error)
            assert m and 1 <= int(m.group(1)) <= lines, a.error
    assert stream.reads > len(data) // 8  # read a few bytes at a time, never whole
    # Ids as before streaming: the file's name alone for its only record, numbered when there are several.
    records = payload if isinstance(payload, list) else payload.get("articles", [payload])
    for i, (record, article) in enumerate(zip(records, streamed, strict=bool(records))):  # [] gives one error row
        if not isinstance(record, dict):
            assert article.id == f"items:{i}"
        elif not any(record.get(name) not in (None, "") for name in A.FIELD_ALIASES["id"]):  # no id of its own
            assert article.id == (f"items:{i}" if len(records) > 1 else "items")


def test_a_json_array_fifo_gives_its_first_article_before_the_file_ends(tmp_path):
    import os

    fifo = tmp_path / "items.json"
    os.mkfifo(fifo)
    records = [{"id": f"r{i}", "text": f"Officials said {i} ships docked, “{i}” in ]port[."} for i in range(3)]
    data = json.dumps({"articles": records}, ensure_ascii=False, indent=1).encode()
    # The first write ends inside record 3: records 1 and 2 are complete (a row is given once the next is read).
    cut = data.index(b'"r2"') + 2
    articles, streamed = _read_fifo_written_in_parts(fifo, [data[:cut], data[cut:]])
    assert streamed, "the first article was read only after the file ended: the JSON was read whole"
    assert [(a.id, a.text, a.source, a.error) for a in articles] == [
        (r["id"], r["text"], f"{fifo}[{i}]", None) for i, r in enumerate(records)
    ]


def test_invalid_json_mid_array_keeps_the_elements_before_it_and_names_its_line(tmp_path):
    path = tmp_path / "items.json"
    text = '[\n {"text": "a, ] { \\" b"},\n {"text": "c"},\n {"text": "d" "e"},\n {"text": "f"}\n]'
    path.write_text(text, encoding="utf-8")
    arts = framing.load(path)
    assert [(a.id, a.text, a.source, a.error) for a in arts] == [
        ("items:0", 'a, ] { " b', f"{path}[0]", None),
        ("items:1", "c", f"{path}[1]", None),
        ("items:2", "", f"{path}:4", f"{path}:4: invalid JSON (Expecting ',' delimiter); the rest of the file is not read"),
    ]


@pytest.mark.parametrize(
    ("tail", "line", "reason"),
    [
        (',\n {"text": "unfini', 4, "the file ends inside this value: truncated?"),
        (",\n", 4, "the file ends before its array or object is closed: truncated?"),
    ],
    ids=["inside-an-element", "between-elements"],
)
def test_a_truncated_json_array_keeps_its_elements_and_names_the_line(tail, line, reason, tmp_path):
    path = tmp_path / "items.json"
    path.write_text('[\n {"text": "a"},\n {"text": "b"}' + tail, encoding="utf-8")
    a, b, cut = framing.load(path)
    assert (a.text, b.text, a.error, b.error) == ("a", "b", None, None)
    assert (cut.id, cut.error) == ("items:2", f"{path}:{line}: invalid JSON ({reason})")


def test_a_json_element_past_the_bound_is_an_error_row_and_memory_stays_bounded(tmp_path, monkeypatch):
    """An element longer than one article can be (here 40 MB of text) is an error row naming its line, skimmed
    without being held; the elements after it are read."""
    import resource

    monkeypatch.setattr(A, "MAX_CHARS", 1_000_000)  # elements are bounded at 4 x 1,000,000 + 1 MiB bytes
    path = tmp_path / "items.json"
    huge = b'{"id": "huge", "text": "', b"word \\\"quoted\\\" " * 62_500, b'"}'  # 1 MB of escaped text, 40 times
    with path.open("wb") as f:
        f.write(b'[{"text": "before"},\n' + huge[0])
        for _ in range(40):
            f.write(huge[1])
        f.write(huge[2] + b',\n{"text": "after"}]')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    arts = list(A.iter_articles(path))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    size = len(huge[0]) + 40 * len(huge[1]) + len(huge[2])
    assert [(a.text, a.error) for a in arts] == [
        ("before", None),
        ("", f"{path}:2: record has {size:,} bytes, more than one article can hold (1,000,000 characters; "
         "split it, or raise framing.article.MAX_CHARS)"),
        ("after", None),
    ]
    assert grown_mb < 30, grown_mb


def test_a_json_string_never_closed_is_bounded_and_stops_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(A, "MAX_CHARS", 1_000)  # elements are bounded at 4 x 1,000 + 1 MiB bytes, skimmed to 16 x that
    path = tmp_path / "items.json"
    path.write_bytes(b'[{"text": "before"},\n{"text": "' + b"x, ] } " * 4_000_000)
    before, endless = framing.load(path)
    assert before.text == "before"
    assert endless.error == (
        f"{path}:2: record is over 1,052,576 bytes and its end was not found (a string never closed?); "
        "the rest of the file is not read"
    )


def test_a_json_element_not_in_utf8_is_decoded_alone_and_named(tmp_path):
    path = tmp_path / "items.json"
    data = b'[\n {"text": "Z\xc3\xbcrich."},\n {"text": "He said \x93yes\x94."},\n {"text": "Na\xc3\xafve."}\n]'
    path.write_bytes(data)
    with pytest.warns(DecodingWarning, match=r"items.json: not valid UTF-8 \(byte 0x93 at line 3\); decoded as Windows-"):
        a, b, c = framing.load(path)
    assert [x.text for x in (a, b, c)] == ["Zürich.", "He said “yes”.", "Naïve."]
    assert (a.encoding, a.warnings, c.encoding, c.warnings) == ("utf-8", (), "utf-8", ())
    assert b.encoding == "cp1252" and len(b.warnings) == 1 and "line 3" in b.warnings[0]
