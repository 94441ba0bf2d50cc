"""Forms of the portal (parsing only: the services decide what is valid and say why)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.feedback.models import Feedback
from motcua.org.selectors import active_agencies


class _PasswordTwiceForm(forms.Form):
    """A new password, typed twice."""

    password = forms.CharField(
        label=_("Mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Hai lần nhập mật khẩu không khớp."))
        return data


class _SignUpForm(_PasswordTwiceForm):
    """Contact details and the password twice, shared by the citizen's and the business's sign-up."""

    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )


class ActivationForm(_PasswordTwiceForm):
    """A walk-in applicant sets the password of the account the counter created for them.

    Besides the number printed on the receipt, a second factor: the one-time code sent
    to the phone or e-mail given at the counter, or the activation code printed on the
    receipt with the birth date (``accounts.activation``).
    """

    field_order = ["identifier", "code", "birth_date"]

    identifier = forms.CharField(
        label=_("Số định danh cá nhân hoặc mã số thuế của người nộp"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("Mã xác nhận"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh của người nộp"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày sinh không hợp lệ (ngày/tháng/năm).")},
    )


class ActivationCodeRequestForm(forms.Form):
    """The first step of activation: the number, to send a one-time code to the contact given at the counter."""

    identifier = ActivationForm.base_fields["identifier"]


class CitizenSignUpForm(_SignUpForm):
    field_order = ["personal_id", "full_name", "birth_date", "sex", "phone", "email", "address"]

    personal_id = forms.CharField(
        label=_("Số định danh cá nhân (12 số trên thẻ căn cước)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    full_name = forms.CharField(label=_("Họ, chữ đệm và tên"), max_length=255)
    birth_date = forms.DateField(
        label=_("Ngày sinh"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày sinh không hợp lệ (ngày/tháng/năm).")},
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"), choices=[("male", _("Nam")), ("female", _("Nữ"))], widget=forms.RadioSelect
    )
    address = forms.CharField(label=_("Địa chỉ thường trú"), max_length=255, required=False)


class BusinessSignUpForm(_SignUpForm):
    field_order = ["tax_code", "name", "phone", "email", "address"]

    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    name = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ trụ sở"), max_length=255, required=False)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Feedback.Kind.choices, widget=forms.RadioSelect)
    dossier_code = forms.CharField(label=_("Mã hồ sơ liên quan (nếu có)"), max_length=64, required=False)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan nhận"),
        queryset=active_agencies().order_by("kind", "name"),
        required=False,
        empty_label=_("— Theo mã hồ sơ, hoặc chọn cơ quan —"),
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}), max_length=6000)
    sender_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    sender_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    sender_email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)


def apply_errors(form: forms.Form, fields: dict) -> None:
    """Put a service's per-field messages on the form's fields (others on the form itself)."""
    for name, messages in fields.items():
        target = name if name in form.fields else None
        for message in messages if isinstance(messages, list | tuple) else [messages]:
            form.add_error(target, str(message))
