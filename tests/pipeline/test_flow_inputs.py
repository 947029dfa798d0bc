"""The mining flow takes any number of inputs and keeps a bounded number of batches in flight."""
from pathlib import Path

from pipeline.flows.mine import in_flight_limit
from pipeline.mine import mine
from pipeline.process import SourceFile
from pipeline.settings import Settings


def test_ten_thousand_inputs_are_not_a_flow_parameter(prefect_harness, tmp_path):
    # ~1 MB of paths: over the Prefect API's 512 KB parameter limit if passed as one
    missing = [SourceFile(tmp_path / "gone" / f"report_{i:05d}_{'x' * 60}.html", f"file-{i}") for i in range(10_000)]
    result = mine(missing, Settings(out_dir=tmp_path / "out", batch_size=2_500, progress=False))
    assert result.n_failed == 10_000
    assert {f["error_kind"] for f in result.failures} == {"unreadable_path"}


def test_batches_in_flight_are_bounded_by_the_workers():
    assert in_flight_limit(Settings()) == 2
    assert in_flight_limit(Settings(workers=3)) == 6
    assert in_flight_limit(Settings(dask_address="tcp://127.0.0.1:8786")) == 16
    assert in_flight_limit(Settings(max_in_flight=5)) == 5
