"""How the search and the assistant stand up to the way people really type
(``motcua manage search_robustness``, run by ``motcua bench search``).

Each question of a set is typed again: in Telex or VNI without the keyboard converting it
("ddawng kys khai sinh", "d9a8ng ky1 khai sinh"), with one key slipped to its neighbour,
wrapped in chat words ("ad ơi cho em hỏi … ạ"), and told as a story of about 1,000 characters
whose one sentence is the need (answered by the assistant sentence by sentence). Top-1 / top-5
beside the question as written, in the same run.
"""

from __future__ import annotations

import random
import unicodedata

from motcua.assistant.answers import ask
from motcua.catalogue.models import Procedure
from motcua.search.evaluation import expected_codes
from motcua.search.selectors import search_procedures

_TELEX = {
    "\u0302": {"a": "aa", "e": "ee", "o": "oo"},
    "\u0306": {"a": "aw"},
    "\u031b": {"o": "ow", "u": "uw"},
}
_VNI = {"\u0302": "6", "\u0306": "8", "\u031b": "7"}
_TONES = {
    "\u0301": ("s", "1"),
    "\u0300": ("f", "2"),
    "\u0309": ("r", "3"),
    "\u0303": ("x", "4"),
    "\u0323": ("j", "5"),
}
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
STORY = (
    "Chào anh chị, nhà em ở xóm trên, cách ủy ban chừng hai cây số. "
    "Mấy hôm nay trời mưa suốt nên đường đi lại khó khăn, em phải chờ tạnh mới ra được. "
    "Em làm nông, ít khi lên xã, nên không rành giấy tờ, mong anh chị chỉ giúp. "
    "Hôm trước em có hỏi hàng xóm nhưng mỗi người nói một kiểu, em cũng không nhớ hết. "
    "{need}. "
    "Em cảm ơn anh chị nhiều, chúc anh chị mạnh khỏe, làm việc vui vẻ. "
    "Nếu cần mang theo gì thì anh chị dặn trước để em chuẩn bị cho đủ, khỏi phải đi lại nhiều lần. "
    "Nhà em đông con, đi một lần mất cả buổi nên em muốn làm cho xong trong một lần. "
    "Em xin lỗi vì viết dài, em không quen nhắn tin, có gì sai anh chị bỏ qua cho em. "
    "Con gái em đang học lớp chín, cháu bảo lên mạng hỏi cho nhanh nên em thử nhắn ở đây. "
    "Em đọc trên mạng thấy nhiều thông tin quá, cái cũ cái mới lẫn lộn, em không biết tin cái nào. "
    "Anh chị trả lời giúp em sớm, em đợi tin anh chị, mai em ra xã luôn nếu kịp, em cảm ơn nhiều ạ."
)


def _typed(text: str, keyboard: str) -> str:
    """``text`` as typed in Telex or VNI with the keyboard not converting it."""
    words = []
    for word in text.split():
        letters, tone = [], ""
        for char in unicodedata.normalize("NFD", word):
            if char in _TONES:
                tone = _TONES[char][0 if keyboard == "telex" else 1]
            elif char in _TELEX and letters:
                base = letters[-1].lower()
                if keyboard == "telex":
                    letters[-1] = _TELEX[char].get(base, base)
                else:
                    letters[-1] = base + _VNI[char]
            elif char in "đĐ":
                letters.append("dd" if keyboard == "telex" else "d9")
            else:
                letters.append(char)
        tail = len(letters)
        while tail and not letters[tail - 1][-1:].isalnum():
            tail -= 1  # the tone goes before the punctuation that ends the word
        words.append("".join(letters[:tail]) + tone + "".join(letters[tail:]))
    return " ".join(words)


def telex(text: str) -> str:
    return _typed(text, "telex")


def vni(text: str) -> str:
    return _typed(text, "vni")


def _neighbour(char: str, rng: random.Random) -> str:
    for row in _ROWS:
        if char in row:
            i = row.index(char)
            return rng.choice([row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)])
    return char


def slipped(text: str, seed: int = 0) -> str:
    """One key of the question's longest plain word slipped to its neighbour on the keyboard."""
    rng = random.Random(seed)
    words = text.split()
    plain = [i for i, word in enumerate(words) if word.isascii() and word.isalpha() and len(word) >= 4]
    if not plain:
        return text
    i = max(plain, key=lambda k: len(words[k]))
    word = words[i]
    at = rng.randrange(1, len(word))
    words[i] = word[:at] + _neighbour(word[at].lower(), rng) + word[at + 1 :]
    return " ".join(words)


def chatty(text: str) -> str:
    return f"ad ơi cho em hỏi {text.rstrip('?. ')} ạ"


def story(text: str, most: int = 1000) -> str:
    """The need told inside a story, at most ``most`` characters (the assistant's limit): the
    story's last sentences are left out for a long need."""
    told = STORY.format(need=text.rstrip("?. ").capitalize())
    while len(told) > most and ". " in told:
        told = told.rsplit(". ", 1)[0] + "."
    return told[:most]


FORMS = {"as written": str, "telex": telex, "vni": vni, "one key slipped": slipped, "chat words": chatty}


def evaluate(cases: list[dict]) -> dict:
    """Top-1 / top-5 of the search per form of typing, and of the assistant on the story."""

    by_code = dict(Procedure.objects.filter(is_active=True).values_list("code", "pk"))
    figures: dict = {}
    for name, change in FORMS.items():
        top1 = top5 = 0
        for i, case in enumerate(cases):
            text = slipped(case["user_need"], seed=i) if change is slipped else change(case["user_need"])
            expected = {by_code[code] for code in expected_codes(case) if code in by_code}
            result = search_procedures(text, limit=5)
            shown = [{pk, *result.variants.get(pk, [])} for pk in result.ids]
            hits = [k for k, group in enumerate(shown) if group & expected]
            top1 += bool(hits and hits[0] == 0)
            top5 += bool(hits)
        figures[name] = {"top1": top1 / len(cases), "top5": top5 / len(cases)}
    answered = found = 0
    for case in cases:
        answer = ask(story(case["user_need"]))
        codes = {answer.procedure.code} if getattr(answer, "procedure", None) else set()
        codes |= {choice.code for choice in answer.choices or ()}
        answered += answer.kind in ("answer", "clarify")
        found += bool(codes & set(expected_codes(case)))
    figures["story (assistant)"] = {"answered": answered / len(cases), "found": found / len(cases)}
    figures["story_length"] = len(story(cases[0]["user_need"])) if cases else 0
    return figures
