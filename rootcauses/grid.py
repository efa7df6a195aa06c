"""Map areas for root causes: a fixed latitude/longitude grid, with ZIP codes as fallback.

A case with coordinates falls in the square cell of CELL_DEGREES on each side
that holds it (about 440 m north-south; 340 m east-west at 40°N); a case with only
an address and a ZIP code falls in that ZIP area; a case with neither has no place
(it still counts for the whole city). Why a plain grid and not H3 hexagons is in
docs/decisions/0013-root-causes.md: no new dependency, and a cell's bounding box
is the same box the case's (lat, long) index and a map link understand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

CELL_DEGREES = 0.004
_GRID = "g"
_ZIP = "zip"


def cell_for(lat: Decimal | float | None, long: Decimal | float | None, zipcode: str = "") -> str:
    """The cell id of a point ("g:10178:-18502"), else its ZIP area ("zip:10001"), else ""."""
    if lat is not None and long is not None:
        row = math.floor(float(lat) / CELL_DEGREES)
        column = math.floor(float(long) / CELL_DEGREES)
        return f"{_GRID}:{row}:{column}"
    zipcode = "".join(ch for ch in (zipcode or "") if ch.isalnum())[:10]
    return f"{_ZIP}:{zipcode.upper()}" if zipcode else ""


@dataclass(frozen=True)
class Area:
    """What a page says about a cell: a label, and the box of a grid cell (else None)."""

    cell: str
    zipcode: str = ""
    south: float | None = None
    west: float | None = None
    north: float | None = None
    east: float | None = None

    @property
    def is_grid(self) -> bool:
        return self.south is not None

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.south is None or self.north is None or self.west is None or self.east is None:
            return None
        return ((self.south + self.north) / 2, (self.west + self.east) / 2)

    @property
    def map_url(self) -> str:
        """An OpenStreetMap link framing the cell (a link out; nothing is embedded)."""
        if not self.is_grid:
            return ""
        return (
            "https://www.openstreetmap.org/"
            f"?minlat={self.south:.4f}&minlon={self.west:.4f}"
            f"&maxlat={self.north:.4f}&maxlon={self.east:.4f}"
        )


def area_of(cell: str) -> Area:
    parts = cell.split(":")
    if len(parts) == 3 and parts[0] == _GRID:
        try:
            row, column = int(parts[1]), int(parts[2])
        except ValueError:
            return Area(cell=cell)
        return Area(
            cell=cell,
            south=round(row * CELL_DEGREES, 6),
            west=round(column * CELL_DEGREES, 6),
            north=round((row + 1) * CELL_DEGREES, 6),
            east=round((column + 1) * CELL_DEGREES, 6),
        )
    if len(parts) == 2 and parts[0] == _ZIP:
        return Area(cell=cell, zipcode=parts[1])
    return Area(cell=cell)
