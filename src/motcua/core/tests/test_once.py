"""A page form's key: the work is done once, repeats get the first outcome, a failure frees the key."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.core.idempotency import new_form_key, once, valid_form_key

pytestmark = pytest.mark.django_db


def test_the_second_post_with_the_same_key_gets_the_first_outcome():
    calls = []
    key = new_form_key()

    def work():
        calls.append(1)
        return {"dossier": f"d{len(calls)}"}

    assert once(owner="user:1", key=key, work=work) == ({"dossier": "d1"}, False)
    assert once(owner="user:1", key=key, work=work) == ({"dossier": "d1"}, True)
    assert len(calls) == 1


def test_the_same_key_of_another_owner_is_another_form():
    key = new_form_key()
    once(owner="user:1", key=key, work=lambda: {"n": 1})
    assert once(owner="user:2", key=key, work=lambda: {"n": 2}) == ({"n": 2}, False)


def test_a_refused_attempt_leaves_the_key_free_for_the_corrected_one():
    key = new_form_key()

    def refuse():
        raise ValidationFailed("thiếu")

    with pytest.raises(ValidationFailed):
        once(owner="user:1", key=key, work=refuse)
    assert once(owner="user:1", key=key, work=lambda: {"ok": True}) == ({"ok": True}, False)


def test_only_well_formed_keys_are_accepted():
    assert valid_form_key(new_form_key())
    assert not valid_form_key("") and not valid_form_key("abc") and not valid_form_key(None)


def test_expired_keys_are_deleted_by_the_periodic_job_and_fresh_ones_kept(settings):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.core.models import IdempotencyRecord
    from motcua.core.tasks import forget_expired_keys
    from motcua.jobs.celery import app

    old, fresh = new_form_key(), new_form_key()
    once(owner="user:1", key=old, work=lambda: {"n": 1})
    once(owner="user:1", key=fresh, work=lambda: {"n": 2})
    past = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS, minutes=1)
    IdempotencyRecord.objects.filter(key=f"form:{old}").update(created_at=past)

    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "motcua.core.forget_expired_keys" in schedule
    assert "motcua.core.forget_expired_keys" in app.tasks
    assert forget_expired_keys.delay().get() == 1

    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == [f"form:{fresh}"]
    assert once(owner="user:1", key=fresh, work=lambda: {"n": 3}) == ({"n": 2}, True)
