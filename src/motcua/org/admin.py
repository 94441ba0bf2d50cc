from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.org.models import AdministrativeUnit, Agency, Counter, Official, RoleAssignment


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "division_type", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "unit", "hotline", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent", "unit"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "kind", "parent", "unit", "is_active"]}),
        (
            _("Nơi tiếp nhận hồ sơ (hiện trên trang thủ tục và giấy tiếp nhận)"),
            {"fields": ["address", "opening_hours", "hotline", "phone", "email"]},
        ),
    ]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "agency"]
    filter_horizontal = ["serves"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title", "counter"]
    search_fields = ["user__username", "user__full_name"]
    inlines = [RoleAssignmentInline]
