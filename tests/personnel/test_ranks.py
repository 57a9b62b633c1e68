"""Ranks are ordered by seniority (I/a .. IV/e), never by their code as a string."""

import pytest

from services.personnel.domain.ranks import RANK_CODES, RANKS, parse_rank


def test_there_are_17_ranks_from_i_a_to_iv_e():
    assert len(RANKS) == 17
    assert RANK_CODES[0] == "I/a"
    assert RANK_CODES[-1] == "IV/e"
    assert [rank.order for rank in RANKS] == list(range(17))


def test_seniority_order():
    assert parse_rank("I/a") < parse_rank("II/d") < parse_rank("III/a") < parse_rank("IV/e")


def test_iv_a_outranks_iii_d():
    assert parse_rank("IV/a") > parse_rank("III/d")
    assert parse_rank("II/a") > parse_rank("I/d")


def test_string_order_is_wrong_for_codes_as_often_written():
    # Without the slash, text order puts II/a above III/a and I/a above IV/e.
    assert "IIa" > "IIIa" and "Ia" > "IVe"
    assert parse_rank("IIa") < parse_rank("IIIa")
    assert parse_rank("Ia") < parse_rank("IVe")


def test_sorting_ranks_follows_seniority_not_code():
    written = ["IVa", "IIId", "Ia", "IIb", "IVe", "IIIa"]
    assert sorted(written) != ["Ia", "IIb", "IIIa", "IIId", "IVa", "IVe"]
    ranks = sorted(parse_rank(code) for code in written)
    assert [rank.code for rank in ranks] == ["I/a", "II/b", "III/a", "III/d", "IV/a", "IV/e"]
    assert [rank.code for rank in sorted(RANKS, reverse=True)] == RANK_CODES[::-1]


def test_a_rank_cannot_be_compared_with_a_string():
    with pytest.raises(TypeError):
        assert parse_rank("IV/a") > "III/d"


@pytest.mark.parametrize(
    ("code", "name", "golongan"),
    [
        ("I/a", "Juru Muda", "I"),
        ("I/d", "Juru Tingkat I", "I"),
        ("II/b", "Pengatur Muda Tingkat I", "II"),
        ("III/a", "Penata Muda", "III"),
        ("III/c", "Penata", "III"),
        ("IV/c", "Pembina Utama Muda", "IV"),
        ("IV/d", "Pembina Utama Madya", "IV"),
        ("IV/e", "Pembina Utama", "IV"),
    ],
)
def test_names_and_golongan(code, name, golongan):
    rank = parse_rank(code)
    assert (rank.code, rank.name, rank.golongan) == (code, name, golongan)


@pytest.mark.parametrize("raw", ["III/a", "iii/a", "III-a", "IIIa", "III.A", " iii / a ", "3/a", "3A"])
def test_spelling_variants_normalise(raw):
    assert parse_rank(raw).code == "III/a"


def test_ia_is_not_misread():
    assert parse_rank("Ia").code == "I/a"
    assert parse_rank("IIa").code == "II/a"


@pytest.mark.parametrize("raw", ["V/a", "I/e", "III/e", "III", "", "Penata", "IIII/a"])
def test_unknown_rank_lists_valid_codes(raw):
    with pytest.raises(ValueError) as error:
        parse_rank(raw)
    assert "I/a" in str(error.value)
    assert "IV/e" in str(error.value)


def test_equal_ranks_are_equal_and_hashable():
    assert parse_rank("iii/a") == parse_rank("III/a")
    assert len({parse_rank("III/a"), parse_rank("3a")}) == 1
