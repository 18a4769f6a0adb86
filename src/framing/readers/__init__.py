"""The readers behind :func:`framing.article.iter_articles`: one module per input format.

``dispatch`` sends a file or stream to its reader; ``decoding`` turns bytes into
text; ``text``, ``jsonl``, ``jsonfile``, ``csvfile`` and ``html`` read one format
each; ``records`` holds what they share (record to Article, error rows, the record
bound). They import :mod:`framing.article` for the ``Article`` model and read
``framing.article.MAX_CHARS`` when called; ``framing.article`` imports them only
when a file is read, so the imports run one way.
"""
