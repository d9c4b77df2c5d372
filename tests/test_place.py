"""The địa danh (Phụ lục I §II.4.a of Nghị định 30): the administrative unit where the issuer
has its seat, never an agency's name (issue 17, the generated campaigns' "place" defect)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline import issuers
from pipeline import kinds as registry
from pipeline.build import Held, plan_outputs

from . import generated

DAY = date(2024, 7, 24)


def test_an_agency_name_in_the_place_column_gives_way_to_the_place_of_its_body():
    place, why = issuers.checked_place(
        "Chi cục Văn thư - Lưu trữ", "CHI CỤC VĂN THƯ - LƯU TRỮ", "SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG", DAY
    )
    assert place == "Hải Phòng"
    assert why and "Chi cục Văn thư - Lưu trữ" in why and '"Hải Phòng"' in why


def test_an_agency_name_with_nothing_to_derive_from_is_left_blank_with_a_reason():
    place, why = issuers.checked_place("Phòng Tổ chức, biên chế", "PHÒNG TỔ CHỨC, BIÊN CHẾ", None, DAY)
    assert place == "" and "để trống địa danh" in why


def test_a_place_is_printed_as_written():
    for place in ("Phúc Lợi", "Hà Nội", "Long Biên", "Bắc Ninh"):
        assert issuers.checked_place(place, "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI", None, DAY) == (place, None)


def test_the_seat_of_a_body_under_another_is_the_place_of_the_body_above():
    assert issuers.seat_place("CHI CỤC VĂN THƯ - LƯU TRỮ", "Sở Nội vụ thành phố Hà Nội", DAY) == "Hà Nội"
    assert issuers.seat_place("UBND phường Phúc Lợi", "UBND quận Long Biên", DAY) == "Phúc Lợi"
    assert issuers.seat_place("Phòng Nội vụ", None, DAY) is None


def test_a_chi_cucs_proposal_is_dated_at_its_province(tmp_path: Path):
    """Seed 14 is a Sở's cluster whose `to-trinh` row names the Chi cục as its địa danh."""
    spec = generated.campaign(14)
    folder = generated.write(spec, tmp_path / spec.label)
    row = next(r for r in spec.sheets["Văn bản"] if r[0] == "to-trinh")
    assert row[4] == "Chi cục Văn thư - Lưu trữ"  # what the workbook says
    planned, _, _ = plan_outputs(folder, list(registry.SLUGS), Held())
    dates = {
        o.name: o.context["doc"]["place_date"]
        for o in planned
        if isinstance(o.context.get("doc"), dict) and o.context["doc"].get("place_date")
    }
    assert dates["to-trinh-khen-thuong.docx"].startswith("Hải Phòng, ngày ")
    assert all(not issuers.names_a_body(d.split(",")[0]) for d in dates.values()), dates
