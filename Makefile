# Văn bản thi đua: from inputs/<campaign>/du-lieu.xlsx to outputs/<campaign>/.
#
# Every document is a real file target: a second run with nothing changed does
# nothing, and a changed workbook or template rebuilds only what depends on it.
# An out-of-date document's recipe only queues it ("<campaign> <kind>"); the goal
# then builds the whole queue in one process (campaigns in parallel), so a
# national batch pays Python's start-up once, not once per document.

PYTHON   ?= python3
VENV     ?= .venv
INPUTS   ?= inputs
OUTPUTS  ?= outputs
TEMPLATES ?= templates_docx
CAMPAIGN ?=
FILES    ?=
BENCH_CAMPAIGNS ?= 500
# The web page's address: only `make serve HOST=… PORT=…` changes it (a shell's own
# HOST variable does not).
HOST     := 127.0.0.1
PORT     := 8000

BIN      := $(VENV)/bin
VANBAN   := $(BIN)/vanban
READY    := $(VENV)/.installed
CODE     := $(wildcard pipeline/*.py pipeline/*/*.py pipeline/data/*)
QUEUE    := $(OUTPUTS)/.hang-doi

# Every folder of $(INPUTS) holding du-lieu.xlsx (or chung.csv) is a campaign.
FOUND     := $(sort $(patsubst $(INPUTS)/%/,%,$(dir $(wildcard $(INPUTS)/*/du-lieu.xlsx $(INPUTS)/*/chung.csv))))
CAMPAIGNS := $(if $(CAMPAIGN),$(CAMPAIGN),$(FOUND))
data       = $(wildcard $(INPUTS)/$(1)/du-lieu.xlsx $(INPUTS)/$(1)/*.csv $(INPUTS)/$(1)/tu-cham/*.xlsx)
photos     = $(wildcard $(INPUTS)/$(1)/anh/*)
each       = $(foreach c,$(CAMPAIGNS),$(OUTPUTS)/$(c)/$(1))

MINUTES  := $(call each,bien-ban-hop-cum.docx) $(call each,.bien-ban-kiem-tra.done)
PLAN     := $(call each,ke-hoach.docx)
PROPOSAL := $(call each,to-trinh-khen-thuong.docx)
NEWS     := $(call each,tin-bai.html)

# Build what the recipes below queued, then forget the queue.
RUN_QUEUE = if [ -s '$(QUEUE)' ]; then \
	  $(VANBAN) build --inputs '$(INPUTS)' --outputs '$(OUTPUTS)' --templates '$(TEMPLATES)' --queue '$(QUEUE)'; \
	  status=$$?; rm -f '$(QUEUE)'; exit $$status; fi
queue = @mkdir -p '$(OUTPUTS)' && echo '$* $(1)' >> '$(QUEUE)'

.DEFAULT_GOAL := help
.SECONDEXPANSION:
.PHONY: help all minutes plan proposal news pdf check-format check-templates template forms watch serve bench bench-web test clean distclean templates system-deps

help: ## Liệt kê các lệnh
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(READY): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

all: $(MINUTES) $(PLAN) $(PROPOSAL) $(NEWS) | $(READY) ## Mọi văn bản của mọi đợt
	@$(RUN_QUEUE)

minutes: $(MINUTES) | $(READY) ## Biên bản kiểm tra và biên bản họp cụm
	@$(RUN_QUEUE)

plan: $(PLAN) | $(READY) ## Kế hoạch kiểm tra chéo
	@$(RUN_QUEUE)

proposal: $(PROPOSAL) | $(READY) ## Tờ trình đề nghị khen thưởng
	@$(RUN_QUEUE)

news: $(NEWS) | $(READY) ## Tin bài cho cổng thông tin (tin-bai.docx, tin-bai.html)
	@$(RUN_QUEUE)

$(OUTPUTS)/%/bien-ban-hop-cum.docx: $$(call data,$$*) $(TEMPLATES)/bien-ban-hop-cum.docx $(CODE)
	$(call queue,bien-ban-hop-cum)

# One file per inspected unit: the set depends on the workbook, so a stamp
# (written by the build) stands for them.
$(OUTPUTS)/%/.bien-ban-kiem-tra.done: $$(call data,$$*) $(TEMPLATES)/bien-ban-kiem-tra.docx $(CODE)
	$(call queue,bien-ban-kiem-tra)

$(OUTPUTS)/%/ke-hoach.docx: $$(call data,$$*) $(TEMPLATES)/ke-hoach.docx $(CODE)
	$(call queue,ke-hoach)

$(OUTPUTS)/%/to-trinh-khen-thuong.docx: $$(call data,$$*) $(TEMPLATES)/to-trinh.docx $(CODE)
	$(call queue,to-trinh)

# tin-bai.html stands for both files of the article (written together).
$(OUTPUTS)/%/tin-bai.html: $$(call data,$$*) $$(call photos,$$*) $(TEMPLATES)/tin-bai.docx $(TEMPLATES)/tin-bai.html $(CODE)
	$(call queue,tin-bai)

pdf: | $(READY) ## Chuyển văn bản đã tạo (mới hoặc vừa sửa) sang PDF
	@$(VANBAN) pdf --outputs '$(OUTPUTS)' $(if $(CAMPAIGN),--campaign '$(CAMPAIGN)')

check-format: | $(READY) ## Kiểm tra thể thức: make check-format FILES="a.docx b.docx" (mặc định: mọi văn bản đã tạo)
	@$(VANBAN) check-format $(or $(FILES),$(wildcard $(OUTPUTS)/*/*.docx))

