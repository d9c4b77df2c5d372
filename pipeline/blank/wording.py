"""What the blank workbook's guide says, in plain Vietnamese for staff who never see a
terminal: each `Chung` item, each sheet and column with an example, how to use the workbook,
and the columns and sheets an office may add."""

from __future__ import annotations

from .. import kinds as registry
from ..contract import (
    REQUIRED_SHEETS,
    document_labels,
)

# --------------------------------------------------------------------------- wording

# Mục of `Chung`: label -> (bắt buộc?, ý nghĩa, ví dụ); the same labels and order as GENERAL.
GENERAL_GUIDE = {
    "Tên cụm": ("có", "Tên cụm thi đua.", "Cụm thi đua số 1"),
    "Lĩnh vực": (
        "có",
        "Lĩnh vực công tác được chấm điểm, viết chữ thường như khi đứng giữa câu.",
        "công tác văn thư, lưu trữ",
    ),
    "Năm": ("có", "Năm thi đua (bốn chữ số).", "2020"),
    "Cấp trên": (
        "có",
        "Cơ quan cấp trên đã ban hành kế hoạch thi đua và quyết định khen thưởng.",
        "UBND quận Long Biên",
    ),
    "Loại đơn vị": (
        "không",
        'Các đơn vị thành viên là gì: phường, xã, đơn vị… Để trống thì chương trình viết là "đơn vị".',
        "phường",
    ),
    "Đơn vị cụm trưởng": ("có", 'Mã của đơn vị cụm trưởng (mã ghi ở cột "Mã" của trang "Đơn vị").', "PL"),
    "Căn cứ kế hoạch": (
        "không",
        "Văn bản mà đợt thi đua thực hiện theo. Chỉ ghi khi đợt này không theo kế hoạch do chương trình tạo ra.",
        "Văn bản số 155/NV-VTLT ngày 25/9/2018 của Phòng Nội vụ quận Long Biên",
    ),
    "Ngày kiểm tra": (
        "có",
        "Ngày đi kiểm tra thực tế tại các đơn vị (nếu kiểm tra nhiều ngày thì ghi ngày đầu tiên).",
        "14/8/2020",
    ),
    "Buổi kiểm tra": ("không", 'Buổi đi kiểm tra: chọn "sáng" hoặc "chiều" (dùng khi viết văn bản).', "chiều"),
    "Bắt đầu họp": ("có", "Ngày và giờ bắt đầu cuộc họp cụm chấm điểm, bình xét.", "17/8/2020 14:00"),
    "Kết thúc họp": ("có", "Ngày và giờ kết thúc cuộc họp cụm (sau giờ bắt đầu).", "17/8/2020 16:30"),
    "Địa điểm họp": ("có", "Nơi họp cụm.", "trụ sở UBND phường Phúc Lợi"),
    "Hạn nộp tự chấm": (
        "không",
        "Hạn các đơn vị gửi biểu tự chấm qua đường dẫn riêng (ngày "
        "và giờ; chỉ ghi ngày thì hạn là hết ngày đó); quá hạn thì đường dẫn "
        "báo đã hết hạn.",
        "10/8/2020 17:00",
    ),
    "Đoàn chấm theo Cụm chấm": (
        "không",
        'Ghi "có" nếu điểm đoàn kiểm tra chấm tại buổi '
        'kiểm tra chính là điểm cụm chấm: khi cột "Đoàn chấm" để '
        "trống, biên bản kiểm tra in điểm cụm chấm. Để trống thì biên bản "
        "kiểm tra chừa cột điểm đoàn chấm để đoàn ghi tay.",
        "có",
    ),
}

ROLE_TEXT = (
    'chọn trong danh sách: "chủ trì", "thư ký", "thành viên" (dự họp cụm); '
    '"trưởng đoàn", "đoàn kiểm tra" (đoàn đi kiểm tra đơn vị khác); "đại diện" '
    "(người đại diện đơn vị được kiểm tra)."
)

