"""The dashboard's filters, as the page renders and reads them (GET: a filtered view has its URL)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Field, Procedure
from motcua.org.models import Agency, UnitLevel
from motcua.reports.periods import KINDS, LONGEST_DAYS, Period, period_of


class DashboardFilters(forms.Form):
    # The period the page reports when none is asked (this month), shown as chosen in the form.
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=KINDS, required=False, initial="month")
    date = forms.DateField(
        label=_("Ngày trong kỳ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agency = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Tất cả đơn vị được xem"),
    )
    level = forms.ChoiceField(
        label=_("Cấp"), required=False, choices=[("", _("Mọi cấp")), *UnitLevel.choices]
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.none(), required=False, empty_label=_("Mọi lĩnh vực")
    )
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.none(), required=False, empty_label=_("Mọi thủ tục")
    )

    def __init__(self, data, *, agency_ids: set[int]):
        super().__init__(data)
        self.fields["agency"].queryset = Agency.objects.filter(id__in=agency_ids).order_by("name")
        procedures = Procedure.objects.filter(agencies__id__in=agency_ids).distinct()
        self.fields["procedure"].queryset = procedures.order_by("code")
        self.fields["field"].queryset = (
            Field.objects.filter(procedures__in=procedures).distinct().order_by("name")
        )

    def clean(self):
        data = super().clean()
        kind = data.get("period") or "month"
        today = timezone.localdate()
        if kind == "custom":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Kỳ tùy chọn cần cả ngày bắt đầu và ngày kết thúc."))
            if end < start:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days + 1 > LONGEST_DAYS:
                self.add_error("end", _("Kỳ tùy chọn dài nhất ba năm."))
            else:
                data["the_period"] = period_of(kind, today, start, end)
        else:
            data["the_period"] = period_of(kind, data.get("date") or today)
        return data

    def chosen_period(self) -> Period:
        """The period asked for, or this month when the filters were wrong (the page says why)."""
        if self.is_valid() and "the_period" in self.cleaned_data:
            return self.cleaned_data["the_period"]
        return period_of("month", timezone.localdate())
