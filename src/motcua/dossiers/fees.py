"""Phí, lệ phí at the counter: what the catalogue says is due, and what was collected when the
result was handed over ("Trả kết quả, thu phí, lệ phí").

The collection is recorded in one place: the ``fee`` of the ``returned`` event in the dossier's
append-only history (amount in integer đồng, receipt number, cash or transfer). Pages, the
hand-over record and reports read it through ``collected_fee``; the counter's form goes through
``read_collected_fee``. Kept this small on purpose: the payments app (issue 14) takes collection
over from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalogue.models import Procedure
from motcua.core.errors import ValidationFailed
from motcua.core.money import format_vnd
from motcua.dossiers.models import Dossier

MAX_AMOUNT = 10**12  # đồng: beyond any fee of the catalogue, a typing mistake


class Method(models.TextChoices):
    CASH = "cash", gettext_lazy("Tiền mặt")
    TRANSFER = "transfer", gettext_lazy("Chuyển khoản")


@dataclass(frozen=True)
class FeeLine:
    name: str
    kind: str  # "Phí" or "Lệ phí"
    amount: int


@dataclass(frozen=True)
class FeeDue:
    lines: list[FeeLine]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def fee_due(procedure: Procedure) -> FeeDue:
    """The fees and charges of the procedure (catalogue), integer đồng."""
    return FeeDue(
        [FeeLine(fee.name, str(fee.get_kind_display()), int(fee.amount)) for fee in procedure.fees.all()]
    )


@dataclass(frozen=True)
class CollectedFee:
    amount: int
    receipt_number: str = ""
    method: str = ""

    @property
    def method_label(self) -> str:
        return str(Method(self.method).label) if self.method in Method.values else ""

    def as_data(self) -> dict:
        return {"amount": self.amount, "receipt_number": self.receipt_number, "method": self.method}

    def summary(self) -> str:
        """One line for the history and the hand-over record, in Vietnamese (a legal record)."""
        if not self.amount:
            return "Không thu phí, lệ phí"
        return (
            f"Thu phí, lệ phí {format_vnd(self.amount).replace(' đ', ' đồng')}, "
            f"{'tiền mặt' if self.method == Method.CASH else 'chuyển khoản'}, biên lai số {self.receipt_number}"
        )


_AMOUNT = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")


def read_collected_fee(*, amount: str, receipt_number: str, method: str, due: int) -> CollectedFee:
    """The counter's form as a collected fee; every mistake named at once (ValidationFailed)."""
    errors: dict[str, list[str]] = {}
    text = (amount or "").strip().removesuffix("đồng").removesuffix("đ").strip()
    receipt_number = (receipt_number or "").strip()
    if not text:
        value = 0
        if due:
            errors["amount"] = [_("Nhập số tiền phí, lệ phí đã thu (đồng); ghi 0 nếu không thu.")]
    elif not _AMOUNT.fullmatch(text):
        value = 0
        errors["amount"] = [_("Số tiền là số nguyên đồng, không âm (ví dụ 800.000).")]
    else:
        value = int(re.sub(r"[.,\s]", "", text))
        if value > MAX_AMOUNT:
            errors["amount"] = [_("Số tiền quá lớn.")]
    if value:
        if not receipt_number:
            errors["receipt_number"] = [_("Nhập số biên lai thu phí, lệ phí.")]
        elif len(receipt_number) > 50:
            errors["receipt_number"] = [_("Số biên lai dài tối đa 50 ký tự.")]
        if method not in Method.values:
            errors["method"] = [_("Chọn hình thức thu: tiền mặt hoặc chuyển khoản.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return CollectedFee(value, receipt_number if value else "", method if value else "")


def collected_fee(dossier: Dossier) -> CollectedFee | None:
    """What was collected when the result was returned (``None`` before, or when nothing was recorded)."""
    event = dossier.events.filter(kind="returned").order_by("-seq").first()
    data = (event.data or {}).get("fee") if event else None
    if not data:
        return None
    return CollectedFee(
        int(data.get("amount") or 0), str(data.get("receipt_number") or ""), str(data.get("method") or "")
    )
