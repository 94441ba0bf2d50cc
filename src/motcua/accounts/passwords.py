"""Password rules, with messages written in Vietnamese like every other string of the project
(Django's own catalogue leaves some of them in English) and a check for one's own name written
without its diacritics ("Lê Thị Hoa" → "lethihoa2026")."""

from __future__ import annotations

import re

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.core.text import fold


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self):
        # Django fills in min_length; Vietnamese has no plural forms.
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")

    def get_help_text(self):
        return _("Mật khẩu có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán.")

    def get_help_text(self):
        return _("Không dùng mật khẩu phổ biến.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return _("Mật khẩu không chỉ gồm chữ số.")


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    """Django's similarity check, plus: the name, identifier or phone (at least 4 letters or
    digits, diacritics and spaces dropped) written inside the password."""

    def validate(self, password, user=None):
        super().validate(password, user)
        if user is None:
            return
        folded_password = _letters_and_digits(password)
        for attribute in self.user_attributes:
            value = _letters_and_digits(str(getattr(user, attribute, "") or ""))
            if len(value) >= 4 and value in folded_password:
                raise ValidationError(self.get_error_message(), code="password_too_similar", params={})

    def get_error_message(self):
        return _("Mật khẩu quá giống họ tên, số định danh, thư điện tử hoặc số điện thoại của tài khoản.")

    def get_help_text(self):
        return _("Mật khẩu không được giống thông tin cá nhân của bạn.")
