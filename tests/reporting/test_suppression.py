"""Small-group suppression for public views: figures over 1-4 people disappear, everything else stays."""
from services.reporting.domain.suppression import suppress_small_groups


def test_groups_under_five_people_lose_every_figure_but_keep_labels():
    section = {"n": 40, "by_kind": [{"key": "pengaduan", "label": "Pengaduan", "n": 3},
                                    {"key": "aspirasi", "label": "Aspirasi", "n": 37}],
               "pppk": {"n": 4, "over_cap": 1, "share_over_cap": 0.25, "cap": 24, "sample_sufficient": True},
               "rule": "..."}
    public = suppress_small_groups(section, 5)
    assert public["by_kind"][0] == {"key": "pengaduan", "label": "Pengaduan", "n": None, "suppressed": True}
    assert public["by_kind"][1] == {"key": "aspirasi", "label": "Aspirasi", "n": 37}
    assert public["pppk"] == {"n": None, "over_cap": None, "share_over_cap": None, "cap": 24,
                              "sample_sufficient": None, "suppressed": True}
    assert public["n"] == 40 and public["rule"] == "..."
    assert section["pppk"]["n"] == 4  # the input is not changed


def test_everything_nested_in_a_small_group_is_suppressed():
    public = suppress_small_groups({"n": 2, "trend": {"delta": -1.5, "previous": {"n": 30, "converted": 80.1}}}, 5)
    assert public["trend"]["previous"] == {"n": None, "converted": None, "suppressed": True}
    assert public["trend"]["delta"] is None


def test_empty_and_large_groups_are_left_alone():
    assert suppress_small_groups({"n": 0, "share": None}, 5) == {"n": 0, "share": None}
    assert suppress_small_groups({"n": 5, "share": 0.2}, 5) == {"n": 5, "share": 0.2}
    assert suppress_small_groups({"n": 5, "share": 0.2}, 10) == {"n": None, "share": None, "suppressed": True}
