"""NIP parsing: a valid PNS number decodes, and each broken part is named in the error."""

from datetime import date

import pytest

from services.personnel.domain.nip import NipError, ParsedNip, check_consistency, normalize_nip, parse_nip

VALID = "196608011988031001"


def test_valid_pns_nip_decodes_every_part():
    parsed = parse_nip(VALID)
    assert parsed == ParsedNip(
        nip=VALID,
        birth_date=date(1966, 8, 1),
        appointment_year=1988,
        appointment_month=3,
        gender="male",
        sequence=1,
    )


def test_spaces_as_printed_on_documents_are_accepted():
    assert parse_nip("19660801 198803 1 001").nip == VALID


def test_female_and_high_sequence():
    parsed = parse_nip("19750115 200001 2 999")
    assert parsed.gender == "female"
    assert parsed.sequence == 999


@pytest.mark.parametrize(
    ("raw", "part", "detail"),
    [
        ("196613011988031001", "digits 1-8 (birth date)", "19661301 is not a real date"),
        ("196602301988031001", "digits 1-8 (birth date)", "19660230 is not a real date"),
        ("196608011988131001", "digits 9-14 (CPNS appointment)", "198813 is not a real year and month"),
        ("196608011988001001", "digits 9-14 (CPNS appointment)", "198800"),
        ("196608011960031001", "digits 9-14 (CPNS appointment)", "is not after the birth month 1966-08"),
        ("196608011966081001", "digits 9-14 (CPNS appointment)", "is not after the birth month 1966-08"),
        ("196608011988033001", "digit 15 (gender)", "must be 1 (male) or 2 (female)"),
        ("196608011988030001", "digit 15 (gender)", "must be 1 (male) or 2 (female)"),
        ("196608011988031000", "digits 16-18 (sequence)", "000 must be 001-999"),
    ],
)
def test_each_broken_part_is_named(raw, part, detail):
    with pytest.raises(NipError) as error:
        parse_nip(raw)
    assert part in str(error.value)
    assert detail in str(error.value)


@pytest.mark.parametrize(("raw", "earliest"), [
    ("20000501 201503 1 001", "2018-05"),  # 14 years old at TMT
    ("20000501 201804 1 001", "2018-05"),  # one month short of 18
    ("196608011966091001", "1984-08"),  # the month after birth
])
def test_an_appointment_before_the_age_of_18_is_refused(raw, earliest):
    with pytest.raises(NipError) as error:
        parse_nip(raw)
    message = str(error.value)
    assert "digits 9-14 (CPNS appointment)" in message and "younger than 18" in message
    assert f"the earliest possible TMT is {earliest}" in message


@pytest.mark.parametrize("raw", ["20000501 201805 1 001", "20000531 201805 2 001", "20000501 201806 1 001"])
def test_an_appointment_in_the_month_of_the_18th_birthday_or_later_is_accepted(raw):
    # The NIP has the TMT's month only: a TMT in the month of the 18th birthday may fall on or after it.
    parsed = parse_nip(raw)
    assert (parsed.birth_date.year, parsed.appointment_year) == (2000, 2018)


@pytest.mark.parametrize("raw", ["19660801198803100", "1966080119880310011", ""])
def test_wrong_length_is_refused_with_the_domains_own_message(raw):
    with pytest.raises(NipError) as error:
        parse_nip(raw)
    assert str(error.value).startswith("a NIP has exactly 18 digits")
    assert error.value.field == "nip"


@pytest.mark.parametrize("raw", ["1.98502E+17", "1,98502E+17", "1.96608E17", "1.98502e+17"])
def test_a_number_a_spreadsheet_shortened_is_recognised(raw):
    with pytest.raises(NipError) as error:
        normalize_nip(raw)
    assert str(error.value) == (f"a NIP has exactly 18 digits; this looks like a number a spreadsheet shortened "
                                f"({raw}): format the column as text and export again")


def test_letters_are_rejected():
    with pytest.raises(NipError, match="only digits"):
        parse_nip("19660801-198803-1-001")


def test_nip_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_nip("x")


def test_pppk_accepts_any_18_digits_without_decoding():
    parsed = parse_nip("99999999 999999 9 000", employee_type="PPPK")
    assert parsed == ParsedNip(nip="999999999999999000")


def test_pppk_still_needs_18_digits():
    with pytest.raises(NipError, match="18 digits"):
        parse_nip("12345", employee_type="pppk")


def test_unknown_employee_type_is_rejected():
    with pytest.raises(ValueError, match="PNS, PPPK"):
        parse_nip(VALID, employee_type="honorer")


def test_consistent_birth_date_and_gender_pass():
    check_consistency(parse_nip(VALID), birth_date=date(1966, 8, 1), gender="male")


def test_birth_date_disagreeing_with_nip_is_rejected():
    with pytest.raises(NipError, match=r"digits 1-8 \(birth date\) give 1966-08-01"):
        check_consistency(parse_nip(VALID), birth_date=date(1966, 8, 2))


def test_gender_disagreeing_with_nip_is_rejected():
    with pytest.raises(NipError, match=r"digit 15 \(gender\) gives male"):
        check_consistency(parse_nip(VALID), gender="female")


def test_pppk_has_nothing_to_contradict():
    check_consistency(parse_nip(VALID, "PPPK"), birth_date=date(2000, 1, 1), gender="female")
