from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evidence.models import EvidenceItem


@admin.register(EvidenceItem)
class EvidenceItemAdmin(SimpleHistoryAdmin):
    """For support only. Files are not linked here: they are served only by the download view."""

    list_display = ["title", "organisation", "kind", "effective_date", "valid_until", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["title", "organisation__name", "original_filename", "sha256"]
    list_select_related = ["organisation"]
    exclude = ["file"]
    readonly_fields = [
        "code",
        "organisation",
        "kind",
        "original_filename",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
    ]
    autocomplete_fields = ["owner"]
