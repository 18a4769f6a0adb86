"""No pattern can be driven into catastrophic backtracking, by the parser or by any signal.

Three guards, cheapest first:

* **Scaling of score() on pure runs.** The same run of one character (or a
  short unit) at 4 KB and at 32 KB: a linear pipeline costs about 8x more, a
  quadratic one 64x. Small sizes keep a quadratic offender to seconds, not hours.
* **Scaling of every signal inside English text.** A pure run is usually judged
  not English and skips the signals, so each signal in ``SIGNALS`` is also run
  directly on English carrier sentences around a hostile run, at 3 KB and 24 KB.
* **One megabyte.** Each input of the issue at 1 MB through ``score()``, timed
  against :func:`framing.tokens.token_spans` on the same input (the floor any
  analysis pays), with a generous ratio and an absolute cap.

Timing is by ratio only, in CPU seconds of this process (``time.process_time``): on a
shared machine wall time also counts whoever else held the core. Each input is timed once,
after warming up on an input of another size: signals may memoise per word, and
timing the same input twice would time the cache.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable

import pytest

import framing
from framing.document import parse
from framing.evidence import Span
from framing.pipeline import SIGNALS, ScoreOptions
from framing.tokens import token_spans

pytestmark = pytest.mark.filterwarnings("ignore::framing.errors.FramingWarning")

#: The issue's adversarial inputs: runs of spaces, digits, separators, quotes, dots, currency, brackets, letters.
RUNS = [" ", "1", "1,", "“", '"', ".", "$1", "(", "a", "'", ". ", "-", "…", "!?", "\n\n", "A. "]

#: Units repeated inside English carrier sentences, to reach each signal's patterns.
UNITS = [*RUNS, "said ", "He said ", "Russia ", "Russia’s ", '"a" ', "“a” ", "the ", "may ", "not ", "according to ", "12% ", "$3 billion ", "1.5 ", "Mr. ", "U.S. ", "by ", "- by ", "Disclaimer: ", "(a) ", "officials ", "could n't "]

CARRIER = "Officials said that the ministry may cut exports to Russia by 12%, according to customs data. "

#: Known super-linear (signal, unit) pairs, reported to the lead, with what was measured. When only these are
#: slow the case is reported as xfail with this reason; remove the entry when the signal is fixed. (Countries on
#: 'Russia ', 'Russia’s ', 'U.S. ' x N and sourcing on 'said ', 'He said ' x N were quadratic on 2026-11-25
#: and were fixed the same day.)
KNOWN_SUPERLINEAR: dict[tuple[str, str], str] = {}

MEGABYTE = int(os.environ.get("FRAMING_ADVERSARIAL_BYTES", 1_000_000))
#: Scoring may cost this many times plain tokenization of the same input.
MAX_RATIO_TO_TOKENIZATION = 60
#: And never more than this, whatever the tokenizer costs (seconds, for 1 MB; a run is ~1 s on one core).
ABSOLUTE_CAP_SECONDS = 30.0


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def run_of(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


@pytest.mark.parametrize("unit", RUNS, ids=repr)
def test_score_scales_linearly_on_pure_runs(unit):
    small, large = run_of(unit, 4_000), run_of(unit, 32_000)
    # Warm lexicons and models on another size: signals may memoise per word, so timing an input
    # twice would time the cache (a run of "a" is one word).
    framing.score(run_of(unit, 1_000))
    t_small = best_time(lambda: framing.score(small), repeat=1)
    t_large = best_time(lambda: framing.score(large), repeat=2)  # best of two: a shared machine stalls
    # 8x the input: linear is ~8x, quadratic ~64x. 24x leaves room for noise; 100 ms is the noise floor.
    assert t_large <= 24 * t_small + 0.1, f"{unit!r}: {t_small:.4f}s at 4 KB, {t_large:.4f}s at 32 KB"


def _run_signals(text: str) -> dict[str, float]:
    """Seconds each signal takes on ``text``, in pipeline order (disclaimers shape the body, as in score())."""
    doc = parse(text)
    options = ScoreOptions()
    took = {}
    for signal in SIGNALS:
        t0 = time.process_time()
        part = signal.run(doc, options)
        took[signal.name] = time.process_time() - t0
        if signal.excludes_from_body:
            doc.exclude([Span(x["start"], x["end"]) for items in part.values() for x in items])
    return took


def _best_signal_times(text: str, repeat: int) -> dict[str, float]:
    runs = [_run_signals(text) for _ in range(repeat)]
    return {name: min(r[name] for r in runs) for name in runs[0]}


@pytest.mark.parametrize("unit", UNITS, ids=repr)
def test_every_signal_scales_linearly_inside_english_text(unit):
    small = CARRIER + run_of(unit, 3_000) + " " + CARRIER
    large = CARRIER + run_of(unit, 24_000) + " " + CARRIER
    _run_signals(CARRIER + run_of(unit, 1_000) + " " + CARRIER)  # warm up on another size (see above)
    t_small = _best_signal_times(small, 1)
    t_large = _best_signal_times(large, 2)  # best of two: a shared machine stalls
    slow = {
        name: f"{t_small[name]:.4f}s -> {t_large[name]:.4f}s"
        for name in t_small
        # 8x the input: linear is ~8x, quadratic ~64x. 20x leaves room for noise; 50 ms is the noise floor.
        if t_large[name] > 20 * t_small[name] + 0.05
    }
    unknown = {name: took for name, took in slow.items() if (name, unit) not in KNOWN_SUPERLINEAR}
    assert not unknown, f"super-linear on {unit!r} x 3 KB -> 24 KB: {unknown}"
    if slow:
        pytest.xfail("; ".join(f"{KNOWN_SUPERLINEAR[name, unit]} (now {took})" for name, took in sorted(slow.items())))


@functools.cache
def _tokenization_seconds(unit: str) -> float:
    """Seconds to tokenize MEGABYTE of ``unit``, from a tenth of it (the tokenizer is linear: tests/test_tokens.py)."""
    tenth = run_of(unit, MEGABYTE // 10)
    return 10 * best_time(lambda: token_spans(tenth), repeat=2)


@pytest.mark.slow
@pytest.mark.parametrize("unit", [" ", "1", "1,", "“", ".", "$1", "(", "a"], ids=repr)
def test_one_megabyte_of_adversarial_input_costs_a_bounded_multiple_of_tokenization(unit):
    text = run_of(unit, MEGABYTE)
    t_tokens = _tokenization_seconds(unit)
    # A one-token input tokenizes in microseconds; the floor is tokenizing 1 MB of ordinary prose.
    t_floor = max(t_tokens, _tokenization_seconds(CARRIER))
    t0 = time.process_time()
    doc = framing.score(text)
    took = time.process_time() - t0
    assert doc.error is None, doc.error
    assert took <= min(MAX_RATIO_TO_TOKENIZATION * t_floor, ABSOLUTE_CAP_SECONDS), (
        f"{unit!r} x {len(text):,}: score {took:.2f}s, tokenization {t_tokens:.3f}s (floor {t_floor:.3f}s)"
    )
