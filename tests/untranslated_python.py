"""Python files whose interface text is not marked for translation yet (issue 18, Welsh).

tests/test_translations.py fails on a literal a person would read (tests/i18n_python_scan.py
says which) in any Python file not listed here, and on a listed file that has become fully
translated: this list only shrinks. Mark the text with gettext (CONTRIBUTING.md, "Translating
into Welsh") and take the file off the list.
"""

UNTRANSLATED_PYTHON: frozenset[str] = frozenset(
    [
        "accounts/models.py",
        "api/forms.py",
        "api/models.py",
        "api/serializers.py",
        "api/services.py",
        "api/views/keys.py",
        "core/secret_links.py",
        "core/uploads.py",
        "frameworks/admin.py",
        "frameworks/forms.py",
        "frameworks/models.py",
        "frameworks/views.py",
        "portfolio/forms.py",
        "portfolio/views.py",
        "reminders/forms.py",
        "reminders/models.py",
        "reminders/views.py",
        "sso/forms.py",
        "sso/models.py",
        "sso/views.py",
        "tenancy/views/members.py",
        "tenancy/views/profile.py",
        "tenancy/views/support.py",
        "training/forms.py",
        "training/models.py",
        "training/services.py",
        "training/views/courses.py",
        "training/views/staff.py",
    ]
)
