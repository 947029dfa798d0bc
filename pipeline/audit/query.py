"""Ad-hoc SQL over an output folder's findings.duckdb (the library behind `dudao query`)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from pipeline.errors import BadQuery, MissingOutput

DATABASE = "findings.duckdb"


def database_path(out_dir: Path) -> Path:
    path = Path(out_dir) / DATABASE
    if not path.is_file():
        raise MissingOutput(f"no {DATABASE} in {out_dir}: run `dudao mine ... --out {out_dir}` first",
                            source=str(out_dir))
    return path


def query(out_dir: Path, sql: str) -> pd.DataFrame:
    """The result of `sql` over the tables and views of out_dir/findings.duckdb, read-only."""
    con = duckdb.connect(str(database_path(out_dir)), read_only=True)
    try:
        return con.execute(sql).df()
    except duckdb.Error as e:
        raise BadQuery(str(e).splitlines()[0], source=sql) from e
    finally:
        con.close()
