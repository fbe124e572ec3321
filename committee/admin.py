"""Django admin for superusers: a fallback; the secretariat's own pages are the normal way."""

from django.contrib import admin

from committee import models
from committee.forms import ThrottledAdminAuthenticationForm

# /admin/'s sign-in page counts wrong passwords like the app's own.
admin.site.login_form = ThrottledAdminAuthenticationForm


class TopicInline(admin.TabularInline):
    model = models.Topic
    extra = 0


class DaisInline(admin.TabularInline):
    model = models.DaisMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(models.Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "conference", "rules_profile"]
    list_filter = ["conference", "rules_profile"]
    search_fields = ["name", "acronym"]
    inlines = [TopicInline, DaisInline]
    readonly_fields = ["projector_token"]


@admin.register(models.Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "country", "kind", "committee", "sort_key"]
    list_filter = ["committee", "kind"]
    search_fields = ["name", "name_zh"]


@admin.register(models.DaisMembership)
class DaisMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "committee", "role"]
    list_filter = ["committee", "role"]


@admin.register(models.SecretariatMember)
class SecretariatMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "title"]


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["committee", "number", "opened_at", "closed_at"]
    list_filter = ["committee"]


@admin.register(models.DelegationAccess)
class DelegationAccessAdmin(admin.ModelAdmin):
    # Codes are changed with the dais's "New code" button, which also signs phones out.
    list_display = ["delegation", "version", "regenerated_at"]
    readonly_fields = ["delegation", "code", "version", "regenerated_at"]


@admin.register(models.ReferenceDocument)
class ReferenceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "slug", "position"]
