"""What the REST API says about an agency wherever one appears (a dossier, a procedure)."""

from __future__ import annotations

from rest_framework import serializers

from motcua.org.models import Agency


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["code", "name"]
        read_only_fields = fields
