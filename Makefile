# Văn bản thi đua: from inputs/<campaign>/du-lieu.xlsx to outputs/<campaign>/.
# Real file targets: a second run with nothing changed does nothing, and a
# changed workbook or template rebuilds only what depends on it.

PYTHON   ?= python3
VENV     ?= .venv
INPUTS   ?= inputs
OUTPUTS  ?= outputs
CAMPAIGN ?=
TEMPLATES ?= templates_docx

BIN      := $(VENV)/bin
VANBAN   := $(BIN)/vanban
READY    := $(VENV)/.installed
CODE     := $(wildcard pipeline/*.py pipeline/*/*.py)

# Every folder of $(INPUTS) holding du-lieu.xlsx (or chung.csv) is a campaign.
FOUND     := $(sort $(patsubst $(INPUTS)/%/,%,$(dir $(wildcard $(INPUTS)/*/du-lieu.xlsx $(INPUTS)/*/chung.csv))))
CAMPAIGNS := $(if $(CAMPAIGN),$(CAMPAIGN),$(FOUND))
data       = $(wildcard $(INPUTS)/$(1)/du-lieu.xlsx $(INPUTS)/$(1)/*.csv $(INPUTS)/$(1)/tu-cham/*.xlsx)

BUILD = $(VANBAN) build --inputs '$(INPUTS)' --outputs '$(OUTPUTS)' --templates '$(TEMPLATES)' --campaign '$*'

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.SECONDEXPANSION:
.PHONY: help all minutes plan proposal test clean distclean templates

help: ## Liệt kê các lệnh
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(READY): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

all: minutes plan proposal ## Mọi văn bản của mọi đợt

plan: $(foreach c,$(CAMPAIGNS),$(OUTPUTS)/$(c)/ke-hoach.docx) ## Kế hoạch kiểm tra chéo

proposal: $(foreach c,$(CAMPAIGNS),$(OUTPUTS)/$(c)/to-trinh-khen-thuong.docx) ## Tờ trình đề nghị khen thưởng

minutes: $(foreach c,$(CAMPAIGNS),$(OUTPUTS)/$(c)/bien-ban-hop-cum.docx $(OUTPUTS)/$(c)/.bien-ban-kiem-tra.done) ## Biên bản kiểm tra và biên bản họp cụm của mọi đợt

$(OUTPUTS)/%/bien-ban-hop-cum.docx: $$(call data,$$*) $(TEMPLATES)/bien-ban-hop-cum.docx $(CODE) | $(READY)
	$(BUILD) --doc bien-ban-hop-cum

$(OUTPUTS)/%/ke-hoach.docx: $$(call data,$$*) $(TEMPLATES)/ke-hoach.docx $(CODE) | $(READY)
	$(BUILD) --doc ke-hoach

$(OUTPUTS)/%/to-trinh-khen-thuong.docx: $$(call data,$$*) $(TEMPLATES)/to-trinh.docx $(CODE) pipeline/data/can-cu-khen-thuong.csv | $(READY)
	$(BUILD) --doc to-trinh

# One file per inspected unit: the set depends on the workbook, so a stamp stands for it.
$(OUTPUTS)/%/.bien-ban-kiem-tra.done: $$(call data,$$*) $(TEMPLATES)/bien-ban-kiem-tra.docx $(CODE) | $(READY)
	$(BUILD) --doc bien-ban-kiem-tra
	@touch $@

test: $(READY) ## Chạy bộ kiểm thử
	$(BIN)/python -m pytest

templates: $(READY) ## (Lập trình viên) dựng lại templates_docx/ từ tools/build_templates.py
	$(BIN)/python tools/build_templates.py

clean: ## Xóa mọi văn bản đã tạo trong outputs/
	find '$(OUTPUTS)' -mindepth 1 ! -name .gitkeep -delete

distclean: clean ## Xóa cả môi trường Python (.venv)
	rm -rf $(VENV)
