"""The public-interest fields as the laws give them today (DESIGN.md §4), loaded once by a data
migration; from then on they are rows that administrators correct and extend as new laws add
fields. Nothing else in the code names a field."""

from __future__ import annotations

from typing import Any, NamedTuple


class FieldDefault(NamedTuple):
    code: str
    name: str
    name_en: str
    statutory: bool
    basis: str


FIELDS: list[FieldDefault] = [
    # The statutory four: Civil Procedure Law art. 58, Administrative Litigation Law art. 25.
    FieldDefault(
        "ecology",
        "生态环境和资源保护",
        "Ecological environment and resources protection",
        True,
        "《中华人民共和国民事诉讼法》《中华人民共和国行政诉讼法》",
    ),
    FieldDefault(
        "food_drug",
        "食品药品安全",
        "Food and drug safety",
        True,
        "《中华人民共和国民事诉讼法》《中华人民共和国行政诉讼法》",
    ),
    FieldDefault(
        "state_property",
        "国有财产保护",
        "Protection of state-owned property",
        True,
        "《中华人民共和国行政诉讼法》",
    ),
    FieldDefault(
        "state_land",
        "国有土地使用权出让",
        "Transfer of state-owned land-use rights",
        True,
        "《中华人民共和国行政诉讼法》",
    ),
    # Added by later laws (the "+N"); the list grows.
    FieldDefault(
        "heroes",
        "英雄烈士姓名、肖像、名誉、荣誉保护",
        "Protection of heroes' and martyrs' names and honour",
        False,
        "《中华人民共和国英雄烈士保护法》",
    ),
    FieldDefault(
        "minors", "未成年人保护", "Minors' protection", False, "《中华人民共和国未成年人保护法》"
    ),
    FieldDefault(
        "military",
        "军人荣誉、名誉和权益保护",
        "Military personnel's honour and rights",
        False,
        "《中华人民共和国军人地位和权益保障法》",
    ),
    FieldDefault("work_safety", "安全生产", "Work safety", False, "《中华人民共和国安全生产法》"),
    FieldDefault(
        "personal_information",
        "个人信息保护",
        "Personal information protection",
        False,
        "《中华人民共和国个人信息保护法》",
    ),
    FieldDefault("anti_monopoly", "反垄断", "Anti-monopoly", False, "《中华人民共和国反垄断法》"),
    FieldDefault(
        "telecom_fraud",
        "反电信网络诈骗",
        "Anti-telecom fraud",
        False,
        "《中华人民共和国反电信网络诈骗法》",
    ),
    FieldDefault(
        "agricultural_products",
        "农产品质量安全",
        "Agricultural product quality",
        False,
        "《中华人民共和国农产品质量安全法》",
    ),
    FieldDefault(
        "women", "妇女权益保障", "Women's rights", False, "《中华人民共和国妇女权益保障法》"
    ),
    FieldDefault(
        "barrier_free",
        "无障碍环境建设",
        "Barrier-free environment",
        False,
        "《中华人民共和国无障碍环境建设法》",
    ),
    FieldDefault(
        "cultural_heritage",
        "文物和文化遗产保护",
        "Cultural heritage protection",
        False,
        "《中华人民共和国文物保护法》",
    ),
]


def seed_fields(model: Any) -> int:
    """Create the fields that do not exist yet (by code); never touch an existing row, which an
    administrator may have corrected. ``model`` is the historical model in a migration. Returns
    how many were created."""
    existing = set(model._default_manager.values_list("code", flat=True))
    missing = [
        model(
            code=f.code,
            name=f.name,
            name_en=f.name_en,
            statutory=f.statutory,
            basis=f.basis,
            order=(i + 1) * 10,
            active=True,
        )
        for i, f in enumerate(FIELDS)
        if f.code not in existing
    ]
    model._default_manager.bulk_create(missing)
    return len(missing)
