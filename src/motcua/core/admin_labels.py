"""Vietnamese words in the admin for fields whose model has no verbose name of its own.

A field without ``verbose_name`` shows its code name ("PREVIOUS DUE AT", "PROCEDURE") as a
column header, a form label and a read-only label. Giving the model a verbose name is the
proper fix and needs a migration of that app; until the app takes it, an admin lists the
words in ``field_labels`` and this mixin uses them wherever the admin would show the name:
list columns, form fields (inlines too) and read-only fields.
"""

from __future__ import annotations

from django.contrib.admin.utils import display_for_field, lookup_field

LABELLED = "_labelled_"  # prefix of the display functions standing in for labelled fields


class FieldLabels:
    field_labels: dict = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.field_labels:
            formfield.label = self.field_labels[db_field.name]
        return formfield

    def _labelled(self, name: str):
        """A display function with the field's Vietnamese label (and its ordering, for lists)."""
        attribute = LABELLED + name
        if not hasattr(self, attribute):
            field = self.model._meta.get_field(name)

            def show(obj, _field=field, _name=name, _admin=self):
                _f, _attr, value = lookup_field(_name, obj, _admin)
                if getattr(_field, "is_relation", False) and not getattr(_field, "many_to_many", False):
                    return str(value) if value is not None else _admin.get_empty_value_display()
                return display_for_field(value, _field, _admin.get_empty_value_display())

            show.short_description = self.field_labels[name]
            show.admin_order_field = name
            setattr(self, attribute, show)
        return attribute

    def _swap(self, names):
        return [self._labelled(n) if isinstance(n, str) and n in self.field_labels else n for n in names]

    def get_list_display(self, request):
        return self._swap(super().get_list_display(request))

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return self._swap(links) if links else links

    def get_exclude(self, request, obj=None):
        # A labelled read-only field is shown by its display function: keep the field itself off the form.
        originals = [n for n in super().get_readonly_fields(request, obj) if n in self.field_labels]
        return [*(super().get_exclude(request, obj) or []), *originals] or None

    def get_readonly_fields(self, request, obj=None):
        return self._swap(super().get_readonly_fields(request, obj))

    def get_fields(self, request, obj=None):
        readonly = set(super().get_readonly_fields(request, obj))
        return [
            self._labelled(n) if n in readonly and n in self.field_labels else n
            for n in super().get_fields(request, obj)
        ]

    def get_fieldsets(self, request, obj=None):
        if not self.fieldsets:
            return super().get_fieldsets(request, obj)
        readonly = set(super().get_readonly_fields(request, obj))
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        self._labelled(n) if n in readonly and n in self.field_labels else n
                        for n in options["fields"]
                    ],
                },
            )
            for title, options in super().get_fieldsets(request, obj)
        ]
