"""A campaign's own extra questions: how they are defined and which answers they accept.

They are asked after the 9 unsur and never enter the IKM; their answers are stored and exported only.
"""

import re

QUESTION_TYPES = ("text", "choice")
MAX_QUESTIONS = 20
MAX_TEXT_ANSWER = 1000
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RESERVED_KEYS = frozenset(f"u{i}" for i in range(1, 10))  # never confusable with an unsur


def check_definitions(questions: list[dict]) -> dict[str, str]:
    """Problems with a list of question definitions, as {index: message}; empty when valid."""
    problems: dict[str, str] = {}
    if len(questions) > MAX_QUESTIONS:
        return {"_schema": f"at most {MAX_QUESTIONS} extra questions"}
    seen: set[str] = set()
    for i, question in enumerate(questions):
        key = question.get("key", "")
        if not KEY.match(key) or key in RESERVED_KEYS:
            problems[str(i)] = f"key {key!r} must be lower-case letters, digits or '_' and not u1..u9"
        elif key in seen:
            problems[str(i)] = f"key {key!r} is used twice"
        elif question.get("type") == "choice" and len(set(question.get("choices") or ())) < 2:
            problems[str(i)] = "a choice question needs at least 2 different choices"
        seen.add(key)
    return problems


def check_answers(questions: list[dict], answers: dict) -> dict[str, str]:
    """Problems with one respondent's extra answers, as {question key: message}; empty when valid."""
    by_key = {q["key"]: q for q in questions}
    problems = {key: "there is no such question" for key in answers if key not in by_key}
    for key, question in by_key.items():
        value = answers.get(key)
        if value is None or value == "":
            if question.get("required"):
                problems[key] = "an answer is required"
        elif not isinstance(value, str):
            problems[key] = "the answer must be text"
        elif question["type"] == "choice" and value not in question["choices"]:
            problems[key] = f"the answer must be one of: {', '.join(question['choices'])}"
        elif len(value) > MAX_TEXT_ANSWER:
            problems[key] = f"at most {MAX_TEXT_ANSWER} characters"
    return problems
