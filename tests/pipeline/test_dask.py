"""The mining flow on a Dask cluster: a LocalCluster with two worker processes on
127.0.0.1, reached by its scheduler address as `dudao mine --dask-address` would."""
from __future__ import annotations

import pandas as pd
import pytest
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.flows.mine import task_runner_for
from pipeline.settings import Settings
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


def _content(out, name: str, key: list[str]) -> pd.DataFrame:
    """A table as text, order-free: rows sorted by `key`, lists as their repr."""
    df = pd.read_parquet(out / f"{name}.parquet")
    df = df.map(lambda v: repr(list(v)) if hasattr(v, "tolist") else v).astype(str)
    return df.sort_values(key).reset_index(drop=True)


def test_two_dask_workers_mine_the_same_tables_as_the_local_run(mined_corpus, tmp_path):
    from distributed import LocalCluster

    from pipeline.mine import mine

    local_out, local = mined_corpus
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        # batches of 2 so both workers get several tasks and a document's two
        # sources land in different parts
        settings = Settings(out_dir=tmp_path, dask_address=cluster.scheduler_address, batch_size=2,
                            progress=False)
        result = mine([CORPUS], settings)
        workers_used = len(cluster.scheduler_info["workers"])
    assert workers_used == 2
    assert (result.n_documents, result.n_findings, result.n_failed) == (local.n_documents, local.n_findings,
                                                                         local.n_failed)
    for name, key in (("documents", ["doc_id"]), ("findings", ["finding_id"]), ("failures", ["source"]),
                      ("texts", ["doc_id"])):
        pd.testing.assert_frame_equal(_content(tmp_path, name, key), _content(local_out, name, key))


@pytest.mark.parametrize(("settings", "expected"), [
    (Settings(), {"threads": 1}),
    (Settings(dask_address="tcp://10.0.0.5:8786"), {"address": "tcp://10.0.0.5:8786"}),
    (Settings(workers=3), {"n_workers": 3}),
])
def test_task_runner_follows_the_settings(settings, expected):
    runner = task_runner_for(settings)
    if "threads" in expected:
        assert isinstance(runner, ThreadPoolTaskRunner) and runner._max_workers == expected["threads"]
    elif "address" in expected:
        assert runner.address == expected["address"]
    else:
        assert runner.cluster_kwargs["n_workers"] == expected["n_workers"]
