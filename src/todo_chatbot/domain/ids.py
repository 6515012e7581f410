"""Row ids: positive and 64-bit, as the database stores them. A larger number names no row,
so it is refused as invalid before any query (the driver would overflow on it)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

ID_MAX = 2**63 - 1

RowId = Annotated[int, Field(ge=1, le=ID_MAX)]
