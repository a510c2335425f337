"""Poverty and dibao lines, yuan per person per year (real 2010 yuan)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "DIBAO_LINE_MONTH_2010",
    "NATIONAL_RURAL_POVERTY_LINE",
    "NATIONAL_URBAN_DIBAO_MONTH_2010",
    "POVERTY_LINES",
    "POVERTY_LINE_SOURCES",
]

NATIONAL_RURAL_POVERTY_LINE = 2_300.0
"""China's rural poverty line, yuan/person/year in 2010 prices, adopted 29 Nov 2011
(domain-reference.md §7, sourced: domain-b.com)."""


DIBAO_LINE_MONTH_2010 = 220.0
"""Yun County's urban dibao line, yuan/person/month, 2010: Yunnan urban lines were about
200-250 with county towns at the low end (domain-reference.md §7/§8; estimate)."""


NATIONAL_URBAN_DIBAO_MONTH_2010 = 251.0
"""China's average urban dibao line, yuan/person/month, 2010 (domain-reference.md §7;
well-known)."""


POVERTY_LINES: Mapping[str, float] = MappingProxyType(
    {
        "national_rural": NATIONAL_RURAL_POVERTY_LINE,
        "national_rural_pre2011": 1_274.0,
        "dibao_yun_county": 12 * DIBAO_LINE_MONTH_2010,
        "dibao_urban_national": 12 * NATIONAL_URBAN_DIBAO_MONTH_2010,
    }
)
"""Named poverty lines, yuan/person/year, 2010 prices (read-only); see POVERTY_LINE_SOURCES."""


POVERTY_LINE_SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "national_rural": "rural line adopted 29 Nov 2011 (domain-reference.md §7, sourced)",
        "national_rural_pre2011": "rural line of 2010 (domain-reference.md §7, sourced)",
        "dibao_yun_county": "12 x 220/month, Yun County urban dibao 2010 (§7/§8, estimate)",
        "dibao_urban_national": "12 x 251/month, national urban dibao 2010 (§7, well-known)",
    }
)
"""Where each of :data:`POVERTY_LINES` comes from."""
