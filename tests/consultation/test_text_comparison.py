"""Comparing two versions of a policy article by article (domain rules, no database)."""
from services.consultation.domain.policy_text import Article
from services.consultation.domain.text_diff import Change, Segment, changed_numbers, compare, word_diff

V1 = [Article("a", 1, "Ketentuan umum", "Peraturan ini berlaku bagi seluruh ASN."),
      Article("b", 2, "Tenggat", "Pengaduan ditanggapi dalam sepuluh hari kerja."),
      Article("c", 3, "Sanksi", "Pelanggaran dikenai teguran tertulis."),
      Article("d", 4, "Penutup", "Peraturan ini mulai berlaku sejak diundangkan.")]


def test_identical_versions_have_no_change():
    result = compare(V1, V1)
    assert [c.change for c in result] == [Change.UNCHANGED] * 4
    assert changed_numbers(result) == []
    assert all(seg.op == "same" for c in result for seg in c.body)


def test_a_reworded_article_marks_only_the_changed_words():
    v2 = [*V1[:1], Article("b", 2, "Tenggat", "Pengaduan ditanggapi dalam lima hari kerja."), *V1[2:]]
    [_, tenggat, *_] = compare(V1, v2)
    assert tenggat.change is Change.CHANGED and not tenggat.renumbered
    assert tenggat.body == (Segment("same", "Pengaduan ditanggapi dalam "), Segment("removed", "sepuluh"),
                            Segment("added", "lima"), Segment("same", " hari kerja."))
    assert tenggat.heading == (Segment("same", "Tenggat"),)


def test_an_added_article_renumbers_the_next_ones_without_changing_them():
    new = Article("n", 2, "Kanal pengaduan", "Pengaduan diterima melalui laman dan loket.")
    v2 = [V1[0], new, *(Article(a.key, a.number + 1, a.heading, a.body) for a in V1[1:])]
    result = compare(V1, v2)
    assert [(c.key, c.change) for c in result] == [("a", Change.UNCHANGED), ("n", Change.ADDED),
                                                   ("b", Change.UNCHANGED), ("c", Change.UNCHANGED),
                                                   ("d", Change.UNCHANGED)]
    assert result[2].renumbered and (result[2].old.number, result[2].new.number) == (2, 3)
    assert result[1].body == (Segment("added", new.body),)
    assert changed_numbers(result) == [2]


def test_a_removed_article_stays_where_it_stood_with_its_old_number():
    v2 = [V1[0], V1[1], Article("d", 3, "Penutup", V1[3].body)]
    result = compare(V1, v2)
    assert [(c.key, c.change) for c in result] == [("a", Change.UNCHANGED), ("b", Change.UNCHANGED),
                                                   ("c", Change.REMOVED), ("d", Change.UNCHANGED)]
    assert result[2].new is None and result[2].body == (Segment("removed", V1[2].body),)
    assert changed_numbers(result) == [3]  # a removed article is named by its old number


def test_changes_of_every_kind_at_once_follow_the_newer_order():
    v2 = [Article("d", 1, "Penutup", V1[3].body), Article("b", 2, "Tenggat tanggapan", V1[1].body),
          Article("z", 3, "Pelaporan", "OPD melaporkan tindak lanjut setiap bulan.")]
    result = compare(V1, v2)
    # "c" stood after "b" in the older version, so it is shown after "b"; "a" had nothing before it.
    assert [(c.key, c.change) for c in result] == [
        ("a", Change.REMOVED), ("d", Change.UNCHANGED), ("b", Change.CHANGED), ("c", Change.REMOVED),
        ("z", Change.ADDED)]
    assert result[2].heading == (Segment("same", "Tenggat"), Segment("added", " tanggapan"))
    assert changed_numbers(result) == [1, 2, 3, 3]


def test_an_empty_older_version_makes_every_article_new():
    assert [c.change for c in compare([], V1)] == [Change.ADDED] * 4
    assert [c.change for c in compare(V1, [])] == [Change.REMOVED] * 4


def test_word_diff_keeps_punctuation_and_spaces():
    segments = word_diff("Pasal 3, ayat (1).", "Pasal 4, ayat (1) dan (2).")
    assert "".join(s.text for s in segments if s.op != "added") == "Pasal 3, ayat (1)."
    assert "".join(s.text for s in segments if s.op != "removed") == "Pasal 4, ayat (1) dan (2)."
