"""Self-scoring forms: one workbook per unit, sent out, filled, dropped into `tu-cham/`.

`writer.write_forms` writes `bieu-tu-cham-<mã>.xlsx` for every unit (`make forms`);
`load.read_forms` reads the filled forms back from `inputs/<campaign>/tu-cham/` and
`reader.read_forms` takes their scores;
`reader.merge_self_scores` combines them with the `Tự chấm` column of `Chấm điểm`. Reading
and merging only report problems (pipeline.errors.Problem); validate decides what to do
with them.
"""

from __future__ import annotations

# The form's layout is part of the input contract (pipeline/contract.py); these are its
# names as the forms' modules and the units' door read them.
from ..contract import FORM_CAMPAIGN_LABEL as CAMPAIGN_LABEL
from ..contract import FORM_HEADER_ROW as HEADER_ROW
from ..contract import FORM_HEADERS as HEADERS
from ..contract import FORM_TOTAL as TOTAL
from ..contract import FORM_UNIT_LABEL as UNIT_LABEL
from ..contract import FORM_YEAR_LABEL as YEAR_LABEL
from ..contract import FORMS_FOLDER as FOLDER
from ..contract import FORMS_SHEET as SHEET
from ..contract import form_name

__all__ = [
    "CAMPAIGN_LABEL",
    "CODE",
    "FOLDER",
    "HEADERS",
    "HEADER_ROW",
    "MAX",
    "NOTE",
    "SCORE",
    "SHEET",
    "TEXT",
    "TOTAL",
    "UNIT_LABEL",
    "YEAR_LABEL",
    "form_name",
]

CODE, TEXT, MAX, SCORE, NOTE = HEADERS