template: | $(READY) ## Bảng tính trống outputs/du-lieu-trong.xlsx kèm hướng dẫn
	@$(VANBAN) template --out '$(OUTPUTS)/du-lieu-trong.xlsx'

forms: | $(READY) ## Biểu tự chấm điểm gửi các đơn vị: outputs/<đợt>/bieu-tu-cham-<mã>.xlsx
	@$(VANBAN) forms --inputs '$(INPUTS)' --outputs '$(OUTPUTS)' $(if $(CAMPAIGN),--campaign '$(CAMPAIGN)')

watch: | $(READY) ## Theo dõi inputs/: tự tạo văn bản khi có bảng tính, ảnh, biểu mới (Ctrl-C để dừng)
	@$(VANBAN) watch --inputs '$(INPUTS)' --outputs '$(OUTPUTS)' --templates '$(TEMPLATES)'

serve: | $(READY) ## Trang web http://127.0.0.1:8000 để tải dữ liệu lên, xem lỗi, tải văn bản (HOST=, PORT=)
	@$(VANBAN) serve --inputs '$(INPUTS)' --outputs '$(OUTPUTS)' --templates '$(TEMPLATES)' --host '$(HOST)' --port '$(PORT)'

check-templates: | $(READY) ## Kiểm tra các mẫu Word trong templates_docx/ (sau khi sửa mẫu)
	@$(VANBAN) check-templates --templates '$(TEMPLATES)'

system-deps: ## (Debian/Ubuntu, quyền root) Cài LibreOffice, phông Liberation 2 và poppler-utils
	apt-get update
	apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils

test: $(READY) ## Chạy bộ kiểm thử
	$(BIN)/python -m pytest

bench: | $(READY) ## (Lập trình viên) Đo hiệu năng trên lô giả lập BENCH_CAMPAIGNS=500 đợt
	$(BIN)/python tools/bench.py --campaigns $(BENCH_CAMPAIGNS)

bench-web: | $(READY) ## (Lập trình viên) Đo thời gian từ lúc tải lên / thả bảng tính vào đến lúc có văn bản
	$(BIN)/python tools/bench_web.py

templates: $(READY) ## (Lập trình viên) dựng lại templates_docx/ từ tools/build_templates.py
	$(BIN)/python tools/build_templates.py

clean: ## Xóa mọi văn bản đã tạo trong outputs/
	find '$(OUTPUTS)' -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## Xóa cả môi trường Python (.venv)
	rm -rf $(VENV)
