"""The global filters of the app (province, kab/kota, kecamatan, category, stage) as a value object."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .summary import region_mask


@dataclass(frozen=True)
class Filters:
    """Empty means "all". ``kabkota`` is a dotted kab/kota code inside ``province``, ``kecamatan`` a
    dotted kecamatan code inside ``kabkota``."""

    province: str = ""
    kabkota: str = ""
    categories: tuple[str, ...] = ()
    stages: tuple[int, ...] = ()
    kecamatan: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.province or self.kabkota or self.kecamatan or self.categories or self.stages)

    @property
    def region(self) -> str:
        """The deepest region chosen: a kecamatan, else a kab/kota, else a province ("" for Indonesia)."""
        return self.kecamatan or self.kabkota or self.province

    def without_region(self) -> Filters:
        """The same filters over all regions (a region is compared with its peers this way)."""
        return Filters(categories=self.categories, stages=self.stages)


def filter_mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    # The region is chosen as the read model chooses it (``summary.region_mask``).
    mask = region_mask(frame, filters.region)
    if filters.categories:
        mask &= frame["category"].isin(filters.categories)
    if filters.stages:
        mask &= frame["stage"].isin(filters.stages)
    return mask


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return frame[filter_mask(frame, filters)] if not filters.is_empty else frame
