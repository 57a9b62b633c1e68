"""Report kinds, tracking ids, official answers and categories (the status flow: test_report_flow.py)."""

import pytest

from services.consultation.domain.categories import (
    DEFAULT_CATEGORIES,
    UNSUR,
    Categories,
    Category,
    parse_categories,
)
from services.consultation.domain.feedback import (
    KIND_LABELS,
    AnswerError,
    AnswerOutcome,
    FeedbackKind,
    check_answer,
    is_tracking_id,
    new_tracking_id,
    normalize_tracking_id,
)


def test_three_kinds_with_indonesian_labels():
    assert {k.value for k in FeedbackKind} == {"aspirasi", "pengaduan", "permintaan_informasi"}
    assert KIND_LABELS[FeedbackKind.PERMINTAAN_INFORMASI] == "Permintaan Informasi"


def test_tracking_ids_are_unique_and_valid():
    ids = [new_tracking_id(2026) for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(is_tracking_id(i) for i in ids)
    assert all(i.startswith("TBT-2026-") for i in ids)
    assert not set("ILOU") & set("".join(i[9:] for i in ids))


def test_tracking_id_year_defaults_to_now():
    assert is_tracking_id(new_tracking_id())


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "TBT-2026-7K3M",
        "TBT-2026-7K3M-9QXA\n",
        "TBT-2026-7K3M-9QXI",
        "XYZ-2026-7K3M-9QXA",
        "tbt-2026-7k3m-9qxa",
    ],
)
def test_is_tracking_id_rejects(bad):
    assert not is_tracking_id(bad)


def test_citizen_typing_is_normalized():
    assert normalize_tracking_id(" tbt 2026 7k3m 9qxa ") == "TBT-2026-7K3M-9QXA"
    assert normalize_tracking_id("TBT-2026-7K3M-OQXI") == "TBT-2026-7K3M-0QX1"
    assert normalize_tracking_id("TBT-2026-7K3M") is None
    assert normalize_tracking_id("TBT-2026-7K3M-9QXU") is None


def test_answers():
    assert check_answer("accepted", policy_version=2) is AnswerOutcome.ACCEPTED
    assert check_answer("rejected", reason="di luar kewenangan daerah") is AnswerOutcome.REJECTED
    assert check_answer("noted") is AnswerOutcome.NOTED
    with pytest.raises(AnswerError, match="policy version"):
        check_answer("accepted")
    with pytest.raises(AnswerError, match="reason"):
        check_answer("rejected", reason="")
    with pytest.raises(AnswerError):
        check_answer("in_evaluation")


def test_default_categories_cover_each_unsur_once():
    mapped = [c.unsur for c in DEFAULT_CATEGORIES if c.unsur is not None]
    assert sorted(mapped) == sorted(UNSUR) == [f"u{i}" for i in range(1, 10)]


@pytest.mark.parametrize(
    ("key", "unsur"),
    [
        ("persyaratan", "u1"),
        ("waktu_layanan", "u3"),
        ("biaya", "u4"),
        ("perilaku_petugas", "u7"),
        ("penanganan_pengaduan", "u8"),
        ("sarana_prasarana", "u9"),
        ("lainnya", None),
    ],
)
def test_default_mapping(key, unsur):
    assert Categories().unsur_for(key) == unsur


def test_unknown_category():
    with pytest.raises(KeyError):
        Categories().unsur_for("parkir")


def test_configured_categories_replace_the_defaults():
    categories = parse_categories([
        {"key": "antrean", "label": "Antrean layanan", "unsur": "u3"},
        {"key": "lainnya", "label": "Lainnya", "unsur": None},
    ])
    assert categories.items == (Category("antrean", "Antrean layanan", "u3"), Category("lainnya", "Lainnya", None))
    assert categories.unsur_for("antrean") == "u3" and categories.label("antrean") == "Antrean layanan"
    with pytest.raises(KeyError):
        categories.unsur_for("biaya")


@pytest.mark.parametrize(
    "content",
    [
        [{"key": "antrean", "label": "Antrean", "unsur": "u10"}],
        [{"key": "antrean", "label": "Antrean"}, {"key": "antrean", "label": "Lagi"}],
        [{"key": "Antrean Loket", "label": "Antrean"}],
        [{"label": "Antrean"}],
        [],
        {"antrean": "u3"},
    ],
)
def test_a_bad_category_list_is_refused(content):
    with pytest.raises(ValueError):
        parse_categories(content)
