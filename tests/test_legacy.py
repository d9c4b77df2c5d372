"""Tests for pipeline.legacy: TCVN3/VNI tables, detection, decoding, invisible characters."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import legacy
from pipeline.legacy import (
    control_characters,
    decode,
    detect,
    encode_tcvn3,
    encode_vni,
    is_syllable,
    to_unicode,
    zero_width,
)

# Real Unicode Vietnamese as office staff type it: none of it may be detected.
SENTENCES = [
    "Công tác văn thư, lưu trữ năm 2020",
    "Hướng dẫn công tác thi đua, khen thưởng năm 2021",
    "Độc lập - Tự do - Hạnh phúc",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
    "Ủy ban nhân dân phường Phúc Lợi",
    "UBND phường Đức Giang, quận Long Biên, thành phố Hà Nội",
    "Số: 127/KH-UBND",
    "Số: 10/QĐ-UBND",
    "Long Biên, ngày 27 tháng 3 năm 2020",
    "Phạm Hoài Nam",
    "Giáp Thị Thanh Nhàn",
    "Nguyễn Thị Thuần",
    "Lê Văn Ánh",
    "Trần Quốc Tuấn",
    "Hoàng Thị Ngọc Ánh",
    "Vũ Đức Thắng",
    "Đỗ Thị Thu Hà",
    "Bùi Xuân Trường",
    "Đặng Văn Quyết",
    "Ngô Thị Huyền Trang",
    "Dương Văn Khoa",
    "Số 2 ngõ 5 phố Ngọc Lâm, phường Ngọc Lâm",
    "Thôn Đông, xã Yên Viên, huyện Gia Lâm",
    "Lập danh mục hồ sơ, nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan",
    "Văn bản đi, văn bản đến được đăng ký vào sổ và cập nhật vào hệ thống",
    "Tổ chức phong trào thi đua yêu nước, xây dựng nông thôn mới",
    "Đề nghị Chủ tịch UBND quận tặng Giấy khen cho 3 tập thể và 5 cá nhân",
    "Danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở",
    "Biên bản kiểm tra chéo công tác thi đua khối phường",
    "Tờ trình về việc đề nghị khen thưởng",
    "Nơi nhận: Như trên; Lưu: VT, VH.",
    "Bảo quản an toàn tài liệu lưu trữ, chống ẩm mốc, mối mọt",
    "Thực hiện chỉnh lý tài liệu tồn đọng, tích đống",
    "Ứng dụng công nghệ thông tin trong quản lý văn bản và điều hành",
    "Chữ ký số, con dấu, thể thức và kỹ thuật trình bày văn bản",
    "Kết quả chấm điểm: Tự chấm 95 điểm, Cụm chấm 93 điểm",
    "ý kiến của đại biểu ở hội nghị",
    "Công tác",
    "Cô giáo",
    "Hòa Bình",
    "Tô Hiến Thành",
    "Lê Lợi",
    "Bùi Thị Xuân",
    "Thủ trưởng cơ quan chịu trách nhiệm trước pháp luật",
    "Kinh phí: 15.000.000 đồng (mười lăm triệu đồng)",
    "Tiêu chí 1.1 – Ban hành kế hoạch (tối đa 10 điểm)",
    "Họp Cụm thi đua số 1 lúc 14 giờ 00 phút, thứ Sáu",
    "Quyết định số 91/2017/NĐ-CP của Chính phủ",
    "Trưởng đoàn kiểm tra; thư ký; thành viên",
    'Mỗi dòng một nơi nhận, dòng "Lưu: VT" để cuối.',
]
OTHER = [
    "",
    " ",
    "PL",
    "1.1",
    "KH-UBND",
    "Số",
    "A",
    "2020",
    "x = 1; y = 2!",
    "PL-2",
    "Hello, world: (ok) [1/2] {x} #3 @home 50% a&b",
    "Tab\tand\nnewline",
    "café résumé",
    "Zürich Müller Größe",
    "España niño Peña",
    "naïve Noël Citroën",
    "São Paulo João",
    "Raphaël Gaëlle",
    "© 2020 ACME®",
    "5 µm, 10 µg/l",
    "1½ kg, ¾ lít",
    "§ 5",
    "3 × 4 ÷ 2",
    "« Bonjour »",
    "¡Hola! ¿Qué?",
    "Ø 20 mm",
    "°C ± 2",
    "«Hello»",
    "infor\xadmation",
    "Straße",
    "Ærø",
    "Œuvre",
]

# Hand-written legacy spellings (from Unikey-produced text), cross-checking the tables.
TCVN3_WORDS = [
    ("Ph¹m Hoµi Nam", "Phạm Hoài Nam"),
    ("UBND ph­êng Phóc Lîi", "UBND phường Phúc Lợi"),
    ("ViÖt Nam", "Việt Nam"),
    ("Hµ Néi", "Hà Nội"),
    ("thi ®ua", "thi đua"),
    ("khen th­ëng", "khen thưởng"),
    ("v¨n th­", "văn thư"),
    ("l­u tr÷", "lưu trữ"),
    ("§éc lËp", "Độc lập"),
    ("Tù do", "Tự do"),
    ("H¹nh phóc", "Hạnh phúc"),
    ("NguyÔn TrÇn Lª", "Nguyễn Trần Lê"),
    ("Huúnh §Æng Bïi", "Huỳnh Đặng Bùi"),
    ("§ç Hå Ng« D­¬ng", "Đỗ Hồ Ngô Dương"),
    ("Lý Vò Vâ §µo", "Lý Vũ Võ Đào"),
    ("Bå §Ò", "Bồ Đề"),
    ("Ngäc Thôy", "Ngọc Thụy"),
    ("Th¹ch Bµn", "Thạch Bàn"),
    ("quyÕt ®Þnh", "quyết định"),
    ("tê tr×nh", "tờ trình"),
    ("biªn b¶n", "biên bản"),
    ("kÕ ho¹ch", "kế hoạch"),
    ("b¸o c¸o tæng kÕt", "báo cáo tổng kết"),
    ("giÊy khen", "giấy khen"),
    ("b»ng khen", "bằng khen"),
    ("chiÕn sÜ", "chiến sĩ"),
    ("xuÊt s¾c", "xuất sắc"),
    ("tËp thÓ", "tập thể"),
    ("c¸ nh©n", "cá nhân"),
    ("®¬n vÞ", "đơn vị"),
    ("nh÷ng ng­êi", "những người"),
    ("sù", "sự"),
    ("mü", "mỹ"),
    ("kû luËt", "kỷ luật"),
    ("thø tõ", "thứ từ"),
    ("söa", "sửa"),
    ("lÔ", "lễ"),
    ("mÑ vÐ bÌ", "mẹ vé bè"),
    ("nÎ kÏ", "nẻ kẽ"),
    ("thÝ chØ", "thí chỉ"),
    ("hßa cã nhá hä", "hòa có nhỏ họ"),
    ("thÕ giíi", "thế giới"),
    ("n¬i ë, mì", "nơi ở, mỡ"),
    ("c¶ ng· ngÉu", "cả ngã ngẫu"),
    ("bÇu h¼n ½m", "bầu hẳn ẵm"),
    ("chç tæ sè", "chỗ tổ số"),
    ("kþ", "kỵ"),
    ("thuÕ", "thuế"),
    ("bÈm", "bẩm"),
    ("kh¾c", "khắc"),
    ("kh©u", "khâu"),
    ("ñY BAN NH¢N D¢N", "ỦY BAN NHÂN DÂN"),
    ("¡n £m ¤ ¥ ¦", "Ăn Êm Ô Ơ Ư"),
]
VNI_WORDS = [
    ("Phaïm Hoaøi Nam", "Phạm Hoài Nam"),
    ("phöôøng", "phường"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Vieät Nam", "Việt Nam"),
    ("Haø Noäi", "Hà Nội"),
    ("thi ñua", "thi đua"),
    ("khen thöôûng", "khen thưởng"),
    ("vaên thö", "văn thư"),
    ("löu tröõ", "lưu trữ"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Nguyeãn Thò Thuaàn", "Nguyễn Thị Thuần"),
    ("Giaùp Thò Thanh Nhaøn", "Giáp Thị Thanh Nhàn"),
    ("UÛy ban nhaân daân quaän Long Bieân", "Ủy ban nhân dân quận Long Biên"),
    ("Ñöùc Giang", "Đức Giang"),
    ("coâng taùc", "công tác"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Huyønh Ñaëng Buøi Ñoã Hoà Ngoâ Döông", "Huỳnh Đặng Bùi Đỗ Hồ Ngô Dương"),
    ("Lyù Vuõ Voõ", "Lý Vũ Võ"),
    ("quyeát ñònh", "quyết định"),
    ("tôø trình", "tờ trình"),
    ("bieân baûn", "biên bản"),
    ("keá hoaïch", "kế hoạch"),
    ("baùo caùo toång keát", "báo cáo tổng kết"),
    ("giaáy khen", "giấy khen"),
    ("baèng khen", "bằng khen"),
    ("chieán só", "chiến sĩ"),
    ("xuaát saéc", "xuất sắc"),
    ("taäp theå", "tập thể"),
    ("caù nhaân", "cá nhân"),
    ("ñôn vò", "đơn vị"),
    ("nhöõng ngöôøi", "những người"),
    ("söï", "sự"),
    ("myõ", "mỹ"),
    ("kyû luaät", "kỷ luật"),
    ("thöù töø", "thứ từ"),
    ("söûa ñeà", "sửa đề"),
    ("leã", "lễ"),
    ("meï veù", "mẹ vé"),
    ("chæ", "chỉ"),
    ("hoøa coù nhoû hoï", "hòa có nhỏ họ"),
    ("theá giôùi", "thế giới"),
    ("ôû môõ lôïi", "ở mỡ lợi"),
    ("caû ngaõ ngaãu", "cả ngã ngẫu"),
    ("baàu haún aüm", "bầu hẳn ẵm"),
    ("choã toå soá hoäi", "chỗ tổ số hội"),
    ("kî", "kỵ"),
    ("AÙ AØ AÛ AÕ AÏ Ñ Ò Æ Ó Î", "Á À Ả Ã Ạ Đ Ị Ỉ Ĩ Ỵ"),
]
NAMES = [
    "Phạm Hoài Nam",
    "Giáp Thị Thanh Nhàn",
    "Nguyễn Thị Thuần",
    "UBND phường Phúc Lợi",
    "Ủy ban nhân dân quận Long Biên",
    "Đức Giang",
    "công tác văn thư",
    "lưu trữ",
    "Độc lập - Tự do - Hạnh phúc",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
    "Nguyễn Thị Ánh",
    "Lê Thị Ánh Tuyết",
    "Quyết định số 10/QĐ-UBND",
    "Phan Thị Hà",
    "Hà Nội ở đâu",
    "SỞ Y TẾ HÀ NỘI",
    "UBND XÃ YÊN VIÊN",
    "UBND Xã Yên Viên",
    "Kế hoạch số 5: KẾ HOẠCH THI ĐUA",
    "ĐẠI DIỆN UBND\nPHƯỜNG ĐỨC GIANG",
    "Vũ Thị Ngọc Ánh (cá nhân)",
    "Lập danh mục hồ sơ, nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan",
]
_STRIPPED = (w.strip('.,:;()"-–').lower() for s in SENTENCES for w in s.split())
VOCABULARY = sorted({w for w in _STRIPPED if w.isalpha()})  # real syllables, lowercase


# --------------------------------------------------------------------------- tables


def test_tables_are_complete_and_one_to_one():
    vowels = [
        unicodedata.normalize("NFC", v + t)
        for v in "aăâeêioôơuưy"
        for t in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    ]
    lower = set(vowels) | {"đ"}
    assert len(lower) == 73
    assert set(legacy.TCVN3_ENCODE) == lower | set("ĂÂÊÔƠƯĐ")
    assert len(set(legacy.TCVN3_ENCODE.values())) == len(legacy.TCVN3_ENCODE) == 80
    assert all(0xA1 <= ord(c) <= 0xFE for c in legacy.TCVN3_DECODE)
    assert set(legacy.VNI_ENCODE) == lower | {c.upper() for c in lower}
    assert len(set(legacy.VNI_ENCODE.values())) == len(legacy.VNI_ENCODE) == 146
    assert all(0xC0 <= ord(c) <= 0xFE for s in legacy.VNI_ENCODE.values() for c in s if not c.isascii())


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_matches_glibc_tcvn5712():
    """glibc's TCVN5712-1 (VN1) agrees with every VN3 code we decode."""
    codes = "".join(legacy.TCVN3_DECODE)
    run = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes.encode("latin-1"), capture_output=True
    )
    if run.returncode:
        pytest.skip("iconv has no TCVN5712-1")
    expected = "".join(legacy.TCVN3_DECODE.values())
    assert unicodedata.normalize("NFC", run.stdout.decode()) == expected


