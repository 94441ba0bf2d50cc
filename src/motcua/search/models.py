"""The search index of the procedure catalogue, and the everyday-words list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Procedure


class Synonym(models.Model):
    """Từ đồng nghĩa: an everyday phrase and what the catalogue calls it ("sổ đỏ" →
    "giấy chứng nhận quyền sử dụng đất"), kept by the administrators."""

    phrase = models.CharField(_("cách nói thường ngày"), max_length=200)
    meaning = models.CharField(_("tên gọi trong danh mục thủ tục"), max_length=300)
    field = models.CharField(
        _("lĩnh vực"), max_length=300, blank=True, help_text=_("lĩnh vực mà cách nói này thuộc về (để tra)")
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    # Seeded from the versioned lexicon and not changed since: updated (or removed) with it.
    from_lexicon = models.BooleanField(_("từ bộ từ điển có sẵn"), default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrase"]
        constraints = [models.UniqueConstraint(fields=["phrase", "meaning"], name="synonym_unique")]
        verbose_name = _("từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa")

    def __str__(self):
        return f"{self.phrase} → {self.meaning}"


class SearchEntry(models.Model):
    """One procedure as the search sees it: its texts folded (no diacritics, đ → d).

    On SQLite a full-text table ``search_fts`` (FTS5) mirrors these rows; on
    PostgreSQL a ``vector`` column (tsvector, GIN index) is added by the migration.
    """

    procedure = models.OneToOneField(
        Procedure, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    name = models.TextField(blank=True)
    field_name = models.TextField(blank=True)
    agencies = models.TextField(blank=True)
    documents = models.TextField(blank=True)
    results = models.TextField(blank=True)
    targets = models.TextField(blank=True)
    field_code = models.CharField(max_length=60, blank=True, db_index=True)
    levels = models.CharField(max_length=100, blank=True)  # " commune province "
    agency_codes = models.TextField(blank=True)  # " 000.00.12.H42 000.50.01.H42 "
    online_level = models.CharField(max_length=10, blank=True)
    issuer = models.TextField(blank=True)  # the issuing body, folded: whose version of the procedure
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return self.name[:80]


class IndexVersion(models.Model):
    """A number changed by every change to the index or the synonyms, so each
    process knows when to reload what it keeps in memory."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return str(self.version)


class Channel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công")
    API = "api", _("API")
    ASSISTANT = "assistant", _("Trợ lý ảo")


class QuestionStat(models.Model):
    """Thống kê tìm kiếm: how often a question was asked in a week, found nothing or led
    to no procedure being opened, and which words were corrected — so the synonyms grow
    from real use. Only the folded question is kept (numbers of four digits or more and
    e-mail addresses masked): no user, no address, no time finer than the week."""

    week = models.DateField(_("tuần (thứ Hai)"), db_index=True)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices, default=Channel.PORTAL)
    question = models.CharField(_("câu hỏi (không dấu)"), max_length=300)
    searches = models.PositiveIntegerField(_("số lần hỏi"), default=0)
    no_result = models.PositiveIntegerField(_("số lần không có kết quả"), default=0)
    clicks = models.PositiveIntegerField(_("số lần mở thủ tục"), default=0)
    corrected = models.CharField(_("từ đã sửa"), max_length=300, blank=True)

    class Meta:
        ordering = ["-week", "-searches"]
        constraints = [
            models.UniqueConstraint(fields=["week", "channel", "question"], name="question_stat_unique")
        ]
        verbose_name = _("thống kê câu hỏi")
        verbose_name_plural = _("thống kê tìm kiếm")

    def __str__(self):
        return f"{self.week} {self.question}"
