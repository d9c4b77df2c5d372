"""The words the benchmark's synthetic campaigns are drawn from: places (wards, communes,
districts), people's names, the remarks of an inspection, notes on scores."""

from __future__ import annotations

# The lists are kept in rows, as written, not one word a line.
# fmt: off
# --------------------------------------------------------------------------
# Synthetic data: word lists
# --------------------------------------------------------------------------

# (kind of the superior body, its name, kind of the member units, the members' pool)
WARDS = [
    "Phúc Lợi", "Việt Hưng", "Đức Giang", "Giang Biên", "Phúc Đồng", "Ngọc Thụy", "Bồ Đề",
    "Thạch Bàn", "Cự Khối", "Long Biên", "Gia Thụy", "Ngọc Lâm", "Sài Đồng", "Thượng Thanh",
    "Phúc Xá", "Trúc Bạch", "Vĩnh Phúc", "Cống Vị", "Liễu Giai", "Quán Thánh", "Ngọc Hà",
    "Điện Biên", "Đội Cấn", "Kim Mã", "Giảng Võ", "Thành Công", "Hàng Bạc", "Hàng Bồ",
    "Hàng Buồm", "Hàng Đào", "Hàng Gai", "Hàng Mã", "Lý Thái Tổ", "Tràng Tiền", "Chương Dương",
    "Cửa Đông", "Cửa Nam", "Đồng Xuân", "Phan Chu Trinh", "Trần Hưng Đạo", "Văn Miếu",
    "Quốc Tử Giám", "Láng Thượng", "Khâm Thiên", "Thổ Quan", "Nam Đồng", "Trung Phụng",
    "Quang Trung", "Trung Liệt", "Phương Liên", "Kim Liên", "Phương Mai", "Ngã Tư Sở",
    "Khương Thượng", "Trung Tự", "Văn Chương", "Hàng Bột", "Ô Chợ Dừa", "Nghĩa Đô",
    "Nghĩa Tân", "Mai Dịch", "Dịch Vọng", "Dịch Vọng Hậu", "Quan Hoa", "Yên Hòa", "Trung Hòa",
    "Nhân Chính", "Thượng Đình", "Khương Trung", "Khương Mai", "Thanh Xuân Trung", "Phương Liệt",
    "Hạ Đình", "Khương Đình", "Thanh Xuân Bắc", "Thanh Xuân Nam", "Kim Giang", "Hoàng Liệt",
    "Yên Sở", "Vĩnh Hưng", "Định Công", "Đại Kim", "Thịnh Liệt", "Tân Mai", "Tương Mai",
    "Giáp Bát", "Lĩnh Nam", "Trần Phú", "Mai Động", "Bạch Đằng", "Thanh Lương", "Đồng Tâm",
    "Quảng An", "Nhật Tân", "Tứ Liên", "Xuân La", "Phú Thượng", "Bưởi", "Thụy Khuê", "Yên Phụ",
    "Hòa Cường Bắc", "Hòa Cường Nam", "Thạch Thang", "Hải Châu I", "Phước Ninh", "Bình Hiên",
    "An Hải Bắc", "Phước Mỹ", "Mân Thái", "Thọ Quang", "Máy Tơ", "Lạch Tray", "Đằng Giang",
    "Cầu Đất", "Gia Viên", "Đông Khê", "Tân Lập", "Tân An", "An Hòa", "Xuân Khánh", "An Cư",
]
COMMUNES = [
    "Bát Tràng", "Kim Lan", "Văn Đức", "Đa Tốn", "Đông Dư", "Kiêu Kỵ", "Ninh Hiệp", "Phù Đổng",
    "Dương Hà", "Đặng Xá", "Lệ Chi", "Cổ Bi", "Dương Xá", "Phú Thị", "Kim Sơn", "Trung Mầu",
    "Uy Nỗ", "Vân Nội", "Nguyên Khê", "Xuân Nộn", "Thụy Lâm", "Liên Hà", "Việt Hùng",
    "Cổ Loa", "Hải Bối", "Kim Chung", "Võng La", "Đại Mạch", "Tiên Dương", "Vĩnh Ngọc",
    "Bắc Sơn", "Minh Trí", "Hồng Kỳ", "Nam Sơn", "Trung Giã", "Tân Hưng", "Bắc Phú",
    "Tả Thanh Oai", "Hữu Hòa", "Tam Hiệp", "Yên Mỹ", "Vĩnh Quỳnh", "Ngũ Hiệp", "Đông Mỹ",
    "Tản Lĩnh", "Ba Trại", "Minh Quang", "Cam Thượng", "Thụy An", "Phú Sơn", "Vật Lại",
    "Phú Nghĩa", "Trường Yên", "Ngọc Hòa", "Thủy Xuân Tiên", "Tân Tiến", "Đại Yên",
    "Tân An Hội", "Phước Vĩnh An", "Trung An", "Phú Hòa Đông", "Bình Mỹ", "Thái Mỹ",
    "Hòa Bắc", "Hòa Ninh", "Hòa Sơn", "Hòa Phú", "Hòa Phong", "Hòa Châu", "Hòa Tiến",
    "Tiến Thịnh", "Tráng Việt", "Văn Khê", "Chu Phan", "Tam Đồng", "Thạch Đà", "Hoàng Kim",
]
# (kind of the superior body, name, unit kind)
DISTRICTS = [
    ("quận", "Long Biên", "phường"), ("quận", "Ba Đình", "phường"),
    ("quận", "Hoàn Kiếm", "phường"), ("quận", "Đống Đa", "phường"),
    ("quận", "Hai Bà Trưng", "phường"), ("quận", "Cầu Giấy", "phường"),
    ("quận", "Thanh Xuân", "phường"), ("quận", "Hoàng Mai", "phường"),
    ("quận", "Tây Hồ", "phường"), ("quận", "Hà Đông", "phường"),
    ("quận", "Bắc Từ Liêm", "phường"), ("quận", "Nam Từ Liêm", "phường"),
    ("quận", "Hải Châu", "phường"), ("quận", "Sơn Trà", "phường"),
    ("quận", "Ngô Quyền", "phường"), ("quận", "Lê Chân", "phường"),
    ("quận", "Ninh Kiều", "phường"), ("quận", "Bình Thạnh", "phường"),
    ("quận", "Gò Vấp", "phường"), ("thị xã", "Sơn Tây", "phường"),
    ("thành phố", "Thủ Đức", "phường"),
    ("huyện", "Gia Lâm", "xã"), ("huyện", "Đông Anh", "xã"), ("huyện", "Sóc Sơn", "xã"),
    ("huyện", "Thanh Trì", "xã"), ("huyện", "Thanh Oai", "xã"), ("huyện", "Ba Vì", "xã"),
    ("huyện", "Chương Mỹ", "xã"), ("huyện", "Mê Linh", "xã"), ("huyện", "Củ Chi", "xã"),
    ("huyện", "Hòa Vang", "xã"), ("huyện", "Thủy Nguyên", "xã"),
]

HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
      "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Tạ", "Giáp", "Lương", "Trịnh", "Đào", "Mai",
      "Cao", "Chu", "Hà", "Kiều", "Lưu", "Tô", "Nghiêm", "Khổng", "Quách", "Vương", "Thân"]
DEM_NAM = ["Văn", "Đức", "Quốc", "Minh", "Hữu", "Công", "Mạnh", "Quang", "Thanh", "Xuân",
           "Ngọc", "Hoài", "Tuấn", "Trọng", "Đình", "Tiến", "Việt", "Bá", "Duy"]
DEM_NU = ["Thị", "Thị Thanh", "Thị Thu", "Thị Ngọc", "Thị Minh", "Thu", "Ngọc", "Thanh",
          "Thị Kim", "Thị Hồng", "Thị Lan", "Thị Mai", "Thị Phương", "Thị Bích", "Hải"]
TEN_NAM = ["Nam", "Hưng", "Long", "Sơn", "Khánh", "Cường", "Thành", "Vinh", "Đức", "Bình",
           "Dũng", "Hải", "Hùng", "Tuấn", "Trung", "Quân", "Phong", "Thắng", "Tùng", "Hiếu",
           "Hoàng", "Kiên", "Lâm", "Lộc", "Phúc", "Quang", "Tài", "Thịnh", "Toàn", "Việt"]
