"""The portal's memory of what it has published: when each dataset first appeared."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """Công bố dữ liệu mở: a dataset's first publication (CKAN's ``metadata_created``), kept so the
    date stays the same across restarts while the dataset itself is computed on every request."""

    slug = models.SlugField(_("tên tập dữ liệu"), max_length=100, unique=True)
    first_published_at = models.DateTimeField(_("công bố lần đầu"))

    class Meta:
        verbose_name = _("tập dữ liệu đã công bố")
        verbose_name_plural = _("tập dữ liệu đã công bố")

    def __str__(self):
        return self.slug