# Sheet -> (bắt buộc?, what it is for, [(column, bắt buộc?, ý nghĩa, ví dụ)]).
# The columns are exactly the headers of validate.SCHEMAS, in the same order.
SHEET_GUIDE: dict[str, tuple[bool, str, list[tuple[str, str, str, str]]]] = {
    "Chung": (
        True,
        "Các thông tin chung của đợt thi đua, mỗi mục một dòng. Các mục đã ghi sẵn "
        'ở cột "Mục" (giữ nguyên chữ); chỉ điền cột "Giá trị". Mục không bắt buộc thì '
        "có thể để trống. Rê chuột vào tên mục để xem giải thích.",
        [
            ("Mục", "có", "Tên mục (đã ghi sẵn, xem bảng các mục ngay dưới).", "Tên cụm"),
            ("Giá trị", "tùy mục", "Giá trị của mục.", "Cụm thi đua số 1"),
        ],
    ),
    "Đơn vị": (
        True,
        "Các đơn vị thành viên của cụm, mỗi đơn vị một dòng. Thứ tự các dòng là thứ tự các đơn vị trong văn bản.",
        [
            (
                "Mã",
                "có",
                "Mã ngắn của đơn vị, không trùng nhau, chỉ gồm chữ cái không dấu "
                "và chữ số. Các trang khác dùng mã này để chỉ đơn vị.",
                "PL",
            ),
            ("Tên đơn vị", "có", "Tên đầy đủ như viết trong văn bản.", "UBND phường Phúc Lợi"),
            ("Tên ngắn", "có", "Tên gọn dùng trong danh sách và trong câu văn.", "Phúc Lợi"),
        ],
    ),
    "Tiêu chí": (
        True,
        "Các tiêu chí chấm điểm theo thứ bậc: mã 1, 1.1, 1.2, 2… Dòng có tiêu "
        "chí con là nhóm: điểm tối đa của nhóm phải bằng tổng điểm tối đa các tiêu chí "
        "con. Chỉ chấm điểm cho tiêu chí không có tiêu chí con.",
        [
            ("Mã", "có", "Mã tiêu chí (ô dạng chữ, nên 1.10 vẫn là 1.10).", "1.1"),
            (
                "Nội dung",
                "có",
                "Nội dung tiêu chí như in trong văn bản.",
                "Ban hành kế hoạch công tác văn thư, lưu trữ năm 2020",
            ),
            ("Điểm tối đa", "có", "Điểm tối đa của tiêu chí, lớn hơn 0.", "5"),
        ],
    ),
    "Chấm điểm": (
        True,
        "Điểm của từng đơn vị theo từng tiêu chí con, mỗi đơn vị đủ mọi tiêu chí "
        "con, mỗi tiêu chí một dòng. Điểm từ 0 đến điểm tối đa của tiêu chí. Tổng điểm "
        "tính theo điểm cụm chấm nếu có, nếu không thì theo điểm tự chấm.",
        [
            ("Mã đơn vị", "có", 'Mã của đơn vị (ở trang "Đơn vị").', "PL"),
            ("Mã tiêu chí", "có", 'Mã của một tiêu chí con (ở trang "Tiêu chí").', "1.1"),
            (
                "Tự chấm",
                "có, trừ khi đơn vị gửi biểu tự chấm",
                "Điểm đơn vị tự chấm. Có thể để trống nếu đơn vị đã gửi biểu tự chấm "
                "(bieu-tu-cham-<mã>.xlsx) và biểu đó đã được tải lên ở trang của đợt "
                "(hoặc chép vào thư mục tu-cham của đợt); nếu ghi ở cả hai nơi thì điểm "
                "phải giống nhau.",
                "4,5",
            ),
            (
                "Cụm chấm",
                "không",
                "Điểm cụm thống nhất tại cuộc họp cụm; để trống nếu "
                "chưa họp. Biên bản, tờ trình và tin bài cần đủ điểm cụm chấm.",
                "4",
            ),
            ("Ghi chú", "không", "Lời ghi chú in bên cạnh điểm.", "Còn một số hồ sơ năm 2018 chưa nộp lưu"),
            (
                "Đoàn chấm",
                "không",
                "Cột thêm: điểm đoàn kiểm tra chấm tại buổi kiểm "
                "tra, in vào biên bản kiểm tra. Đã ghi thì ghi đủ mọi dòng của đơn vị được "
                "kiểm tra. Để trống cả cột thì biên bản kiểm tra chừa cột điểm để đoàn "
                'ghi tay (hoặc in điểm cụm chấm nếu mục "Đoàn chấm theo Cụm chấm" ở '
                'trang "Chung" là "có"). Nếu cuộc họp cụm sửa điểm của đoàn, biên '
                "bản họp cụm ghi rõ từng điểm đã sửa kèm lời ghi chú.",
                "4,5",
            ),
        ],
    ),
    "Xếp loại": (
        False,
        "Thang xếp loại. Trang này đã điền sẵn thang mặc định: A từ 85 điểm "
        "(Xuất sắc), B từ 70 (Tốt), C từ 50 (Khá), D dưới 50 (Trung bình); sửa lại nếu "
        'kế hoạch quy định khác. Loại thấp nhất phải có "Điểm từ" là 0. Nếu xóa trang '
        "này, chương trình dùng thang mặc định nói trên. Các đơn vị bằng điểm thì đồng "
        "hạng (1, 2, 2, 4).",
        [
            ("Loại", "có", "Ký hiệu loại.", "A"),
            ("Điểm từ", "có", "Tổng điểm thấp nhất để đạt loại này (đạt đúng mức này cũng được).", "85"),
            ("Tên", "không", "Tên gọi của loại.", "Xuất sắc"),
        ],
    ),
    "Người": (
        True,
        "Những người có tên trong văn bản. Một người có nhiều vai trò thì ghi mỗi "
        "vai trò một dòng. Cuộc họp cụm cần đúng một người chủ trì và một thư ký.",
        [
            ("Họ tên", "có", "Họ và tên.", "Phạm Hoài Nam"),
            ("Chức vụ", "có", "Chức vụ.", "Phó Chủ tịch UBND phường Phúc Lợi"),
            ("Mã đơn vị", "có", "Mã của đơn vị người đó công tác.", "PL"),
            ("Vai trò", "có", ROLE_TEXT[:1].upper() + ROLE_TEXT[1:], "chủ trì"),
        ],
    ),
    "Lịch kiểm tra": (
        False,
        "Đơn vị nào kiểm tra đơn vị nào, mỗi đơn vị được kiểm tra một dòng. "
        "Một đơn vị không tự kiểm tra mình. Nếu không có trang này (xóa trang đi), "
        "chương trình tự xếp lịch luân phiên: mỗi đơn vị được đơn vị kế tiếp trong "
        'trang "Đơn vị" kiểm tra, đơn vị cuối do đơn vị đầu kiểm tra, cùng vào '
        '"Ngày kiểm tra" ở trang "Chung".',
        [
            ("Đơn vị được kiểm tra", "có", "Mã của đơn vị được kiểm tra.", "PL"),
            ("Đơn vị kiểm tra", "có", "Mã của đơn vị cử người đi kiểm tra.", "VH"),
            (
                "Thời gian",
                "không",
                'Ngày và giờ bắt đầu kiểm tra; để trống thì lấy "Ngày kiểm tra" ở trang "Chung".',
                "14/8/2020 14:00",
            ),
            (
                "Kết thúc",
                "không",
                "Cột thêm của chương trình: giờ kết thúc buổi "
                'kiểm tra, in vào biên bản; để trống thì biên bản chừa "… giờ … '
                'phút" để viết tay.',
                "14/8/2020 16:00",
            ),
        ],
    ),
    "Nhận xét": (
        False,
        "Các nhận xét sau kiểm tra, mỗi nhận xét của một đơn vị một dòng. Nhận "
        "xét giống hệt nhau của nhiều đơn vị được viết gộp một lần, kèm tên các đơn vị, "
        "vì vậy hãy chép nguyên văn khi nhiều đơn vị có chung một nhận xét.",
        [
            ("Mã đơn vị", "có", "Mã của đơn vị được nhận xét.", "PL"),
            ("Loại", "có", 'Chọn trong danh sách: "ưu điểm", "hạn chế", "kiến nghị".', "ưu điểm"),
            ("Nội dung", "có", "Một nhận xét.", "Xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu"),
        ],
    ),
    "Khen thưởng": (
        False,
        "Các tập thể, cá nhân được đề nghị khen thưởng, mỗi đối tượng một "
        "dòng. Đơn vị của người hoặc tập thể được đề nghị nên đạt loại cao nhất (nếu "
        "không, chương trình cảnh báo). Không có trang này thì tờ trình báo thiếu "
        "danh sách khen thưởng.",
        [
            ("Đối tượng", "có", 'Chọn "tập thể" hoặc "cá nhân".', "cá nhân"),
            ("Tên", "có", "Tên đầy đủ của đơn vị (tập thể) hoặc họ tên (cá nhân).", "Nguyễn Thị Thu Trang"),
            ("Chức vụ", "với cá nhân", "Chức vụ của cá nhân; để trống với tập thể.", "Công chức Văn phòng - Thống kê"),
            ("Mã đơn vị", "có", "Mã của đơn vị được khen, hoặc nơi người đó công tác.", "PL"),
            ("Hình thức", "có", "Hình thức khen thưởng.", "Giấy khen của Chủ tịch UBND quận Long Biên"),
            (
                "Thành tích",
                "không",
                "Thành tích, viết trong một dòng.",
                "Hoàn thành xuất sắc nhiệm vụ công tác văn thư, lưu trữ năm 2020",
            ),
            (
                "Mức thưởng",
                "không",
                "Tiền thưởng kèm theo, ghi số đồng; quyết định "
                "khen thưởng cộng tổng và viết bằng chữ. Để trống nếu không có.",
                "447.000",
            ),
            (
                "Quyết định",
                "không",
                'Chọn "có" hoặc "không": cấp có thẩm quyền '
                "có quyết định khen thưởng đề nghị này không. Để trống là có; dòng "
                '"không" không vào quyết định và giấy khen.',
                "có",
            ),
        ],
    ),
    "Văn bản": (
        False,
        "Thể thức ban hành từng loại văn bản, mỗi loại một dòng. Loại văn bản "
        "không có dòng nào thì chương trình vẫn tạo, lấy đơn vị cụm trưởng làm cơ quan "
        "ban hành, và có cảnh báo. Ô nhiều dòng (Alt+Enter) là danh sách, mỗi dòng một "
        "mục.",
        [
            (
                "Văn bản",
                "có",
                "Loại văn bản, chọn trong danh sách: "
                + ", ".join(f'"{label}"' for label in document_labels().values())
                + ". "
                + " ".join(
                    f'{k.label.capitalize()} dùng dòng "{document_labels()[k.row]}".' for k in registry.KINDS if k.row
                ),
                "Tờ trình đề nghị khen thưởng",
            ),
            (
                "Cơ quan chủ quản",
                "không",
                "Cơ quan cấp trên của cơ quan ban hành; có thể để trống.",
                "UBND QUẬN LONG BIÊN",
            ),
            ("Cơ quan ban hành", "có (trừ tin bài)", "Cơ quan ban hành văn bản.", "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"),
            ("Viết tắt", "có (trừ tin bài)", "Chữ viết tắt tên cơ quan ban hành, dùng trong ký hiệu văn bản.", "UBND"),
            ("Địa danh", "có (trừ tin bài)", "Địa danh ghi ở dòng ngày tháng.", "Phúc Lợi"),
            ("Số", "không", "Số văn bản; để trống thì chừa chỗ để văn thư ghi số.", "45"),
            (
                "Ngày",
                "không",
                "Ngày ban hành; để trống thì lấy ngày họp cụm. Với tin bài "
                "là ngày và giờ đăng tin (ví dụ 18/8/2020 16:17; ô chỉ hiện ngày nhưng giờ "
                "vẫn được giữ).",
                "18/8/2020",
            ),
            (
                "Thẩm quyền",
                "không",
                "Các dòng thẩm quyền ký phía trên chức vụ, mỗi dòng một ý (Alt+Enter để xuống dòng).",
                "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
            ),
            ("Chức vụ ký", "không", "Chức vụ của người ký.", "PHÓ CHỦ TỊCH"),
            ("Người ký", "không", "Họ tên người ký; với tin bài là tác giả tin bài.", "Phạm Hoài Nam"),
            (
                "Kính gửi",
                "không",
                "Nơi được kính gửi (tờ trình), mỗi dòng một nơi.",
                "Hội đồng Thi đua - Khen thưởng quận Long Biên",
            ),
            (
                "Nơi nhận",
                "không",
                'Nơi nhận, mỗi dòng một nơi; dòng "Lưu: VT, …" để cuối.',
                "Như trên;\nPhòng Nội vụ quận Long Biên;\nLưu: VT, VP.",
            ),
            (
                "Căn cứ thẩm quyền",
                "không",
                "Căn cứ giao thẩm quyền cho cơ quan ban hành "
                "quyết định, mỗi dòng một căn cứ (ví dụ quyết định quy định chức năng, nhiệm "
                "vụ của sở). Để trống với Ủy ban nhân dân: dùng Luật Tổ chức chính quyền địa "
                "phương có hiệu lực vào ngày quyết định.",
                "Quyết định số …/QĐ-UBND ngày … của UBND thành phố Hà Nội",
            ),
        ],
    ),
    "Ảnh": (
        False,
        "Ảnh đăng kèm tin bài. Tải các tệp ảnh (JPEG hoặc PNG) lên cùng bảng tính "
        "ở trang của đợt (hoặc chép vào thư mục anh của đợt). Ảnh chưa có thì tin bài vẫn "
        "được tạo, không có ảnh đó, kèm một cảnh báo.",
        [
            ("Tệp", "có", "Tên tệp ảnh đúng như khi tải lên (hoặc trong thư mục anh).", "hop-cum.jpg"),
            ("Chú thích", "không", "Chú thích dưới ảnh.", "Cụm thi đua số 1 họp chấm điểm, bình xét thi đua năm 2020"),
        ],
    ),
}