@pytest.mark.parametrize("old, new", TCVN3_WORDS)
def test_tcvn3_words(old, new):
    assert decode(old, "TCVN3") == new
    assert encode_tcvn3(new) == old


@pytest.mark.parametrize("old, new", VNI_WORDS)
def test_vni_words(old, new):
    assert decode(old, "VNI") == new
    assert encode_vni(new) == old


def test_vni_lenient_capital_base():
    assert decode("Aù Ñoäc", "VNI") == "Á Độc"


# --------------------------------------------------------------------------- detect + round trip


@pytest.mark.parametrize("text", NAMES)
@pytest.mark.parametrize("encoding, encode", [("TCVN3", encode_tcvn3), ("VNI", encode_vni)])
def test_round_trip_detected(text, encoding, encode):
    old = encode(text)
    assert old != text
    assert detect(old) == encoding
    assert to_unicode(old) == (text, encoding)


# Too little evidence: "Sè"/"Soá" alone are plausible as they stand (conservative).
UNDETECTED = {"Số: 127/KH-UBND", "Số: 10/QĐ-UBND"}


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("encoding, encode", [("TCVN3", encode_tcvn3), ("VNI", encode_vni)])
def test_sentences_encoded_are_detected(text, encoding, encode):
    old = encode(text)
    if text in UNDETECTED:
        assert to_unicode(old) == (old, None)
    elif text[0] in "ýỳỷỹỵ" and encoding == "TCVN3":  # VN3 has no capital Ý: first letter guessed
        assert to_unicode(old) == (text.capitalize(), encoding)
    else:
        assert to_unicode(old) == (text, encoding)


