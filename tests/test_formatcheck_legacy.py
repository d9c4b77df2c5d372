"""The legacy Vietnamese font encodings (TCVN3/ABC and VNI Windows) read as Unicode by the
format checker (issue 18): the code tables on every Vietnamese letter with each tone mark.
The one-change fixtures (a conformant document re-typed in .VnTime or VNI-Times) are in
formatcheck_fixtures.FIXTURES, tested in test_formatcheck.py."""

import shutil
import subprocess
import unicodedata

import pytest

from pipeline.formatcheck import legacy

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc, huyền, hỏi, ngã, nặng
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]


def test_the_letters_are_the_72_toned_vowels_and_d_stroke():
    assert len(LETTERS) == 73 and len(set(LETTERS)) == 73
    assert all(len(x) == 1 for x in LETTERS)  # precomposed (NFC)


# ---------------------------------------------------------------------------- TCVN3


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_every_letter_and_its_capital(letter):
    inverse = {uni: code for code, uni in legacy.table(legacy.TCVN3).items()}
    if letter in "aeiouy":
        code = letter  # plain letters are ASCII in TCVN3
    else:
        code = inverse[letter]
    assert legacy.decode(code, ".VnTime") == letter
    assert legacy.decode(code, ".VnTimeH") == letter.upper()  # the capitals font
    assert legacy.decode(code, ".VnArialH") == letter.upper()


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv absent")
def test_tcvn3_table_agrees_with_glibc_iconv():
    """An independent reading of TCVN 5712:1993: GNU libc's charset TCVN5712-1."""
    table = legacy.table(legacy.TCVN3)
    for stored, uni in table.items():
        proc = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=stored.encode("latin-1"), capture_output=True
        )
        if proc.returncode:
            pytest.skip("iconv without TCVN5712-1")
        assert proc.stdout.decode("utf-8") == uni, hex(ord(stored))


def test_tcvn3_a_real_line():
    # the date line of a 2011 document converted from .doc (tests/external, bf32018a87)
    assert legacy.decode("LÖ Thuû, ngµy  29  th¸ng 11 n¨m 2011", ".VnTime") == "Lệ Thuỷ, ngày  29  tháng 11 năm 2011"
    assert legacy.decode("®¶ng céng s¶n viÖt nam", ".VnTimeH") == "ĐẢNG CỘNG SẢN VIỆT NAM"


# ---------------------------------------------------------------------------- VNI


MARK = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
MARK_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
MARK_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
I_TONES = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni(vowel: str, tone: str) -> str:
    """The VNI Windows bytes (as a .docx stores them) of a lower-case vowel with a tone, by the
    published layout: base letter, then one mark byte for the hat/breve and tone together."""
    if vowel == "i":
        return I_TONES[tone]
    if vowel == "y" and tone == "\u0323":
        return "î"
    base = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "ô", "ư": "ö"}.get(vowel, vowel)
    marks = MARK_BREVE if vowel == "ă" else MARK_HAT if vowel in "âêô" else MARK
    return base + marks[tone]


@pytest.mark.parametrize("vowel", list(VOWELS))
def test_vni_every_letter_with_each_tone_and_its_capital(vowel):
    for tone in TONES:
        letter = unicodedata.normalize("NFC", vowel + tone)
        assert legacy.decode(vni(vowel, tone), "VNI-Times") == letter
        assert legacy.decode(vni(vowel, tone).upper(), "VNI-Times") == letter.upper()
    assert legacy.decode("ñ", "VNI-Times") == "đ" and legacy.decode("Ñ", "VNI-Helve") == "Đ"


def test_vni_real_words():
    assert legacy.decode("Xin chaøo caùc baïn", "VNI-Times") == "Xin chào các bạn"
    assert legacy.decode("Ñöôïc ngöôøi Vieät Nam öôùc", "VNI-Times") == "Được người Việt Nam ước"
    assert legacy.decode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "VNI-Times") == QUOC_HIEU


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_other_fonts_and_unicode_text_are_left_alone():
    assert legacy.decode("Xin chaøo", "Times New Roman") == "Xin chaøo"
    assert legacy.encoding_of(".VnTime") == legacy.TCVN3 and legacy.encoding_of("VNI-Times") == legacy.VNI
    assert legacy.encoding_of("Times New Roman") is None
    assert legacy.is_unicode_vietnamese("Văn bản") and not legacy.is_unicode_vietnamese("V¨n b¶n")
