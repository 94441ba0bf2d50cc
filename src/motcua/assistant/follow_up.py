"""Follow-up questions: "còn phí bao nhiêu?", "mất bao lâu?", "nộp ở đâu?".

They ask one thing about the procedure the conversation is already about; searched
on their own they would find a wrong procedure with great confidence ("phí" is in
hundreds of names). The words below are general Vietnamese for each thing a
procedure's answer holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from motcua.core.text import fold

# (aspect, folded phrases that ask for it), the longest phrases first within each aspect
ASPECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "fee",
        (
            "bao nhieu tien",
            "het bao nhieu",
            "ton bao nhieu",
            "mat bao nhieu tien",
            "phi bao nhieu",
            "le phi",
            "mat phi",
            "phi",
            "fee",
            "cost",
        ),
    ),
    (
        "time",
        (
            "mat bao lau",
            "bao lau",
            "may ngay",
            "bao nhieu ngay",
            "thoi han",
            "bao gio co",
            "khi nao co",
            "khi nao xong",
            "bao gio xong",
            "lau khong",
            "how long",
        ),
    ),
    (
        "where",
        (
            "nop o dau",
            "lam o dau",
            "den dau",
            "o dau",
            "noi nop",
            "dia chi nop",
            "cho nao",
            "co quan nao",
            "where",
        ),
    ),
    (
        "documents",
        (
            "giay to gi",
            "giay to can",
            "can giay to",
            "ho so gom",
            "ho so can",
            "can mang",
            "mang gi",
            "mang theo",
            "chuan bi gi",
            "chuan bi nhung gi",
            "can nhung gi",
            "thanh phan",
        ),
    ),
    ("online", ("truc tuyen", "online", "qua mang", "tren mang", "nop mang")),
)

# Words around a follow-up that say nothing of a procedure ("còn … thì sao ạ?").
_AROUND = frozenset(
    "con thi sao vay a nhi the nao la bao nhieu the nay do nua cho toi minh hoi xin cua thu tuc nay "
    "do kia no phai can khong co duoc lam nop mat ok".split()
)


@dataclass
class Asked:
    aspect: str = ""  # what the question asks about, if a follow-up word is in it
    only: bool = False  # nothing else in it: it is about the procedure of the conversation


def read(question: str) -> Asked:
    words = re.findall(r"[a-z0-9]+", fold(question))
    text = " " + " ".join(words) + " "
    for aspect, phrases in ASPECTS:
        for phrase in phrases:
            if f" {phrase} " in text:
                rest = text.replace(f" {phrase} ", " ").split()
                return Asked(aspect, all(word in _AROUND for word in rest))
    return Asked()
