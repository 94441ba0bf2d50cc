from django.contrib import admin

from motcua.org.models import AdministrativeUnit, Agency, Counter, Official, RoleAssignment


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "division_type", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent", "unit"]


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
