"""check(n), hint(n) and solution(n) in a learner's kernel (tests/support/learner.py), one kernel per lesson, in replay
as a learner has it (a request never recorded gets a stand-in). The kernel starts the lesson, then for each exercise:

1. runs its untouched `# Your code here` cell: check(n) says Not attempted;
2. types another exercise's solution: check(n) does not say Correct;
3. types two realistic wrong answers, each the solution with one edit (WRONG: a value, a missed field, the wrong
   client or endpoint): check(n) says Incorrect: and names the difference;
4. types a wrong answer, then the solution: check(n) judges the latest attempt, Correct; and the solution with
   check(n) at the end of its own cell: Correct too;
5. asks hint(n) and solution(n): both print, and solution(n) sends nothing.
"""

import json

import pytest

from helpers.errors import KitError
from helpers.exercises import STUB, exercise, exercises, solution_code
from tests.support.exercise_attempts import WRONG, preamble
from tests.support.learner import LESSONS, NOTEBOOKS, Kernel

RESTORE = "_os.environ.clear(); _os.environ.update(_kept)"  # a wrong answer may leave a variable removed


def stubs(lesson):
    notebook = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"
            and "".join(c["source"]).startswith(STUB)]


class Checks:
    """What check(n) said after each kind of attempt, and what hint(n) and solution(n) printed."""

    def __init__(self, lesson):
        self.lesson, self.verdicts, self.printed, self.sent_by_solution = lesson, {}, {}, {}
        numbers = sorted(exercises(lesson))
        with Kernel() as self.kernel:
            self.kernel.run(f'from helpers import start, check, hint, solution; start("{lesson}")')
            self.kernel.quietly(f"import os as _os; _os.chdir({str(NOTEBOOKS / 'solutions')!r}); "
                                "_kept = dict(_os.environ)")
            for source in preamble(lesson):
                self.kernel.run(source)
            self.kernel.run("check(1)")  # the preamble is the lesson's steps here: what follows is exercise 1's
            for number, stub in zip(numbers, stubs(lesson), strict=True):
                code = solution_code(number, lesson)
                other = solution_code(numbers[number % len(numbers)], lesson)
                self.verdict(number, "untouched", stub)
                self.verdict(number, "another exercise's solution", other)
                for index, (old, new, _) in enumerate(WRONG[lesson, number]):
                    assert old in code, f"{lesson} exercise {number}: WRONG's {old!r} is not in the solution"
                    self.verdict(number, index, code.replace(old, new))
                first_old, first_new, _ = WRONG[lesson, number][0]
                self.verdict(number, "a wrong answer, then the solution", code.replace(first_old, first_new), code)
                together = self.kernel.run(f"{code}\ncheck({number})")
                self.kernel.quietly(RESTORE)
                self.verdicts[number, "the solution with check in its cell"] = together.text.strip().splitlines()[-1]
                self.printed[number, "hint"] = self.kernel.run(f"hint({number})").text
                shown = self.kernel.run(f"solution({number})")
                self.printed[number, "solution"], self.sent_by_solution[number] = shown.text, shown.served

    def verdict(self, number, attempt, *sources):
        for source in sources:
            self.kernel.run(source)
        run = self.kernel.run(f"check({number})")
        self.kernel.quietly(RESTORE)
        assert not run.raised, f"{self.lesson} check({number}) raised {run.ename}: {run.evalue}"
        self.verdicts[number, attempt] = run.text.strip()


@pytest.fixture(scope="module", params=LESSONS)
def checks(request):
    return Checks(request.param)


def verdicts(checks, attempt):
    return {number: text for (number, kind), text in checks.verdicts.items() if kind == attempt}


def test_every_verdict_is_one_line(checks):
    for (number, attempt), text in checks.verdicts.items():
        assert "\n" not in text, f"{checks.lesson} check({number}) after {attempt!r} printed more lines:\n{text}"


def test_an_untouched_exercise_is_not_attempted(checks):
    for number, text in verdicts(checks, "untouched").items():
        assert text.startswith("Not attempted"), f"{checks.lesson} check({number}) untouched: {text}"


def test_the_solution_typed_after_a_wrong_answer_is_correct(checks):
    for number, text in verdicts(checks, "a wrong answer, then the solution").items():
        assert text.startswith("Correct: "), f"{checks.lesson} check({number}) after the solution: {text}"


def test_a_check_in_the_solutions_own_cell_judges_that_cell(checks):
    for number, text in verdicts(checks, "the solution with check in its cell").items():
        assert text.startswith("Correct: "), f"{checks.lesson} check({number}) in the solution's cell: {text}"


def test_another_exercises_solution_is_not_correct(checks):
    for number, text in verdicts(checks, "another exercise's solution").items():
        assert text.startswith("Incorrect: "), f"{checks.lesson} check({number}) after another solution: {text}"


def test_each_wrong_answer_is_incorrect_and_names_the_difference(checks):
    for (number, attempt), text in checks.verdicts.items():
        if isinstance(attempt, int):
            old, new, named = WRONG[checks.lesson, number][attempt]
            assert text.startswith("Incorrect: ") and named in text, \
                f"{checks.lesson} check({number}) with {old!r} -> {new!r} should name {named!r}:\n{text}"


def test_hint_and_solution_print_and_the_solution_is_not_run(checks):
    for number in exercises(checks.lesson):
        assert checks.printed[number, "hint"].startswith("Hint: ")
        assert checks.printed[number, "solution"].strip() == solution_code(number, checks.lesson).strip()
        assert checks.sent_by_solution[number] == [], f"solution({number}) sent a request"


def test_an_exercise_the_lesson_lacks_gets_one_message_naming_what_there_is():
    with pytest.raises(KitError, match=r"^02_chat has no exercise 4: its exercises are numbered 1 to 3\.$"):
        exercise(4, "02_chat")
    with pytest.raises(KitError, match=r"^00_setup has no exercises to check \(no notebooks/solutions/00_setup"):
        exercise(1, "00_setup")
