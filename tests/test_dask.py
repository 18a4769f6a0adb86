"""framing.dask: Dask DataFrames and Bags scored partition by partition into the tidy tables."""

from __future__ import annotations

import warnings

import pytest

dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
pd = pytest.importorskip("pandas")

from framing import dask as fdask  # noqa: E402
from framing import export  # noqa: E402
from framing.errors import FramingWarning  # noqa: E402
from framing.pipeline import score_many as _score_many  # noqa: E402

TEXTS = [
    "Russia said trade rose 20%, per customs data.",
    "Pakistan may lose influence, experts believe.",
    "India welcomed the move.",
    "Officials said exports may rise 12%, according to customs data.",
    "Ceci n'est pas un article en anglais, mais il faut le lire quand même pour voir.",
]


def score_many(items: list) -> list:
    """Scored in this process, for comparison; the French text's not-English warning is expected."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        return list(_score_many(items))


def _serial_frame(ids: list[str]) -> object:
    return export.articles_frame(score_many([{"id": i, "text": t} for i, t in zip(ids, TEXTS, strict=True)]))


def _same_rows(a, b) -> bool:
    """Same columns, dtypes and values in the same order (index labels aside)."""
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    return True


def test_dataframe_scores_to_the_article_table_like_score_many():
    ids = [f"a{i}" for i in range(len(TEXTS))]
    ddf = dd.from_pandas(pd.DataFrame({"id": ids, "text": TEXTS}), npartitions=3)
    out = fdask.score_dataframe(ddf)
    assert list(out.columns) == list(export.ARTICLE_COLUMNS)
    result = out.compute(scheduler="sync")
    assert list(result.index) == list(range(len(TEXTS)))  # the input's labels, in order
    assert _same_rows(result, _serial_frame(ids))


def test_default_ids_do_not_depend_on_partitioning():
    frame = pd.DataFrame({"content": TEXTS})
    one = fdask.score_dataframe(dd.from_pandas(frame, npartitions=1), text_column="content").compute(scheduler="sync")
    three = fdask.score_dataframe(dd.from_pandas(frame, npartitions=3), text_column="content").compute(scheduler="sync")
    assert list(one["id"]) == [str(i) for i in range(len(TEXTS))]
    assert _same_rows(one, three)


def test_long_form_tables_and_the_generic_entry_point():
    ddf = dd.from_pandas(pd.DataFrame({"id": ["x", "y"], "text": TEXTS[:2]}), npartitions=2)
    evidence = fdask.score(ddf, table="evidence").compute(scheduler="sync")
    assert list(evidence.columns) == list(export.EVIDENCE_COLUMNS)
    expected = export.evidence_frame(score_many([{"id": "x", "text": TEXTS[0]}, {"id": "y", "text": TEXTS[1]}]))
    assert _same_rows(evidence, expected)
    with pytest.raises(ValueError, match="articles, article_countries, evidence"):
        fdask.score(ddf, table="nope")
    with pytest.raises(ValueError, match="no text column"):
        fdask.score_dataframe(ddf, text_column="body")
    with pytest.raises(TypeError, match="dask DataFrame or Bag"):
        fdask.score(TEXTS)


def test_bag_gives_unique_ids_across_partitions():
    out = fdask.score_bag(db.from_sequence(TEXTS, npartitions=2)).compute(scheduler="sync")
    assert len(out) == len(TEXTS)
    assert out["id"].is_unique
    assert list(out["words"]) == list(_serial_frame([str(i) for i in range(len(TEXTS))])["words"])


@pytest.mark.slow
def test_on_a_local_cluster_with_two_worker_processes():
    distributed = pytest.importorskip("distributed")
    ids = [f"a{i}" for i in range(len(TEXTS))]
    ddf = dd.from_pandas(pd.DataFrame({"id": ids * 4, "text": TEXTS * 4}), npartitions=4)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = fdask.score_dataframe(ddf).compute()
        assert len(client.scheduler_info()["workers"]) == 2
    expected = export.articles_frame(score_many([{"id": i, "text": t} for i, t in zip(ids * 4, TEXTS * 4, strict=True)]))
    assert _same_rows(result, expected)
