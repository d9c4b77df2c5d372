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
RENDER   ?=
FINAL    ?=
KIND     ?=
YEAR     ?=
DATE     ?=
BENCH_CAMPAIGNS ?= 500
FORCE    ?=
# The web page's address: only `make serve HOST=… PORT=…` changes it (a shell's own
# HOST variable does not).
HOST     := 127.0.0.1
PORT     := 8000

BIN      := $(VENV)/bin
VANBAN   := $(BIN)/vanban
READY    := $(VENV)/.installed
# One queue per make process ($$PPID of $(shell) is make): two goals started at once
# never share (or delete) each other's queue, and a killed run's queue is never read.
QUEUE    := $(OUTPUTS)/.hang-doi-$(shell echo $$PPID)
# Any value in single quotes for the shell, whatever quotes it holds.
sq        = '$(subst ','\'',$(1))'

# No built-in rules: Make makes no input, template or code file, and would otherwise try
# each of them against every built-in pattern (2,000 campaigns: seconds of nothing).
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

# What Make needs from Python comes from one module, pipeline/makeproto.py, asked once
# before anything is built, with the environment's own Python once it exists (started
# without site: it needs only the standard library), else the system's.
MAKEPY   := $(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) -S
# Folders whose path holds spaces (/srv/chia se/inputs, a Samba share): Make's rules and
# wildcards see a link without spaces to the same folder (pipeline/makepaths.py); every
# command still gets the real path, quoted.
makepath  = $(if $(word 2,$(1)),$(shell $(MAKEPY) -m pipeline.makepaths $(call sq,$(1))),$(1))
MK_INPUTS    := $(call makepath,$(INPUTS))
MK_OUTPUTS   := $(call makepath,$(OUTPUTS))
MK_TEMPLATES := $(call makepath,$(TEMPLATES))
# Every folder of $(INPUTS) holding du-lieu.xlsx (or chung.csv) is a campaign; only names
# safe for Make and the shell get here (the module names the others, and says why a
# CAMPAIGN= or INPUTS= gives nothing to build, when a goal builds documents: ERROR then
# makes the goal fail).
PROTOCOL := $(shell $(MAKEPY) -m pipeline.makeproto make --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) --campaign $(call sq,$(CAMPAIGN)) --goals $(call sq,$(MAKECMDGOALS)))
said      = $(patsubst $(1):%,%,$(filter $(1):%,$(PROTOCOL)))
# The document kinds of the registry, one word each: slug|group|target|templates|photos.
KINDS    := $(call said,kind)
GROUPS   := $(call said,group)
# A document depends on its campaign's files and folders, its templates (and photos), and
# the code: the newest code file stands for all of it.
INPUT_FILES   := $(call said,input)
INPUT_FOLDERS := $(call said,folder)
PHOTOS   := $(call said,photos)
CODE     := $(call said,code)
INPUT_ERROR := $(filter --vanban-error--,$(PROTOCOL))
CAMPAIGNS := $(filter-out kind:% group:% input:% folder:% photos:% code:% --vanban-error--,$(PROTOCOL))

