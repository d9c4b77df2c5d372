"""The types of document and their abbreviations, in one place: the 29 types of
administrative document of Nghị định 30/2020/NĐ-CP (Điều 7), with the abbreviations of Phụ
lục III (Công văn and Thư công have none: a công văn's ký hiệu is the issuer's alone), and
the types only legal normative documents have (văn bản quy phạm pháp luật, whose format
Decree 30 does not set). The registry of kinds names its kinds' types from here, and the
format checker reads the same table.

Plain data: Make reads the registry, which imports this, with the system Python."""

from __future__ import annotations

TYPE_ABBREVIATIONS = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}
TYPE_NAMES = {abbr: name for name, abbr in TYPE_ABBREVIATIONS.items()}
CONG_VAN = "CÔNG VĂN"  # no type name printed above its text either
UNABBREVIATED = (CONG_VAN, "THƯ CÔNG")
TYPES = (*TYPE_ABBREVIATIONS, *UNABBREVIATED)  # Điều 7: 29 types

# Types only legal normative documents have, longest first where one begins another.
LEGAL_TYPES = ("HIẾN PHÁP", "BỘ LUẬT", "LUẬT", "PHÁP LỆNH", "LỆNH", "NGHỊ ĐỊNH", "THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ")