@pytest.mark.parametrize("old", ["Tù do", "Sè 5", "mét", "Caùc", "Soá 5"])
def test_too_little_evidence(old):
    assert detect(old) is None


@pytest.mark.parametrize("old, new", [("giÊy khen", "giấy khen"), ("thÕ giíi", "thế giới")])
def test_tcvn3_capital_after_lowercase_is_evidence(old, new):
    assert to_unicode(old) == (new, "TCVN3")


@pytest.mark.parametrize("text", SENTENCES + OTHER)
def test_unicode_and_other_text_not_detected(text):
    assert detect(text) is None
    assert to_unicode(text) == (text, None)


def test_nfd_input_not_detected():
    assert detect(unicodedata.normalize("NFD", "Phạm Hoài Nam")) is None


@pytest.mark.parametrize(
    "old, new",
    [
        ("ñy ban", "Ủy ban"),  # start of the text: capitalised (VN3 cannot tell)
        ("Chñ tÞch ñy ban", "Chủ tịch ủy ban"),
        ("X·", "Xã"),
        ("X· HéI", "XÃ HỘI"),
        ("UBND X· Yªn Viªn", "UBND Xã Yên Viên"),
        ("Sè 5", "Số 5"),
        ("TH¦ Ký", "THƯ KÝ"),
        ("®i häc. ë nhµ", "đi học. Ở nhà"),
    ],
)
def test_tcvn3_case_guesses(old, new):
    assert decode(old, "TCVN3") == new