# Names with spaces or parentheses (IMG 0001.jpg, bieu (1).xlsx) split into words Make cannot
# use: only whole existing files are kept, and the folders stand for what was added or removed.
# Looked up once per campaign (DATA.<campaign>, PHOTOS.<campaign>), not once per kind.
data       = $(or $(DATA.$(1)),$(eval DATA.$(1) := $(call data_of,$(1)))$(DATA.$(1)))
data_of    = $(wildcard $(wildcard $(addprefix $(MK_INPUTS)/$(1)/,$(INPUT_FILES)))) $(wildcard $(addprefix $(MK_INPUTS)/$(1)/,$(INPUT_FOLDERS)))
photos     = $(or $(PHOTOS.$(1)),$(eval PHOTOS.$(1) := $(call photos_of,$(1)))$(PHOTOS.$(1)))
photos_of  = $(wildcard $(wildcard $(MK_INPUTS)/$(1)/$(PHOTOS)/*)) $(wildcard $(MK_INPUTS)/$(1)/$(PHOTOS))
each       = $(foreach c,$(CAMPAIGNS),$(MK_OUTPUTS)/$(c)/$(1))
field     = $(word $(2),$(subst |, ,$(1)))
comma    := ,
# Build what the recipes below queued, then forget the queue; fail when the inputs asked
# for could not all be built (pipeline/makeproto.py said why).
# Nothing queued (and nothing wrong with the inputs): say so, rather than print nothing.
UP_TO_DATE := Văn bản đã mới nhất: dữ liệu, ảnh và mẫu không đổi từ lần tạo trước, không có gì phải tạo lại.
RUN_QUEUE = status=0; if [ -s $(call sq,$(QUEUE)) ]; then \
	  $(VANBAN) build --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) --templates $(call sq,$(TEMPLATES)) --queue $(call sq,$(QUEUE)); \
	  status=$$?; : > $(call sq,$(QUEUE)); fi; \
	  $(if $(filter $@,$(lastword $(MAKECMDGOALS))),$(if $(INPUT_ERROR),,[ -e $(call sq,$(QUEUE)) ] || echo $(call sq,$(UP_TO_DATE));) rm -f $(call sq,$(QUEUE));) \
	  $(if $(INPUT_ERROR),status=1;) exit $$status
queue = @mkdir -p $(call sq,$(OUTPUTS)) && printf '%s\n' $(call sq,$* $(1)) >> $(call sq,$(QUEUE))

.DEFAULT_GOAL := help
.SECONDEXPANSION:
.PHONY: help all $(GROUPS) summary pdf check-format check-templates blank forms watch serve hostile bench bench-web lint test test-fast clean distclean templates system-deps lock

help: ## Liệt kê các lệnh
	@echo "  make all              Mọi văn bản của mọi đợt"
	@$(MAKEPY) -m pipeline.makeproto help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# The dependencies come pinned with their hashes from requirements.lock (make lock writes
# it from pyproject.toml); the project itself is then installed without touching them.
$(READY): pyproject.toml requirements.lock
	@echo "Cài đặt lần đầu (hoặc sau khi cập nhật chương trình): tải các thư viện cần dùng vào $(VENV)/;"
	@echo "cần kết nối mạng tới kho thư viện Python (PyPI), mất khoảng một phút."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Lỗi: không tạo được môi trường $(VENV)/. Trên Debian/Ubuntu hãy cài gói python3-venv (sudo apt install python3-venv) rồi chạy lại." >&2; exit 1; }
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@echo "Đã cài xong."
	@touch $@

# Resolved on PyPI itself (not a local mirror), for every Python the project supports.
LOCK_FROM := --no-config --universal --python-version 3.10
lock: ## (Lập trình viên) Cập nhật requirements.lock (phiên bản và mã băm) từ pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv>=0.4'
	printf 'setuptools>=68\n' | $(BIN)/uv pip compile $(LOCK_FROM) --generate-hashes --extra test \
	  $(UPGRADE) --output-file requirements.lock pyproject.toml -

# One rule per kind: its target depends on the campaign's data, its templates (and photos),
# and the code; an out-of-date target queues "<campaign> <kind>". Each group (make plan,
# make minutes, …) is every target of its kinds, then one build of the queue.
define KIND_RULES
$(call field,$(1),1)_TARGETS := $$(call each,$(call field,$(1),3))
ALL_TARGETS += $$($(call field,$(1),1)_TARGETS)
$(call field,$(1),2)_TARGETS += $$($(call field,$(1),1)_TARGETS)
$$(MK_OUTPUTS)/%/$(call field,$(1),3): $$$$(call data,$$$$*) $(if $(filter 1,$(call field,$(1),5)),$$$$(call photos,$$$$*)) $(addprefix $$(MK_TEMPLATES)/,$(subst $(comma), ,$(call field,$(1),4))) $$(CODE)
	$$(call queue,$(call field,$(1),1))
endef
$(foreach k,$(KINDS),$(eval $(call KIND_RULES,$(k))))

define GROUP_RULE
$(1): $$($(1)_TARGETS) | $$(READY)
	@$$(RUN_QUEUE)
endef
$(foreach g,$(GROUPS),$(eval $(call GROUP_RULE,$(g))))

all: $(ALL_TARGETS) | $(READY)
	@$(RUN_QUEUE)

summary: | $(READY) ## Báo cáo tổng hợp các cụm của một năm: make summary YEAR=2020 [DATE=20/12/2020]
	@test -n $(call sq,$(YEAR)) || { echo 'Lỗi: ghi năm cần tổng hợp, ví dụ: make summary YEAR=2020' >&2; exit 2; }
	@$(VANBAN) summary --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) --templates $(call sq,$(TEMPLATES)) --year $(call sq,$(YEAR)) $(if $(DATE),--date $(call sq,$(DATE)))

pdf: | $(READY) ## Chuyển văn bản đã tạo (mới hoặc vừa sửa) sang PDF
	@$(VANBAN) pdf --outputs $(call sq,$(OUTPUTS)) $(foreach c,$(CAMPAIGN),--campaign $(call sq,$(c)))

# FILES as typed: names with spaces are matched to the files that exist (or quote them,
# FILES="'van ban 1.docx' b.docx"); nothing reaches the shell unquoted. RENDER=1 adds the
# checks of the page laid out by LibreOffice; FINAL=1 wants number and date filled in;
# KIND=ke-hoach names the kind of a document the checker cannot tell.
check-format: | $(READY) ## Kiểm tra thể thức: make check-format FILES="a.docx b.docx" [RENDER=1] (mặc định: mọi văn bản đã tạo)
	@$(VANBAN) check-format $(if $(filter 1 yes true,$(RENDER)),--render) $(if $(filter 1 yes true,$(FINAL)),--final) \
	  $(if $(KIND),--kind $(call sq,$(KIND))) $(if $(strip $(FILES)),--files $(call sq,$(FILES)),--outputs $(call sq,$(OUTPUTS)))

blank: | $(READY) ## Bảng tính trống outputs/du-lieu-trong.xlsx kèm hướng dẫn, và bảng tính mẫu đã điền
	@$(VANBAN) blank --out $(call sq,$(OUTPUTS)/du-lieu-trong.xlsx)

forms: | $(READY) ## Biểu tự chấm điểm gửi các đơn vị: outputs/<đợt>/bieu-tu-cham-<mã>.xlsx
	@$(VANBAN) forms --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) $(foreach c,$(CAMPAIGN),--campaign $(call sq,$(patsubst %/,%,$(c))))

watch: | $(READY) ## Theo dõi inputs/: tự tạo văn bản khi có bảng tính, ảnh, biểu mới (Ctrl-C để dừng)
	@$(VANBAN) watch --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) --templates $(call sq,$(TEMPLATES))

serve: | $(READY) ## Trang web http://127.0.0.1:8000 để tải dữ liệu lên, xem lỗi, tải văn bản (HOST=, PORT=)
	@$(VANBAN) serve --inputs $(call sq,$(INPUTS)) --outputs $(call sq,$(OUTPUTS)) --templates $(call sq,$(TEMPLATES)) --host $(call sq,$(HOST)) --port $(call sq,$(PORT))

check-templates: | $(READY) ## Kiểm tra các mẫu Word trong templates_docx/ (sau khi sửa mẫu)
	@$(VANBAN) check-templates --templates $(call sq,$(TEMPLATES))

system-deps: ## (Debian/Ubuntu, quyền root) Cài LibreOffice, phông Liberation 2 và poppler-utils
	apt-get update
	apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 poppler-utils

# ruff check (pyflakes, pycodestyle, bugbear), the import-linter contracts (the stages in
# order, the document modules independent) and vulture, configured in pyproject.toml.
lint: $(READY) ## (Lập trình viên) Kiểm tra mã nguồn: ruff, thứ tự các tầng (lint-imports), mã thừa (vulture)
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture

test: $(READY) lint ## Chạy bộ kiểm thử (hai tiến trình song song, như test-fast), sau make lint
	$(BIN)/python -m pytest -n 2

test-fast: $(READY) ## Chạy nhanh bộ kiểm thử (bỏ các bài chậm, LibreOffice, make)
	$(BIN)/python -m pytest -n 2 -m "not slow and not libreoffice and not make" -q

hostile: $(READY) ## (Lập trình viên) Bộ tấn công thử: mỗi bài là một cách tấn công, dòng cuối đếm số bị chặn
	$(BIN)/python -m pytest -m hostile -q -p no:cacheprovider

bench: | $(READY) ## (Lập trình viên) Đo hiệu năng trên lô giả lập BENCH_CAMPAIGNS=500 đợt
	$(BIN)/python -m tools.bench --campaigns $(BENCH_CAMPAIGNS)

bench-web: | $(READY) ## (Lập trình viên) Đo thời gian từ lúc tải lên / thả bảng tính vào đến lúc có văn bản
	$(BIN)/python tools/bench_web.py

# A template edited by hand since the builder last wrote it stops the build (nothing is
# written); FORCE=1 overwrites it. The record is templates_docx/.builder-hashes.json.
templates: $(READY) ## (Lập trình viên) dựng lại templates_docx/ từ tools/build_templates.py (FORCE=1: ghi đè mẫu đã sửa tay)
	$(BIN)/python -m tools.build_templates --out $(call sq,$(TEMPLATES)) $(if $(filter-out 0,$(FORCE)),--force)

clean: ## Xóa mọi văn bản đã tạo trong outputs/
	find $(call sq,$(OUTPUTS)) -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## Xóa cả môi trường Python (.venv)
	rm -rf $(VENV)