TEN_NU = ["Nhàn", "Thuần", "Trang", "Hà", "Mai", "Ánh", "Huyền", "Hương", "Lan", "Linh",
          "Hằng", "Hoa", "Hạnh", "Thảo", "Thủy", "Yến", "Vân", "Nga", "Ngân", "Phương",
          "Quỳnh", "Tâm", "Thúy", "Trinh", "Uyên", "Dung", "Giang", "Hiền", "Loan", "Oanh"]

UU_DIEM = [
    "Xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu minh chứng phục vụ kiểm tra",
    "Quan tâm bố trí kinh phí cho việc chỉnh lý tài liệu",
    "Bố trí kho lưu trữ bảo đảm diện tích rộng, thoáng và tương đối đầy đủ trang thiết bị",
    "Ban hành đầy đủ các văn bản chỉ đạo, điều hành; hồ sơ được lưu đầy đủ, khoa học",
    "Ứng dụng tốt phần mềm quản lý văn bản và hồ sơ công việc, chữ ký số",
    "Văn bản ban hành cơ bản đúng thể thức, kỹ thuật trình bày theo quy định",
    "Sổ đăng ký văn bản đi, văn bản đến được cập nhật đầy đủ, kịp thời",
    "Con dấu được quản lý chặt chẽ, đóng dấu đúng quy định",
]
HAN_CHE = [
    "Một số văn bản còn sai sót về thể thức",
    "Chưa thực hiện việc nộp lưu hồ sơ vào lưu trữ cơ quan đúng thời hạn",
    "Còn tài liệu tồn đọng chưa được chỉnh lý",
    "Kho lưu trữ còn chật, thiếu một số trang thiết bị bảo quản tài liệu",
    "Chưa lập danh mục hồ sơ năm {year}",
    "Việc lập hồ sơ công việc của một số bộ phận chưa đầy đủ",
    "Chưa có sổ theo dõi việc sử dụng con dấu và thiết bị lưu khóa bí mật",
    "Báo cáo thống kê công tác văn thư, lưu trữ còn chậm so với thời hạn",
]
KIEN_NGHI = [
    "Tiếp tục bố trí kinh phí chỉnh lý tài liệu tồn đọng",
    "Bố trí, cải tạo kho lưu trữ và bổ sung trang thiết bị bảo quản tài liệu",
    "Đôn đốc các bộ phận nộp lưu hồ sơ vào lưu trữ cơ quan đúng thời hạn",
    "Rà soát, trình bày văn bản đúng thể thức theo Nghị định số 30/2020/NĐ-CP",
    "Ban hành Danh mục hồ sơ năm {year} và lập hồ sơ theo danh mục",
    "Mở sổ theo dõi việc sử dụng con dấu, thiết bị lưu khóa bí mật",
    "Cử công chức tham gia các lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ",
]
GHI_CHU_DIEM = [
    "Còn một số hồ sơ chưa nộp lưu", "Một số văn bản còn sai sót về thể thức",
    "Còn tài liệu tồn đọng chưa được chỉnh lý", "Chưa lập danh mục hồ sơ",
    "Cụm chấm lại theo báo cáo bổ sung", "Kho lưu trữ chưa đủ giá, kệ",
    "Chưa có sổ theo dõi sử dụng con dấu", "Báo cáo thống kê nộp chậm",
]
# (grade, weight, lowest and highest cluster total)
# fmt: on
