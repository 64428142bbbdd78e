"""Python files whose interface text is not marked for translation yet (issue 18, Welsh).

tests/test_translations.py fails on a literal a person would read (tests/i18n_python_scan.py
says which) in any Python file not listed here, and on a listed file that has become fully
translated: this list only shrinks. Mark the text with gettext (CONTRIBUTING.md, "Translating
into Welsh") and take the file off the list.
"""

UNTRANSLATED_PYTHON: frozenset[str] = frozenset([])
