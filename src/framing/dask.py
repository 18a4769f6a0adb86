"""Score collections larger than one machine with Dask, partition by partition.

Needs the ``dask`` extra (``pip install 'framing[dask]'``). Each partition is
scored with :func:`framing.score` in whichever worker holds it and comes back
as the same tidy table the rest of framing uses (:mod:`framing.export`:
``articles``, ``article_countries`` or ``evidence``), so the result is a Dask
DataFrame with the documented columns and dtypes. There is no scheduler here:
Dask's own runs it, on threads, local processes or a ``distributed`` cluster.

>>> import dask.dataframe as dd, pandas as pd                      # doctest: +SKIP
>>> from distributed import Client                                  # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")   # a real cluster; or Client() for local processes  # doctest: +SKIP
>>> ddf = dd.read_json("s3://bucket/articles-*.jsonl", lines=True, blocksize="64MB")  # doctest: +SKIP
>>> framing.dask.score_dataframe(ddf, text_column="content").to_parquet("s3://bucket/scores/")  # doctest: +SKIP

Scoring is CPU-bound pure Python: give workers one thread each
(``--nthreads 1``, ``--nworkers`` = cores) so the GIL is not shared.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

from framing import export
from framing.errors import OptionError

#: The tables a partition can be turned into, by name.
TABLES = tuple(export.TABLES)


def _meta(table: str) -> Any:
    if table not in export.TABLES:
        raise OptionError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    return export._frame([], export.TABLES[table])


def _table(docs: list[Any], table: str) -> Any:
    if table == "articles":
        return export.articles_frame(docs)
    if table == "article_countries":
        return export.countries_frame(docs)
    return export.evidence_frame(docs)


def _score_all(articles: list[Any]) -> list[Any]:
    from framing.errors import FramingWarning
    from framing.pipeline import score

    with warnings.catch_warnings():
        # A warning (e.g. not English) is carried by the row; workers have no one to show it to.
        warnings.simplefilter("ignore", FramingWarning)
        return [score(a) for a in articles]


def score_partition(frame: Any, *, text_column: str = "text", table: str = "articles") -> Any:
    """Score one pandas partition: one article per row, ``text_column`` holding the text.

    Other columns with known names (``id``, ``outlet``, ``title``, ``date``,
    ``url``, ``event``, ...) become metadata. A row without an ``id`` takes its
    index label, which Dask keeps global across partitions, so ids do not depend
    on how the data was partitioned.
    """
    from framing.article import as_article

    articles = []
    for label, record in zip(frame.index, frame.to_dict(orient="records"), strict=True):
        if text_column != "text":
            record = {k: v for k, v in record.items() if k != "text"}
            record["text"] = record.pop(text_column)
        articles.append(as_article(record, index=label))
    out = _table(_score_all(articles), table)
    if table == "articles":
        out.index = frame.index  # one row per input row: keep the input's labels
    return out


def score_dataframe(ddf: Any, *, text_column: str = "text", table: str = "articles") -> Any:
    """A Dask DataFrame of articles -> a Dask DataFrame of the tidy ``table`` (``articles`` by default).

    Lazy, like any Dask collection: call ``.compute()``, ``.to_parquet(...)``
    or ``.persist()``. Partitions are scored independently and in parallel;
    the result keeps their order.
    """
    if text_column not in ddf.columns:
        raise OptionError(f"no text column {text_column!r}; columns are {', '.join(map(str, ddf.columns))}")
    return ddf.map_partitions(score_partition, text_column=text_column, table=table, meta=_meta(table))


def _score_items(items: list[Any], partition: int, table: str) -> Any:
    from framing.article import Article, as_article

    articles = []
    for i, item in enumerate(items):
        article = as_article(item, index=i)
        if not isinstance(item, Article) and (isinstance(item, str) or not item.get("id")):
            # Positions restart in every partition: make default ids unique across the bag.
            article = replace(article, id=f"{partition}:{i}")
        articles.append(article)
    return _table(_score_all(articles), table)


def score_bag(bag: Any, *, table: str = "articles") -> Any:
    """A Dask Bag of articles (texts, record dicts or :class:`framing.Article`) -> a Dask DataFrame of ``table``.

    Items without an id get ``"<partition>:<position>"``.
    """
    import dask
    import dask.dataframe as dd

    parts = [
        dask.delayed(_score_items)(part, k, table) for k, part in enumerate(bag.to_delayed(optimize_graph=True))
    ]
    return dd.from_delayed(parts, meta=_meta(table), verify_meta=False)


def score(data: Any, *, text_column: str = "text", table: str = "articles") -> Any:
    """Score a Dask DataFrame (:func:`score_dataframe`) or Bag (:func:`score_bag`) into a Dask DataFrame of ``table``."""
    import dask.bag as db
    import dask.dataframe as dd

    if isinstance(data, dd.DataFrame):
        return score_dataframe(data, text_column=text_column, table=table)
    if isinstance(data, db.Bag):
        return score_bag(data, table=table)
    raise TypeError(f"expected a dask DataFrame or Bag, got {type(data).__name__}")
