"""Self-scoring forms: one workbook per unit, sent out, filled, dropped into `tu-cham/`.

`writer.write_forms` writes `bieu-tu-cham-<mã>.xlsx` for every unit (`make forms`);
`reader.read_forms` reads the filled forms back from `inputs/<campaign>/tu-cham/`;
`reader.merge_self_scores` combines them with the `Tự chấm` column of `Chấm điểm`. Reading
and merging only report problems (pipeline.errors.Problem); validate decides what to do
with them.
"""
from __future__ import annotations

from ..contract import FORMS_FOLDER as FOLDER  # noqa: F401 (forms.FOLDER, read by forms.reader)
from ..contract import FORMS_SHEET as SHEET  # noqa: F401 (forms.SHEET, read by forms.reader and collect)

UNIT_LABEL = "Mã đơn vị"
YEAR_LABEL = "Năm"  # C2, the campaign's year beside it (D2)
CAMPAIGN_LABEL = "Mã đợt"  # C3, the campaign's folder name beside it (D3)
HEADERS = ("Mã tiêu chí", "Nội dung", "Điểm tối đa", "Tự chấm", "Ghi chú")
CODE, TEXT, MAX, SCORE, NOTE = HEADERS
HEADER_ROW = 5
TOTAL = "Tổng cộng"


def form_name(unit_code: str) -> str:
    return f"bieu-tu-cham-{unit_code.lower()}.xlsx"

