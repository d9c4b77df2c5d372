"""The blank input workbook staff fill by hand (`make blank` -> outputs/du-lieu-trong.xlsx).

Every sheet and header of the contract (shared/spec/inputs.md), in contract order, after a
first sheet `Hướng dẫn` that explains each sheet and column in plain Vietnamese with an
example. The data sheets carry drop-down lists for the fixed vocabularies, number and date
validation, date formats, frozen and styled headers, so that the workbook, once filled,
loads and validates with no other change.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import kinds as registry
from .contract import (
    AWARD_KINDS, DEFAULT_GRADES, FINDING_KINDS, GENERAL, GRANTED, PARTS_OF_DAY, REQUIRED_SHEETS,
    ROLES, SCHEMAS, document_labels,
)
from .files import save_workbook
from .sanity import no_formulas

GUIDE = "Hướng dẫn"
NOTES = "Ghi chú"  # optional extra sheet; the program does not read it
ROWS = 500  # data rows that get formats and validation (rows 2..ROWS+1)
LAST = ROWS + 1
DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"
TEXT_FMT = "@"  # codes stay text: "1.10" is not 1.1, and "1.1" is never a date
AUTHOR = "Văn bản thi đua"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADING = Font(bold=True, size=12, color="1F4E78")
HEADER_FILL = PatternFill("solid", fgColor="BDD7EE")  # required column
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")  # optional column
THIN = Side(style="thin", color="8EA9DB")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# --------------------------------------------------------------------------- wording

# Mục of `Chung`: label -> (bắt buộc?, ý nghĩa, ví dụ); the same labels and order as GENERAL.
GENERAL_GUIDE = {
    "Tên cụm": ("có", "Tên cụm thi đua.", "Cụm thi đua số 1"),
    "Lĩnh vực": ("có", "Lĩnh vực công tác được chấm điểm, viết chữ thường như khi đứng giữa câu.",
                 "công tác văn thư, lưu trữ"),
    "Năm": ("có", "Năm thi đua (bốn chữ số).", "2020"),
    "Cấp trên": ("có", "Cơ quan cấp trên đã ban hành kế hoạch thi đua và quyết định khen thưởng.",
                 "UBND quận Long Biên"),
    "Loại đơn vị": ("không", "Các đơn vị thành viên là gì: phường, xã, đơn vị… Để trống thì "
                    "chương trình viết là \"đơn vị\".", "phường"),
    "Đơn vị cụm trưởng": ("có", "Mã của đơn vị cụm trưởng (mã ghi ở cột \"Mã\" của trang "
                          "\"Đơn vị\").", "PL"),
    "Căn cứ kế hoạch": ("không", "Văn bản mà đợt thi đua thực hiện theo. Chỉ ghi khi đợt này "
                        "không theo kế hoạch do chương trình tạo ra.",
                        "Văn bản số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên"),
    "Ngày kiểm tra": ("có", "Ngày đi kiểm tra thực tế tại các đơn vị (nếu kiểm tra nhiều ngày "
                      "thì ghi ngày đầu tiên).", "14/8/2020"),
    "Buổi kiểm tra": ("không", "Buổi đi kiểm tra: chọn \"sáng\" hoặc \"chiều\" (dùng khi viết "
                      "văn bản).", "chiều"),
    "Bắt đầu họp": ("có", "Ngày và giờ bắt đầu cuộc họp cụm chấm điểm, bình xét.",
                    "17/8/2020 14:00"),
    "Kết thúc họp": ("có", "Ngày và giờ kết thúc cuộc họp cụm (sau giờ bắt đầu).",
                     "17/8/2020 16:30"),
    "Địa điểm họp": ("có", "Nơi họp cụm.", "trụ sở UBND phường Phúc Lợi"),
    "Hạn nộp tự chấm": ("không", "Hạn các đơn vị gửi biểu tự chấm qua đường dẫn riêng (ngày "
                        "và giờ; chỉ ghi ngày thì hạn là hết ngày đó); quá hạn thì đường dẫn "
                        "báo đã hết hạn.", "10/8/2020 17:00"),
    "Đoàn chấm theo Cụm chấm": ("không", "Ghi \"có\" nếu điểm đoàn kiểm tra chấm tại buổi "
                                "kiểm tra chính là điểm cụm chấm: khi cột \"Đoàn chấm\" để "
                                "trống, biên bản kiểm tra in điểm cụm chấm. Để trống thì biên bản "
                                "kiểm tra chừa cột điểm đoàn chấm để đoàn ghi tay.", "có"),
}

ROLE_TEXT = ("chọn trong danh sách: \"chủ trì\", \"thư ký\", \"thành viên\" (dự họp cụm); "
             "\"trưởng đoàn\", \"đoàn kiểm tra\" (đoàn đi kiểm tra đơn vị khác); \"đại diện\" "
             "(người đại diện đơn vị được kiểm tra).")

# Sheet -> (bắt buộc?, what it is for, [(column, bắt buộc?, ý nghĩa, ví dụ)]).
# The columns are exactly the headers of validate.SCHEMAS, in the same order.
SHEET_GUIDE: dict[str, tuple[bool, str, list[tuple[str, str, str, str]]]] = {
    "Chung": (True, "Các thông tin chung của đợt thi đua, mỗi mục một dòng. Các mục đã ghi sẵn "
              "ở cột \"Mục\" (giữ nguyên chữ); chỉ điền cột \"Giá trị\". Mục không bắt buộc thì "
              "có thể để trống. Rê chuột vào tên mục để xem giải thích.", [
                  ("Mục", "có", "Tên mục (đã ghi sẵn, xem bảng các mục ngay dưới).", "Tên cụm"),
                  ("Giá trị", "tùy mục", "Giá trị của mục.", "Cụm thi đua số 1"),
              ]),
    "Đơn vị": (True, "Các đơn vị thành viên của cụm, mỗi đơn vị một dòng. Thứ tự các dòng là "
               "thứ tự các đơn vị trong văn bản.", [
                   ("Mã", "có", "Mã ngắn của đơn vị, không trùng nhau, chỉ gồm chữ cái không dấu "
                    "và chữ số. Các trang khác dùng mã này để chỉ đơn vị.", "PL"),
                   ("Tên đơn vị", "có", "Tên đầy đủ như viết trong văn bản.",
                    "UBND phường Phúc Lợi"),
                   ("Tên ngắn", "có", "Tên gọn dùng trong danh sách và trong câu văn.",
                    "Phúc Lợi"),
               ]),
    "Tiêu chí": (True, "Các tiêu chí chấm điểm theo thứ bậc: mã 1, 1.1, 1.2, 2… Dòng có tiêu "
                 "chí con là nhóm: điểm tối đa của nhóm phải bằng tổng điểm tối đa các tiêu chí "
                 "con. Chỉ chấm điểm cho tiêu chí không có tiêu chí con.", [
                     ("Mã", "có", "Mã tiêu chí (ô dạng chữ, nên 1.10 vẫn là 1.10).", "1.1"),
                     ("Nội dung", "có", "Nội dung tiêu chí như in trong văn bản.",
                      "Ban hành kế hoạch công tác văn thư, lưu trữ năm 2020"),
                     ("Điểm tối đa", "có", "Điểm tối đa của tiêu chí, lớn hơn 0.", "5"),
                 ]),
    "Chấm điểm": (True, "Điểm của từng đơn vị theo từng tiêu chí con, mỗi đơn vị đủ mọi tiêu chí "
                  "con, mỗi tiêu chí một dòng. Điểm từ 0 đến điểm tối đa của tiêu chí. Tổng điểm "
                  "tính theo điểm cụm chấm nếu có, nếu không thì theo điểm tự chấm.", [
                      ("Mã đơn vị", "có", "Mã của đơn vị (ở trang \"Đơn vị\").", "PL"),
                      ("Mã tiêu chí", "có", "Mã của một tiêu chí con (ở trang \"Tiêu chí\").",
                       "1.1"),
                      ("Tự chấm", "có, trừ khi đơn vị gửi biểu tự chấm",
                       "Điểm đơn vị tự chấm. Có thể để trống nếu đơn vị đã gửi biểu tự chấm "
                       "(bieu-tu-cham-<mã>.xlsx) và biểu đó đã được tải lên ở trang của đợt "
                       "(hoặc chép vào thư mục tu-cham của đợt); nếu ghi ở cả hai nơi thì điểm "
                       "phải giống nhau.", "4,5"),
                      ("Cụm chấm", "không", "Điểm cụm thống nhất tại cuộc họp cụm; để trống nếu "
                       "chưa họp. Biên bản, tờ trình và tin bài cần đủ điểm cụm chấm.", "4"),
                      ("Ghi chú", "không", "Lời ghi chú in bên cạnh điểm.",
                       "Còn một số hồ sơ năm 2018 chưa nộp lưu"),
                      ("Đoàn chấm", "không", "Cột thêm: điểm đoàn kiểm tra chấm tại buổi kiểm "
                       "tra, in vào biên bản kiểm tra. Đã ghi thì ghi đủ mọi dòng của đơn vị được "
                       "kiểm tra. Để trống cả cột thì biên bản kiểm tra chừa cột điểm để đoàn "
                       "ghi tay (hoặc in điểm cụm chấm nếu mục \"Đoàn chấm theo Cụm chấm\" ở "
                       "trang \"Chung\" là \"có\"). Nếu cuộc họp cụm sửa điểm của đoàn, biên "
                       "bản họp cụm ghi rõ từng điểm đã sửa kèm lời ghi chú.", "4,5"),
                  ]),
    "Xếp loại": (False, "Thang xếp loại. Trang này đã điền sẵn thang mặc định: A từ 85 điểm "
                 "(Xuất sắc), B từ 70 (Tốt), C từ 50 (Khá), D dưới 50 (Trung bình); sửa lại nếu "
                 "kế hoạch quy định khác. Loại thấp nhất phải có \"Điểm từ\" là 0. Nếu xóa trang "
                 "này, chương trình dùng thang mặc định nói trên. Các đơn vị bằng điểm thì đồng "
                 "hạng (1, 2, 2, 4).", [
                     ("Loại", "có", "Ký hiệu loại.", "A"),
                     ("Điểm từ", "có", "Tổng điểm thấp nhất để đạt loại này (đạt đúng mức này "
                      "cũng được).", "85"),
                     ("Tên", "không", "Tên gọi của loại.", "Xuất sắc"),
                 ]),
    "Người": (True, "Những người có tên trong văn bản. Một người có nhiều vai trò thì ghi mỗi "
              "vai trò một dòng. Cuộc họp cụm cần đúng một người chủ trì và một thư ký.", [
                  ("Họ tên", "có", "Họ và tên.", "Phạm Hoài Nam"),
                  ("Chức vụ", "có", "Chức vụ.", "Phó Chủ tịch UBND phường Phúc Lợi"),
                  ("Mã đơn vị", "có", "Mã của đơn vị người đó công tác.", "PL"),
                  ("Vai trò", "có", ROLE_TEXT[:1].upper() + ROLE_TEXT[1:], "chủ trì"),
              ]),
    "Lịch kiểm tra": (False, "Đơn vị nào kiểm tra đơn vị nào, mỗi đơn vị được kiểm tra một dòng. "
                      "Một đơn vị không tự kiểm tra mình. Nếu không có trang này (xóa trang đi), "
                      "chương trình tự xếp lịch luân phiên: mỗi đơn vị được đơn vị kế tiếp trong "
                      "trang \"Đơn vị\" kiểm tra, đơn vị cuối do đơn vị đầu kiểm tra, cùng vào "
                      "\"Ngày kiểm tra\" ở trang \"Chung\".", [
                          ("Đơn vị được kiểm tra", "có", "Mã của đơn vị được kiểm tra.", "PL"),
                          ("Đơn vị kiểm tra", "có", "Mã của đơn vị cử người đi kiểm tra.", "VH"),
                          ("Thời gian", "không", "Ngày và giờ bắt đầu kiểm tra; để trống thì lấy "
                           "\"Ngày kiểm tra\" ở trang \"Chung\".", "14/8/2020 14:00"),
                          ("Kết thúc", "không", "Cột thêm của chương trình: giờ kết thúc buổi "
                           "kiểm tra, in vào biên bản; để trống thì biên bản chừa \"… giờ … "
                           "phút\" để viết tay.", "14/8/2020 16:00"),
                      ]),
    "Nhận xét": (False, "Các nhận xét sau kiểm tra, mỗi nhận xét của một đơn vị một dòng. Nhận "
                 "xét giống hệt nhau của nhiều đơn vị được viết gộp một lần, kèm tên các đơn vị, "
                 "vì vậy hãy chép nguyên văn khi nhiều đơn vị có chung một nhận xét.", [
                     ("Mã đơn vị", "có", "Mã của đơn vị được nhận xét.", "PL"),
                     ("Loại", "có", "Chọn trong danh sách: \"ưu điểm\", \"hạn chế\", "
                      "\"kiến nghị\".", "ưu điểm"),
                     ("Nội dung", "có", "Một nhận xét.",
                      "Xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu"),
                 ]),
    "Khen thưởng": (False, "Các tập thể, cá nhân được đề nghị khen thưởng, mỗi đối tượng một "
                    "dòng. Đơn vị của người hoặc tập thể được đề nghị nên đạt loại cao nhất (nếu "
                    "không, chương trình cảnh báo). Không có trang này thì tờ trình báo thiếu "
                    "danh sách khen thưởng.", [
                        ("Đối tượng", "có", "Chọn \"tập thể\" hoặc \"cá nhân\".", "cá nhân"),
                        ("Tên", "có", "Tên đầy đủ của đơn vị (tập thể) hoặc họ tên (cá nhân).",
                         "Nguyễn Thị Thu Trang"),
                        ("Chức vụ", "với cá nhân", "Chức vụ của cá nhân; để trống với tập thể.",
                         "Công chức Văn phòng - Thống kê"),
                        ("Mã đơn vị", "có", "Mã của đơn vị được khen, hoặc nơi người đó công tác.",
                         "PL"),
                        ("Hình thức", "có", "Hình thức khen thưởng.",
                         "Giấy khen của Chủ tịch UBND quận Long Biên"),
                        ("Thành tích", "không", "Thành tích, viết trong một dòng.",
                         "Hoàn thành xuất sắc nhiệm vụ công tác văn thư, lưu trữ năm 2020"),
                        ("Mức thưởng", "không", "Tiền thưởng kèm theo, ghi số đồng; quyết định "
                         "khen thưởng cộng tổng và viết bằng chữ. Để trống nếu không có.",
                         "447.000"),
                        ("Quyết định", "không", "Chọn \"có\" hoặc \"không\": cấp có thẩm quyền "
                         "có quyết định khen thưởng đề nghị này không. Để trống là có; dòng "
                         "\"không\" không vào quyết định và giấy khen.", "có"),
                    ]),
    "Văn bản": (False, "Thể thức ban hành từng loại văn bản, mỗi loại một dòng. Loại văn bản "
                "không có dòng nào thì chương trình vẫn tạo, lấy đơn vị cụm trưởng làm cơ quan "
                "ban hành, và có cảnh báo. Ô nhiều dòng (Alt+Enter) là danh sách, mỗi dòng một "
                "mục.", [
                    ("Văn bản", "có", "Loại văn bản, chọn trong danh sách: " + ", ".join(
                        f'"{label}"' for label in document_labels().values()) + ". "
                     + " ".join(f'{k.label.capitalize()} dùng dòng "{document_labels()[k.row]}".'
                                for k in registry.KINDS if k.row), "Tờ trình đề nghị khen thưởng"),
                    ("Cơ quan chủ quản", "không", "Cơ quan cấp trên của cơ quan ban hành; có thể "
                     "để trống.", "UBND QUẬN LONG BIÊN"),
                    ("Cơ quan ban hành", "có (trừ tin bài)", "Cơ quan ban hành văn bản.",
                     "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"),
                    ("Viết tắt", "có (trừ tin bài)", "Chữ viết tắt tên cơ quan ban hành, dùng "
                     "trong ký hiệu văn bản.", "UBND"),
                    ("Địa danh", "có (trừ tin bài)", "Địa danh ghi ở dòng ngày tháng.",
                     "Phúc Lợi"),
                    ("Số", "không", "Số văn bản; để trống thì chừa chỗ để văn thư ghi số.", "45"),
                    ("Ngày", "không", "Ngày ban hành; để trống thì lấy ngày họp cụm. Với tin bài "
                     "là ngày và giờ đăng tin (ví dụ 18/8/2020 16:17; ô chỉ hiện ngày nhưng giờ "
                     "vẫn được giữ).", "18/8/2020"),
                    ("Thẩm quyền", "không", "Các dòng thẩm quyền ký phía trên chức vụ, mỗi dòng "
                     "một ý (Alt+Enter để xuống dòng).", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"),
                    ("Chức vụ ký", "không", "Chức vụ của người ký.", "PHÓ CHỦ TỊCH"),
                    ("Người ký", "không", "Họ tên người ký; với tin bài là tác giả tin bài.",
                     "Phạm Hoài Nam"),
                    ("Kính gửi", "không", "Nơi được kính gửi (tờ trình), mỗi dòng một nơi.",
                     "Hội đồng Thi đua - Khen thưởng quận Long Biên"),
                    ("Nơi nhận", "không", "Nơi nhận, mỗi dòng một nơi; dòng \"Lưu: VT, …\" để "
                     "cuối.", "Như trên;\nPhòng Nội vụ quận Long Biên;\nLưu: VT, VP."),
                    ("Căn cứ thẩm quyền", "không", "Căn cứ giao thẩm quyền cho cơ quan ban hành "
                     "quyết định, mỗi dòng một căn cứ (ví dụ quyết định quy định chức năng, nhiệm "
                     "vụ của sở). Để trống với Ủy ban nhân dân: dùng Luật Tổ chức chính quyền địa "
                     "phương có hiệu lực vào ngày quyết định.",
                     "Quyết định số …/QĐ-UBND ngày … của UBND thành phố Hà Nội"),
                ]),
    "Ảnh": (False, "Ảnh đăng kèm tin bài. Tải các tệp ảnh (JPEG hoặc PNG) lên cùng bảng tính "
            "ở trang của đợt (hoặc chép vào thư mục anh của đợt). Ảnh chưa có thì tin bài vẫn "
            "được tạo, không có ảnh đó, kèm một cảnh báo.", [
                ("Tệp", "có", "Tên tệp ảnh đúng như khi tải lên (hoặc trong thư mục anh).",
                 "hop-cum.jpg"),
                ("Chú thích", "không", "Chú thích dưới ảnh.",
                 "Cụm thi đua số 1 họp chấm điểm, bình xét thi đua năm 2020"),
            ]),
}

SUMMARY = {
    "Chung": "Thông tin chung của đợt: cụm, lĩnh vực, năm, ngày kiểm tra, cuộc họp cụm.",
    "Đơn vị": "Các đơn vị thành viên của cụm.",
    "Tiêu chí": "Các tiêu chí chấm điểm và điểm tối đa.",
    "Chấm điểm": "Điểm tự chấm, điểm đoàn chấm và điểm cụm chấm của từng đơn vị theo từng "
                 "tiêu chí.",
    "Xếp loại": "Thang xếp loại (đã điền sẵn thang mặc định).",
    "Người": "Những người có tên trong văn bản và vai trò của họ.",
    "Lịch kiểm tra": "Đơn vị nào kiểm tra đơn vị nào, vào lúc nào.",
    "Nhận xét": "Ưu điểm, hạn chế, kiến nghị của từng đơn vị.",
    "Khen thưởng": "Tập thể, cá nhân được đề nghị khen thưởng.",
    "Văn bản": "Số, ngày, cơ quan ban hành, người ký… của từng loại văn bản.",
    "Ảnh": "Ảnh đăng kèm tin bài.",
}

HOW_TO = [
    "Bảng tính này là mẫu trống để nhập số liệu của một đợt thi đua (một cụm, một năm). Điền "
    "xong, lưu lại (kiểu Excel .xlsx), rồi hoặc mở trang Văn bản thi đua, gõ tên đợt, chọn "
    "bảng tính và bấm \"Tải lên và tạo văn bản\"; hoặc chép bảng tính vào thư mục của đợt "
    "trong thư mục dùng chung, đặt tên du-lieu.xlsx. Văn bản được tạo sau ít giây.",
    "Muốn xem một đợt đã điền đủ, tải \"bảng tính mẫu\" ở trang đầu của trang Văn bản thi "
    "đua (tệp du-lieu-mau.xlsx); đừng tải bảng tính mẫu lên làm dữ liệu thật.",
    "Giữ nguyên tên các trang tính và chữ ở dòng tiêu đề (dòng 1) của từng trang. Có thể thêm "
    "trang hoặc cột khác; chương trình bỏ qua những gì nó không dùng. Trang \"Hướng dẫn\" này "
    "cũng được bỏ qua.",
    "Mỗi dòng dưới tiêu đề là một mục; dòng trống được bỏ qua. Các ô có danh sách thả xuống "
    "(vai trò, loại nhận xét, đối tượng khen thưởng, quyết định, loại văn bản, buổi kiểm tra) "
    "chỉ nhận giá trị trong danh sách. Ô mã đơn vị, mã tiêu chí gợi ý các mã đã nhập ở trang "
    "\"Đơn vị\", \"Tiêu chí\".",
    "Ngày ghi theo thứ tự ngày/tháng/năm (14/8/2020) hoặc nhập ô ngày của Excel; ngày giờ ghi "
    "17/8/2020 14:00. Giờ có thể ghi 14:00, 14h00, 14 giờ 00. Số thập phân dùng dấu phẩy (9,5).",
    "Ô nhiều dòng (Alt+Enter để xuống dòng trong ô) là danh sách, mỗi dòng một mục.",
    "Tiêu đề cột màu đậm là cột bắt buộc; màu nhạt là cột không bắt buộc. Rê chuột vào ô tiêu "
    "đề để xem giải thích. Trang bắt buộc: " + ", ".join(REQUIRED_SHEETS) + "; các trang khác "
    "không bắt buộc.",
    "Nếu số liệu có sai sót, trang web (và tệp LOI.txt trong thư mục văn bản của đợt) liệt kê "
    "từng lỗi, ghi rõ trang, dòng, cột và ô cần sửa. Văn bản cần số liệu sai chưa được tạo "
    "lại; văn bản đã có từ trước được giữ và ghi rõ là bản cũ.",
    "Điểm tự chấm có thể lấy từ biểu tự chấm: trang của đợt có nút \"Tải biểu tự chấm điểm "
    "gửi các đơn vị\" (mỗi đơn vị một biểu bieu-tu-cham-<mã>.xlsx); đơn vị điền rồi gửi lại; "
    "tải các biểu đó lên ở ô \"Biểu tự chấm các đơn vị gửi lại\" (hoặc chép vào thư mục "
    "tu-cham của đợt) thì không cần ghi cột \"Tự chấm\" ở trang \"Chấm điểm\".",
]

EXTRAS = [
    ("Cột \"Đoàn chấm\" ở trang \"Chấm điểm\"", "Cột thêm: điểm đoàn kiểm tra chấm tại buổi "
     "kiểm tra (in vào biên bản kiểm tra); biên bản họp cụm ghi rõ điểm nào cuộc họp đã sửa."),
    ("Cột \"Kết thúc\" ở trang \"Lịch kiểm tra\"", "Cột thêm (không có trong mẫu gốc): giờ kết "
     "thúc buổi kiểm tra, in vào biên bản kiểm tra; để trống thì biên bản chừa \"… giờ … phút\" "
     "để viết tay."),
    ("Trang \"Ghi chú\"", "Trang thêm, không bắt buộc; chương trình không đọc trang này. Dùng để "
     "ghi nguồn số liệu hoặc điều cần nhớ (cột \"Nội dung\", \"Nguồn\" chỉ để gợi ý)."),
]

# --------------------------------------------------------------------------- data sheets

WIDTHS = {
    "Chung": [22, 48],
    "Đơn vị": [8, 32, 18],
    "Tiêu chí": [9, 90, 13],
    "Chấm điểm": [12, 13, 11, 11, 50, 11],
    "Xếp loại": [8, 10, 14],
    "Người": [26, 38, 12, 16],
    "Lịch kiểm tra": [22, 18, 18, 18],
    "Nhận xét": [12, 12, 90],
    "Khen thưởng": [12, 26, 32, 12, 42, 62, 12, 11],
    "Văn bản": [18, 22, 36, 9, 12, 8, 16, 24, 16, 20, 44, 36],
    "Ảnh": [26, 90],
}

UNIT_LIST = "'Đơn vị'!$A$2:$A$%d" % LAST
CRITERION_LIST = "'Tiêu chí'!$A$2:$A$%d" % LAST
DATE_MIN, DATE_MAX = "DATE(2000,1,1)", "DATE(2100,12,31)"


def _inline(values) -> str:
    return '"' + ",".join(values) + '"'


def _choices(values) -> str:
    return ", ".join(values)


def _list(values, what: str) -> DataValidation:
    return _validation(
        type="list", formula1=_inline(values),
        prompt=f"Chọn {what} trong danh sách: {_choices(values)}.",
        error=f"Giá trị không có trong danh sách. Chọn {what}: {_choices(values)}.")


def _code_list(formula: str, what: str, sheet: str) -> DataValidation:
    """Codes typed in another sheet; a warning only, so the order of filling is free."""
    return _validation(
        type="list", formula1=formula, errorStyle="warning",
        prompt=f"Chọn hoặc gõ một mã đã có ở trang \"{sheet}\".",
        error=f"Mã này chưa có ở trang \"{sheet}\". Kiểm tra lại {what}, hoặc thêm mã vào "
              f"trang \"{sheet}\" trước.")


def _decimal(minimum: int, operator: str, prompt: str) -> DataValidation:
    bound = "lớn hơn" if operator == "greaterThan" else "lớn hơn hoặc bằng"
    return _validation(
        type="decimal", operator=operator, formula1=str(minimum), prompt=prompt,
        error=f"Cần một số {bound} {minimum}. Số thập phân dùng dấu phẩy (9,5); nếu máy dùng "
              "dấu chấm thập phân thì gõ 9.5.")


def _date(with_time: bool, prompt: str) -> DataValidation:
    example = "17/8/2020 14:00" if with_time else "14/8/2020"
    return _validation(
        type="date", operator="between", formula1=DATE_MIN, formula2=DATE_MAX, prompt=prompt,
        error=f"Cần một ngày{' giờ' if with_time else ''} từ năm 2000 đến 2100, ghi theo thứ tự "
              f"ngày/tháng/năm, ví dụ {example}.")


def _validation(type: str, prompt: str, error: str, **kwargs) -> DataValidation:
    dv = DataValidation(type=type, allow_blank=True, showInputMessage=True,
                        showErrorMessage=True, **kwargs)
    dv.promptTitle = "Hướng dẫn nhập"
    dv.prompt = prompt[:255]
    dv.errorTitle = "Giá trị chưa đúng"
    dv.error = error[:255]
    return dv


def _column_rules(sheet: str) -> dict[str, tuple[DataValidation | None, str | None]]:
    """Column header -> (validation, number format) for a data sheet."""
    unit = _code_list(UNIT_LIST, "mã đơn vị", "Đơn vị")
    rules: dict[str, dict[str, tuple[DataValidation | None, str | None]]] = {
        "Đơn vị": {"Mã": (None, TEXT_FMT)},
        "Tiêu chí": {"Mã": (None, TEXT_FMT),
                     "Điểm tối đa": (_decimal(0, "greaterThan", "Điểm tối đa của tiêu chí, lớn "
                                              "hơn 0. Nhóm: bằng tổng các tiêu chí con."), None)},
        "Chấm điểm": {"Mã đơn vị": (unit, TEXT_FMT),
                      "Mã tiêu chí": (_code_list(CRITERION_LIST, "mã tiêu chí", "Tiêu chí"),
                                      TEXT_FMT),
                      "Tự chấm": (_decimal(0, "greaterThanOrEqual", "Điểm đơn vị tự chấm, từ 0 "
                                           "đến điểm tối đa của tiêu chí."), None),
                      "Đoàn chấm": (_decimal(0, "greaterThanOrEqual", "Điểm đoàn kiểm tra chấm "
                                             "tại buổi kiểm tra, từ 0 đến điểm tối đa."), None),
                      "Cụm chấm": (_decimal(0, "greaterThanOrEqual", "Điểm cụm chấm tại cuộc "
                                            "họp cụm, từ 0 đến điểm tối đa; để trống nếu chưa "
                                            "họp."), None)},
        "Xếp loại": {"Điểm từ": (_decimal(0, "greaterThanOrEqual", "Tổng điểm thấp nhất để đạt "
                                          "loại này; loại thấp nhất ghi 0."), None)},
        "Người": {"Mã đơn vị": (unit, TEXT_FMT), "Vai trò": (_list(ROLES, "vai trò"), None)},
        "Lịch kiểm tra": {
            "Đơn vị được kiểm tra": (unit, TEXT_FMT),
            "Đơn vị kiểm tra": (_code_list(UNIT_LIST, "mã đơn vị", "Đơn vị"), TEXT_FMT),
            "Thời gian": (_date(True, "Ngày và giờ bắt đầu kiểm tra, ví dụ 14/8/2020 14:00."),
                          DATETIME_FMT),
            "Kết thúc": (_date(True, "Ngày và giờ kết thúc kiểm tra, ví dụ 14/8/2020 16:00; để "
                               "trống thì biên bản chừa chỗ viết tay."), DATETIME_FMT)},
        "Nhận xét": {"Mã đơn vị": (unit, TEXT_FMT),
                     "Loại": (_list(FINDING_KINDS, "loại nhận xét"), None)},
        "Khen thưởng": {"Đối tượng": (_list(AWARD_KINDS, "đối tượng"), None),
                        "Mã đơn vị": (unit, TEXT_FMT),
                        "Mức thưởng": (_validation(
                            type="whole", operator="greaterThanOrEqual", formula1="0",
                            prompt="Tiền thưởng kèm theo, số đồng, ví dụ 447000.",
                            error="Cần số đồng (số nguyên, không âm), ví dụ 447000."), "#,##0"),
                        "Quyết định": (_list(tuple(GRANTED), "có hoặc không"), None)},
        "Văn bản": {"Văn bản": (_list(tuple(document_labels().values()), "loại văn bản"),
                                None),
                    "Số": (None, TEXT_FMT),
                    "Ngày": (_date(False, "Ngày ban hành, ví dụ 18/8/2020; để trống thì lấy ngày "
                                   "họp cụm. Tin bài: ngày và giờ đăng."), DATE_FMT)},
    }
    return rules.get(sheet, {})


def _general_rules() -> dict[str, tuple[DataValidation | None, str | None]]:
    """Mục of `Chung` -> (validation, number format) for its `Giá trị` cell."""
    return {
        "Năm": (_validation(type="whole", operator="between", formula1="2000", formula2="2100",
                            prompt="Năm thi đua, bốn chữ số, ví dụ 2020.",
                            error="Cần một năm có bốn chữ số, từ 2000 đến 2100."), "0"),
        "Đơn vị cụm trưởng": (_code_list(UNIT_LIST, "mã đơn vị", "Đơn vị"), TEXT_FMT),
        "Ngày kiểm tra": (_date(False, "Ngày kiểm tra thực tế, ví dụ 14/8/2020."), DATE_FMT),
        "Buổi kiểm tra": (_list(PARTS_OF_DAY, "buổi kiểm tra"), None),
        "Bắt đầu họp": (_date(True, "Ngày và giờ bắt đầu họp cụm, ví dụ 17/8/2020 14:00."),
                        DATETIME_FMT),
        "Kết thúc họp": (_date(True, "Ngày và giờ kết thúc họp cụm, ví dụ 17/8/2020 16:30."),
                         DATETIME_FMT),
        "Hạn nộp tự chấm": (_date(True, "Hạn gửi biểu tự chấm, ví dụ 10/8/2020 17:00."),
                            DATETIME_FMT),
    }


def _header(ws: Worksheet, headers: list[str], required: set[str], widths: list[int],
            notes: dict[str, str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL if cell.value in required else OPTIONAL_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if notes.get(cell.value):
            cell.comment = _comment(notes[cell.value])
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 40 + 18 * (len(text) // 45 + 1)
    return comment


def _data_sheet(book: Workbook, name: str) -> Worksheet:
    ws = book.create_sheet(name)
    schema = SCHEMAS[name]
    _, _, columns = SHEET_GUIDE[name]
    notes = {column: f"{meaning} Ví dụ: {example.replace(chr(10), ' / ')}"
             for column, _, meaning, example in columns}
    required = {c.header for c in schema if c.required}
    _header(ws, [c.header for c in schema], required, WIDTHS[name], notes)
    rules = _column_rules(name)
    for index, col in enumerate(schema, start=1):
        letter = get_column_letter(index)
        validation, number_format = rules.get(col.header, (None, None))
        if validation is not None:
            if validation not in ws.data_validations.dataValidation:
                ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST}")
        if number_format is not None:
            for row in range(2, LAST + 1):
                ws.cell(row, index).number_format = number_format
    return ws


def _fill_general(ws: Worksheet) -> None:
    rules = _general_rules()
    for row, label in enumerate(GENERAL, start=2):
        needed, meaning, example = GENERAL_GUIDE[label]
        cell = ws.cell(row, 1, label)
        cell.comment = _comment(f"{meaning} Bắt buộc: {needed}. Ví dụ: {example}")
        cell.alignment = Alignment(vertical="top")
        if needed == "có":
            cell.font = BOLD
        validation, number_format = rules.get(label, (None, None))
        value = ws.cell(row, 2)
        value.alignment = WRAP_TOP
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(value.coordinate)
        if number_format is not None:
            value.number_format = number_format


def _fill_grades(ws: Worksheet) -> None:
    for grade in DEFAULT_GRADES:
        ws.append([grade.label, int(grade.min), grade.name])


# --------------------------------------------------------------------------- the guide

def _height(texts: list[tuple[str, int]]) -> float:
    """A row height fitting wrapped texts: (text, column width in characters)."""
    lines = 1
    for text, width in texts:
        count = sum(max(1, -(-len(part) // max(width - 2, 1))) for part in text.split("\n"))
        lines = max(lines, count)
    return 15 * lines + 3


GUIDE_WIDTHS = [26, 16, 72, 44]


def _paragraph(ws: Worksheet, text: str, font: Font | None = None) -> None:
    ws.append([text])
    row = ws.max_row
    ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=len(GUIDE_WIDTHS))
    cell = ws.cell(row, 1)
    cell.alignment = WRAP_TOP
    if font is not None:
        cell.font = font
    ws.row_dimensions[row].height = _height([(text, sum(GUIDE_WIDTHS))])


def _table(ws: Worksheet, header: list[str], rows: list[tuple[str, ...]]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values in rows:
        ws.append(list(values))
        row = ws.max_row
        for cell in ws[row]:
            cell.border = BOX
            cell.alignment = WRAP_TOP
        ws.cell(row, 1).font = BOLD
        ws.row_dimensions[row].height = _height(list(zip(values, GUIDE_WIDTHS)))


def _guide(book: Workbook) -> None:
    ws = book.active
    ws.title = GUIDE
    for i, width in enumerate(GUIDE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _paragraph(ws, "HƯỚNG DẪN NHẬP SỐ LIỆU THI ĐUA (BẢNG TÍNH du-lieu.xlsx)", TITLE)
    ws.row_dimensions[1].height = 24
    ws.append([])
    _paragraph(ws, "Cách dùng", HEADING)
    for number, text in enumerate(HOW_TO, start=1):
        _paragraph(ws, f"{number}. {text}")
    ws.append([])
    _paragraph(ws, "Các trang tính", HEADING)
    _table(ws, ["Trang", "Bắt buộc?", "Dùng để", "Các cột"],
           [(name, "có" if needed else "không", SUMMARY[name],
             ", ".join(column for column, *_ in columns))
            for name, (needed, _, columns) in SHEET_GUIDE.items()])
    for name, (needed, purpose, columns) in SHEET_GUIDE.items():
        ws.append([])
        _paragraph(ws, f"Trang \"{name}\" ({'bắt buộc' if needed else 'không bắt buộc'})",
                   HEADING)
        _paragraph(ws, purpose)
        _table(ws, ["Cột", "Bắt buộc?", "Ý nghĩa", "Ví dụ"], columns)
        if name == "Chung":
            ws.append([])
            _paragraph(ws, "Các mục của trang \"Chung\" (cột \"Mục\"):", BOLD)
            _table(ws, ["Mục", "Bắt buộc?", "Ý nghĩa", "Ví dụ"],
                   [(label, *GENERAL_GUIDE[label]) for label in GENERAL])
    ws.append([])
    _paragraph(ws, "Phần thêm của chương trình (ngoài mẫu gốc)", HEADING)
    _table(ws, ["Phần thêm", "Bắt buộc?", "Ý nghĩa", ""],
           [(what, "không", meaning, "") for what, meaning in EXTRAS])
    ws.sheet_view.showGridLines = False


# --------------------------------------------------------------------------- printing

def _print_settings(ws: Worksheet) -> None:
    """A4, one page wide (as many pages down as needed), the header row on every page, page
    numbers in the footer. The guide is read on paper too: landscape keeps its text large."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&A – trang &P/&N"
    if ws.title != GUIDE:
        ws.print_title_rows = "1:1"


# --------------------------------------------------------------------------- writing

def blank_workbook() -> Workbook:
    book = Workbook()
    _guide(book)
    for name in SCHEMAS:
        ws = _data_sheet(book, name)
        if name == "Chung":
            _fill_general(ws)
        elif name == "Xếp loại":
            _fill_grades(ws)
    notes = book.create_sheet(NOTES)
    _header(notes, ["Nội dung", "Nguồn"], set(), [100, 45], {})
    for ws in book.worksheets:
        _print_settings(ws)
    book.active = 0
    book.properties.title = "Mẫu trống: dữ liệu một đợt thi đua"
    book.properties.creator = AUTHOR
    return book


def write_blank_workbook(path: Path) -> None:
    """Write the blank workbook (every contract sheet, the guide, validations) to `path`."""
    book = blank_workbook()
    no_formulas(book)  # it holds none: any text that looks like one stays text
    save_workbook(book, Path(path))
