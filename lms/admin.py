from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import LearnerProfile, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["name_ru", "name_kk", "kind", "member_count"]
    list_filter = ["kind"]
    search_fields = ["name_ru", "name_kk"]


@admin.register(LearnerProfile)
class LearnerProfileAdmin(admin.ModelAdmin):
    # Profiles are created with their user; here they are only edited.
    list_display = ["user", "organisation", "category", "administered_organisation"]
    list_filter = ["category"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["organisation", "administered_organisation"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False


admin.site.register(User, UserAdmin)