def test_decode_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        decode("x", "VISCII")


@pytest.mark.parametrize(
    "word",
    [
        "người",
        "khuya",
        "tuổi",
        "giữa",
        "gì",
        "quyết",
        "huyện",
        "khuỷu",
        "thuở",
        "xoáy",
        "ngoằn",
        "boong",
        "nghiêng",
        "Ủy",
        "oái",
        "ươn",
        "ưng",
        "yêu",
        "hoặc",
        "khoẻ",
    ],
)
def test_is_syllable_accepts(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Ph¹m", "coâng", "taùc", "caùc", "Hoaøi", "xyz", "áà", "UBND"])
def test_is_syllable_rejects(word):
    assert not is_syllable(word)


# --------------------------------------------------------------------------- properties

PROPERTY = settings(max_examples=300)


def _phrase(words: list[str], case: str) -> str:
    if case == "title":
        words = [w.capitalize() for w in words]
    elif case == "upper":
        words = [w.upper() for w in words]
    elif case == "sentence":
        words = [words[0].capitalize()] + words[1:]
    return " ".join(words)


viet_words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12)
cases = st.sampled_from(["lower", "title", "upper", "sentence"])
seps = st.sampled_from([" ", ", ", " - ", ". ", "; ", ": ", "\n", " (", ") "])
VIET_LETTERS = sorted(set(legacy.VNI_ENCODE) | set("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX"))


