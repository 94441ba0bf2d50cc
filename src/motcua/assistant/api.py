"""``POST /api/v1/assistant/``: the assistant's answer as JSON."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.assistant.answers import ask


class QuestionSerializer(serializers.Serializer):
    question = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    procedure = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="mã thủ tục người dùng đã chọn"
    )
    previous = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="mã thủ tục của câu trả lời trước trong cuộc trò chuyện: câu hỏi tiếp "
        "(“còn phí bao nhiêu?”, “nộp ở đâu?”) được trả lời cho thủ tục này",
    )
    level = serializers.ChoiceField(
        choices=["central", "province", "district", "commune"], required=False, allow_blank=True, default=""
    )


class ChoiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    hint = serializers.CharField(help_text="những từ chỉ tên thủ tục này có, để người dùng phân biệt")


class AnswerProcedureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["answer", "clarify", "not_found"])
    message = serializers.CharField()
    procedure = AnswerProcedureSerializer(allow_null=True)
    documents = serializers.ListField(child=serializers.CharField())
    fee = serializers.CharField()
    time = serializers.CharField()
    where = serializers.CharField()
    online = serializers.CharField()
    can_file_online = serializers.BooleanField()
    action_url = serializers.CharField()
    choices = ChoiceSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    focus = serializers.CharField(
        help_text="câu hỏi tiếp chỉ hỏi một điều: fee, time, where, documents, online (rỗng nếu không)"
    )
    search_url = serializers.CharField(help_text="khi không tìm thấy: trang tìm thủ tục với câu hỏi")


class AssistantView(APIView):
    """Trợ lý ảo: finds the procedure for a question and answers from the catalogue."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(tags=["assistant"], request=QuestionSerializer, responses=AnswerSerializer)
    def post(self, request):
        incoming = QuestionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        answer = ask(
            data["question"],
            procedure_code=data["procedure"],
            previous=data["previous"],
            prefer_level=data["level"] or None,
        )
        return Response(AnswerSerializer(answer).data)
