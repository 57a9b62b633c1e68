"""NIP parsing: a valid PNS number decodes, and each broken part is named in the error."""

from datetime import date

import pytest

from services.personnel.domain.nip import NipError, ParsedNip, check_consistency, parse_nip

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


def test_appointment_the_month_after_birth_is_accepted():
    # A minimum appointment age is not confirmed, so only "after birth" is enforced.
    assert parse_nip("196608011966091001").appointment_month == 9


@pytest.mark.parametrize("raw", ["19660801198803100", "1966080119880310011", ""])
def test_wrong_length_is_rejected(raw):
    with pytest.raises(NipError, match="18 digits"):
        parse_nip(raw)


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