@PROPERTY
@pytest.mark.slow
@given(st.lists(st.tuples(viet_words, cases), min_size=1, max_size=4), seps)
def test_property_vietnamese_words_never_detected(parts, sep):
    text = sep.join(_phrase(words, case) for words, case in parts)
    assert detect(text) is None


@PROPERTY
@pytest.mark.slow
@given(st.text(st.sampled_from(VIET_LETTERS + list(" .,;:!?-()/\"'0123456789\n")), max_size=60))
def test_property_vietnamese_characters(text):
    """Any mix with a letter only Unicode has (ă ơ ư đ ạ ...) is never detected; lowercase
    Vietnamese letters never look like TCVN3 (no TCVN3-only character, no "chÊm" capital)."""
    if any(ord(c) > 0xFF for c in text):
        assert detect(text) is None
    assert detect(text.lower()) != "TCVN3"


@PROPERTY
@pytest.mark.slow
@given(st.text(st.characters(max_codepoint=127)))
def test_property_ascii_never_detected(text):
    assert detect(text) is None
    assert to_unicode(text) == (text, None)


@PROPERTY
@pytest.mark.slow
@given(viet_words, cases)
def test_property_vni_round_trip(words, case):
    text = _phrase(words, case)
    old = encode_vni(text)
    assert decode(old, "VNI") == text
    assert detect(old) in ("VNI", None)
    assert to_unicode(old)[0] in (text, old)


@PROPERTY
@pytest.mark.slow
@given(viet_words, cases)
def test_property_tcvn3_round_trip(words, case):
    """Equal up to case; exact for lowercase or title case when the first letter of the
    text (title: of every word) has a code telling its case. Not for sentence case:
    "An ẩm" comes back "An Ẩm", read as a name."""
    text = _phrase(words, case)
    old = encode_tcvn3(text)
    back = decode(old, "TCVN3")
    assert back.casefold() == text.casefold()
    starts = [w[0] for w in (words if case == "title" else words[:1])]
    if case in ("lower", "title") and all(c in "aăâeêioôơuưybcdđghklmnpqrstvx" for c in starts):
        assert back == text
    assert detect(old) in ("TCVN3", None)


@PROPERTY
@pytest.mark.slow
@given(st.lists(st.sampled_from([w for w in VOCABULARY if not w.isascii()]), min_size=3, max_size=10), cases)
def test_property_legacy_phrases_never_misread(words, case):
    """Encoded phrases are decoded to the original (TCVN3: up to case) or left alone."""
    text = _phrase(words, case)
    old = encode_vni(text)
    assert to_unicode(old) in ((text, "VNI"), (old, None))
    old = encode_tcvn3(text)
    new, encoding = to_unicode(old)
    assert (new.casefold(), encoding) in ((text.casefold(), "TCVN3"), (old.casefold(), None))


# --------------------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phạm Hoài Nam", []),
        ("a\tb\nc", []),
        ("a\x07b", ["U+0007"]),
        ("\x00\x1f\x07\x00", ["U+0000", "U+001F", "U+0007"]),
        ("x\ry", ["U+000D"]),
        ("\x7f\x85\x9f", ["U+007F", "U+0085", "U+009F"]),
        ("\u200b\u00a0\xad", []),
    ],
)
def test_control_characters(text, expected):
    assert control_characters(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phạm Hoài Nam", []),
        ("\x07", []),
        ("a\u200bb\u200cc\u200dd\u2060e\ufeff\u200b", ["U+200B", "U+200C", "U+200D", "U+2060", "U+FEFF"]),
    ],
)
def test_zero_width(text, expected):
    assert zero_width(text) == expected
