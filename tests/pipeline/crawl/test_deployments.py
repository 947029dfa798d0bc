"""prefect.yaml declares valid deployments whose parameters fit their flows."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]


def _deployments() -> list[dict]:
    return yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))["deployments"]


def test_prefect_yaml_is_a_valid_project_file():
    from prefect.cli.deploy._models import PrefectYamlModel

    PrefectYamlModel.model_validate(yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name, entrypoint, cron", [
    ("crawl-weekly", "pipeline/flows/crawl.py:crawl_flow", "0 2 * * 1"),
    ("audit-monthly", "pipeline/flows/audit.py:audit_flow", "0 7 1 * *"),
])
def test_deployment_schedule_and_parameters(name, entrypoint, cron):
    from prefect.flows import load_flow_from_entrypoint

    deployment = next(d for d in _deployments() if d["name"] == name)
    assert deployment["entrypoint"] == entrypoint
    assert [(s["cron"], s["timezone"]) for s in deployment["schedules"]] == [(cron, "Asia/Shanghai")]
    load_flow_from_entrypoint(entrypoint).validate_parameters(deployment["parameters"])


def test_scheduled_runs_mine_only_what_the_crawl_archived():
    """outputs/ is fed by the crawl alone (it mines its own archive); no deployment
    mines a folder, least of all the sample corpus/docs."""
    deployments = _deployments()
    assert [d["entrypoint"] for d in deployments] == ["pipeline/flows/crawl.py:crawl_flow",
                                                      "pipeline/flows/audit.py:audit_flow"]
    assert "corpus/docs" not in yaml.safe_dump(deployments)
