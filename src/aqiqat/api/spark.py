"""A local Apache Spark session for linkage runs that outgrow one process (pyspark is an optional extra)."""

from __future__ import annotations

from typing import Any

from aqiqat.api.errors import Invalid


def local_session(cores: int = 2, memory: str = "2g") -> Any:
    try:
        from aqiqat.linkage.linker import local_spark_session
    except ImportError as exc:  # pragma: no cover - pyspark missing
        raise Invalid(f"Spark is not available ({exc}); install the extra: pip install 'aqiqat[spark]'") from None
    return local_spark_session(cores, memory)
