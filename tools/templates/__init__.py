"""The Word templates' layouts, one module per kind (named as the kind's module in
pipeline/documents/, the registry's `module`) and one for the yearly summary; `blocks` holds
the Decree 30 page, styles and the pieces they share. Each module's `build()` returns the
python-docx Document that tools/build_templates.py saves into templates_docx/."""