SUMMARY = {
    "Chung": "Thông tin chung của đợt: cụm, lĩnh vực, năm, ngày kiểm tra, cuộc họp cụm.",
    "Đơn vị": "Các đơn vị thành viên của cụm.",
    "Tiêu chí": "Các tiêu chí chấm điểm và điểm tối đa.",
    "Chấm điểm": "Điểm tự chấm, điểm đoàn chấm và điểm cụm chấm của từng đơn vị theo từng tiêu chí.",
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
    'bảng tính và bấm "Tải lên và tạo văn bản"; hoặc chép bảng tính vào thư mục của đợt '
    "trong thư mục dùng chung, đặt tên du-lieu.xlsx. Văn bản được tạo sau ít giây.",
    'Muốn xem một đợt đã điền đủ, tải "bảng tính mẫu" ở trang đầu của trang Văn bản thi '
    "đua (tệp du-lieu-mau.xlsx); đừng tải bảng tính mẫu lên làm dữ liệu thật.",
    "Giữ nguyên tên các trang tính và chữ ở dòng tiêu đề (dòng 1) của từng trang. Có thể thêm "
    'trang hoặc cột khác; chương trình bỏ qua những gì nó không dùng. Trang "Hướng dẫn" này '
    "cũng được bỏ qua.",
    "Mỗi dòng dưới tiêu đề là một mục; dòng trống được bỏ qua. Các ô có danh sách thả xuống "
    "(vai trò, loại nhận xét, đối tượng khen thưởng, quyết định, loại văn bản, buổi kiểm tra) "
    "chỉ nhận giá trị trong danh sách. Ô mã đơn vị, mã tiêu chí gợi ý các mã đã nhập ở trang "
    '"Đơn vị", "Tiêu chí".',
    "Ngày ghi theo thứ tự ngày/tháng/năm (14/8/2020) hoặc nhập ô ngày của Excel; ngày giờ ghi "
    "17/8/2020 14:00. Giờ có thể ghi 14:00, 14h00, 14 giờ 00. Số thập phân dùng dấu phẩy (9,5).",
    "Ô nhiều dòng (Alt+Enter để xuống dòng trong ô) là danh sách, mỗi dòng một mục.",
    "Tiêu đề cột màu đậm là cột bắt buộc; màu nhạt là cột không bắt buộc. Rê chuột vào ô tiêu "
    "đề để xem giải thích. Trang bắt buộc: " + ", ".join(REQUIRED_SHEETS) + "; các trang khác "
    "không bắt buộc.",
    "Nếu số liệu có sai sót, trang web (và tệp LOI.txt trong thư mục văn bản của đợt) liệt kê "
    "từng lỗi, ghi rõ trang, dòng, cột và ô cần sửa. Văn bản cần số liệu sai chưa được tạo "
    "lại; văn bản đã có từ trước được giữ và ghi rõ là bản cũ.",
    'Điểm tự chấm có thể lấy từ biểu tự chấm: trang của đợt có nút "Tải biểu tự chấm điểm '
    'gửi các đơn vị" (mỗi đơn vị một biểu bieu-tu-cham-<mã>.xlsx); đơn vị điền rồi gửi lại; '
    'tải các biểu đó lên ở ô "Biểu tự chấm các đơn vị gửi lại" (hoặc chép vào thư mục '
    'tu-cham của đợt) thì không cần ghi cột "Tự chấm" ở trang "Chấm điểm".',
]

EXTRAS = [
    (
        'Cột "Đoàn chấm" ở trang "Chấm điểm"',
        "Cột thêm: điểm đoàn kiểm tra chấm tại buổi "
        "kiểm tra (in vào biên bản kiểm tra); biên bản họp cụm ghi rõ điểm nào cuộc họp đã sửa.",
    ),
    (
        'Cột "Kết thúc" ở trang "Lịch kiểm tra"',
        "Cột thêm (không có trong mẫu gốc): giờ kết "
        'thúc buổi kiểm tra, in vào biên bản kiểm tra; để trống thì biên bản chừa "… giờ … phút" '
        "để viết tay.",
    ),
    (
        'Trang "Ghi chú"',
        "Trang thêm, không bắt buộc; chương trình không đọc trang này. Dùng để "
        'ghi nguồn số liệu hoặc điều cần nhớ (cột "Nội dung", "Nguồn" chỉ để gợi ý).',
    ),
]
