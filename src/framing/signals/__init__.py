"""Signals: each module is a plain function ``Document -> dict`` of JSON-ready results.

A signal returns the keys it owns in the scored article (see
:data:`framing.pipeline.SIGNALS`), each score together with its evidence. Every
module also has ``empty()``: the same keys with no findings, used for articles
that could not be scored, so every row has every key.
"""
