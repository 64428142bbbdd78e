from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frameworks.library import LibraryError, Problem
from frameworks.models import Criterion, Framework, FrameworkVersion
from frameworks.services import LoadState, framework_load_outcome


class ImportLibraryFileForm(forms.Form):
    file = forms.FileField(
        label=_("Library file (YAML)"),
        help_text=_("A framework library file; see frameworks/library/FORMAT.md."),
    )


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "title", "title_cy"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "created_at"]
    search_fields = ["title", "slug"]
    readonly_fields = ["slug", "title"]

    def has_add_permission(self, request) -> bool:
        return False  # frameworks arrive only as library files


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "framework", "created_at", "loaded_by", "export_link"]
    list_filter = ["framework"]
    list_select_related = ["framework", "loaded_by"]
    inlines = [CriterionInline]
    change_list_template = "admin/frameworks/frameworkversion_change_list.html"
    fields = [
        "framework",
        "version",
        "title",
        "title_cy",
        "published",
        "description",
        "description_cy",
        "source_sha256",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a loaded version never changes

    @admin.display(description="Export")
    def export_link(self, obj: FrameworkVersion) -> str:
        url = reverse("admin:frameworks_frameworkversion_export", args=[obj.pk])
        return format_html('<a href="{}">Download YAML</a>', url)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="frameworks_frameworkversion_import",
            ),
            path(
                "<int:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="frameworks_frameworkversion_export",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("frameworks.add_frameworkversion"):
            messages.error(request, gettext("You do not have permission to import frameworks."))
            return redirect("admin:frameworks_frameworkversion_changelist")
        form = ImportLibraryFileForm(request.POST or None, request.FILES or None)
        problems: list[Problem] = []
        if request.method == "POST" and form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8")
                version, state = framework_load_outcome(text=text, by=request.user)
            except UnicodeDecodeError:
                problems = [Problem(0, "The file is not UTF-8 text.")]
            except LibraryError as exc:
                problems = exc.problems
            else:
                if state == LoadState.LOADED:
                    messages.success(request, gettext("Loaded %(version)s.") % {"version": version})
                elif state == LoadState.WELSH_UPDATED:
                    messages.success(
                        request,
                        gettext("%(version)s was already loaded; its Welsh updated.")
                        % {"version": version},
                    )
                else:
                    messages.info(
                        request,
                        gettext("%(version)s was already loaded; nothing changed.")
                        % {"version": version},
                    )
                return redirect("admin:frameworks_frameworkversion_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a framework library file",
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/frameworks/import.html", context)

    def export_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(FrameworkVersion, pk=pk)
        response = HttpResponse(version.source_text, content_type="application/yaml; charset=utf-8")
        filename = f"{version.framework.slug}-{version.version}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
