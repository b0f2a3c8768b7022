import vn_drugfree_criteria as vdc


def test_bundled_plans_load() -> None:
    assert len(vdc.list_plans()) == 7
    assert len(vdc.get_plan("lao-cai-414-2023").criteria) == 6
    assert len(vdc.get_plan("lai-chau-city-2024").criteria) == 8
