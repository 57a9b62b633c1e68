"""The city's areas and what an attachment may be: rules without a database."""
from __future__ import annotations

import pytest

from services.consultation.domain.areas import KECAMATAN, AreaError, area_label, check_area
from services.consultation.domain.attachments import (
    JPEG,
    PDF,
    PNG,
    AttachmentError,
    check_count,
    check_file,
    safe_name,
    sniff,
)


def test_five_kecamatan_of_seven_kelurahan_each():
    assert [k.name for k in KECAMATAN] == ["Padang Hulu", "Padang Hilir", "Rambutan", "Bajenis",
                                           "Tebing Tinggi Kota"]
    assert all(len(k.kelurahan) == 7 for k in KECAMATAN)
    keys = [key for k in KECAMATAN for key, _name in k.kelurahan]
    assert len(keys) == len(set(keys)) == 35


def test_a_kelurahan_needs_its_own_kecamatan():
    assert check_area("bajenis", "berohol") == ("bajenis", "berohol")
    assert check_area(None, None) == (None, None) and check_area("rambutan", "") == ("rambutan", None)
    for kecamatan, kelurahan in (("bajenis", "tanjung_marulak"), (None, "berohol"), ("medan", None)):
        with pytest.raises(AreaError):
            check_area(kecamatan, kelurahan)
    assert area_label("bajenis", "berohol") == "Kel. Berohol, Kec. Bajenis"
    assert area_label("rambutan", None) == "Kec. Rambutan" and area_label(None, None) is None


@pytest.mark.parametrize(("head", "kind"), [(b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG), (b"\x89PNG\r\n\x1a\n\x00", PNG),
                                            (b"%PDF-1.7\n", PDF), (b"GIF89a", None), (b"<svg xmlns", None),
                                            (b"PK\x03\x04", None), (b"MZ\x90\x00", None)])
def test_the_type_is_read_from_the_content(head, kind):
    assert sniff(head) == kind


def test_limits_of_count_size_and_type():
    check_count(3)
    with pytest.raises(AttachmentError, match="at most 3"):
        check_count(4)
    with pytest.raises(AttachmentError, match="5 MB"):
        check_file(b"%PDF-" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(AttachmentError, match="empty"):
        check_file(b"")
    with pytest.raises(AttachmentError, match="JPEG, PNG and PDF"):
        check_file(b"<html><script>alert(1)</script>")


def test_the_name_kept_is_plain_and_has_the_real_types_extension():
    assert safe_name("C:\\Users\\warga\\foto jalan.jpeg", JPEG) == "foto jalan.jpg"
    assert safe_name("../../etc/passwd.pdf", PDF) == "passwd.pdf"
    assert safe_name("laporan.exe", PNG) == "laporan.png" and safe_name(None, PDF) == "lampiran.pdf"
    assert safe_name('"><img src=x>.jpg', JPEG) == "img srcx.jpg"
