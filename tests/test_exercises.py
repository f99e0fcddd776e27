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

import nbformat
import pytest

from helpers.errors import KitError
from helpers.exercises import STUB, exercise, exercises, solution_code
from tests.support.learner import LESSONS, NOTEBOOKS, Kernel

# (lesson, exercise) -> two wrong answers, each (text of the solution, what it becomes, what the verdict must name).
WRONG = {
    ("01_auth", 1): [('api_version="2024-06-01"', 'api_version="2024-10-21"', "query"),
                     ('os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]', 'os.environ["AZURE_AI_CHAT_ENDPOINT"]',
                      "AZURE_OPENAI_CHAT_ENDPOINT")],
    ("01_auth", 2): [('UserMessage(content="Hello!")', 'UserMessage(content="Hi!")', "body $.messages[0].content"),
                     ('os.environ["AZURE_AI_CHAT_ENDPOINT"]', 'os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]',
                      "AZURE_AI_CHAT_ENDPOINT")],
    ("01_auth", 3): [("credential=credential)", 'credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))',
                      "header api-key"),
                     ('UserMessage(content="Hello!")', 'UserMessage(content="Hello")', "body $.messages[0].content")],
    ("02_chat", 1): [('UserMessage("And how many kilometers is that?")', 'UserMessage("And in kilometers?")',
                      "body $.messages[5].content"),
                     ("messages.append(AssistantMessage(response.choices[0].message.content))\n", "",
                      "body $.messages")],
    ("02_chat", 2): [("max_tokens=20,", "max_tokens=30,", "body $.max_tokens"),
                     ('os.environ["AZURE_AI_CHAT_ENDPOINT"]', 'os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]',
                      "AZURE_AI_CHAT_ENDPOINT")],
    ("02_chat", 3): [('"content": "And how many kilometers is that?"', '"content": "And in kilometers?"',
                      "body $.messages[5].content"),
                     ('base_url=os.environ["AZURE_OPENAI_BASE_URL"]',
                      'base_url=os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]', "AZURE_OPENAI_BASE_URL")],
    ("03_streaming", 1): [("stream=True,", "stream=False,", "body $.stream"),
                          ("Give me 5 good reasons", "Give me 3 good reasons", "body $.messages[1].content")],
    ("03_streaming", 2): [("How many legs does a spider have?", "How many legs does an ant have?",
                           "body $.messages[1].content"),
                          ('SystemMessage(content="You are a helpful assistant."),\n                UserMessage(',
                           "UserMessage(", "body $.messages")],
    ("03_streaming", 3): [("Write a poem about Azure.", "Write a poem about Azure!", "body $.messages[1].content"),
                          ("stream=True\n)", "stream=False\n)", "body $.stream")],
    ("04_embeddings", 1): [('"My cat sleeps all day.",', '"My dog sleeps all day.",', "body $.input[4]"),
                           ("pair = (phrases[i], phrases[j])", "pair = (phrases[0], phrases[1])", "sorted(pair)")],
    ("04_embeddings", 2): [("I can't log in to my account", "I cannot log in to my account", "body $.input[0]"),
                           ("np.argsort(-scores)", "np.argsort(scores)", "sorted(ranking[:2])")],
    ("04_embeddings", 3): [("dimensions=256,", "dimensions=512,", "body $.dimensions"),
                           ("    dimensions=256,\n", "", "body $.dimensions is missing")],
    ("05_model_extras", 1): [('model_extras={"key1": "value1"}', 'model_extras={"key1": "value2"}', "body $.key1"),
                             ('    model_extras={"key1": "value1"},\n', "", "body $.key1 is missing")],
    ("05_model_extras", 2): [('headers={"extra-parameters": "error"}', 'headers={"extra-parameters": "drop"}',
                              "header extra-parameters"),
                             ('            "key2": "value2",\n', "", "body $.key2 is missing")],
    ("05_model_extras", 3): [('model_extras={"key1": "value1", "key2": "value2"}', 'model_extras={"key1": "value1"}',
                              "body $.key2"),
                             ('    model_extras={"key1": "value1", "key2": "value2"},\n', "",
                              "body $.key1 is missing")],
    ("06_errors_and_logging", 1): [("        retry_total=0,\n", "", "retries included"),
                                   ("How many meters are in a mile?", "How many yards are in a mile?",
                                    "body $.messages[1].content")],
    ("06_errors_and_logging", 2): [("client.with_options(max_retries=0).chat", "client.chat", "retries included"),
                                   ('"content": "Hello"', '"content": "Hello!"', "body $.messages[0].content")],
    ("06_errors_and_logging", 3): [("logger.setLevel(logging.DEBUG)", "logger.setLevel(logging.INFO)",
                                    "getEffectiveLevel() is 20"),
                                   ('endpoint = os.environ["AZURE_AI_CHAT_ENDPOINT"]',
                                    'endpoint = os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]', "AZURE_AI_CHAT_ENDPOINT")],
    ("07_migrate_openai_to_inference", 1): [("temperature=0.2,", "temperature=0.7,", "body $.temperature"),
                                            ("    max_tokens=40,\n", "", "body $.max_tokens is missing")],
    ("07_migrate_openai_to_inference", 2): [("        return\n", "        sys.exit()\n", '"exit" in'),
                                            ('    os.environ["AZURE_AI_CHAT_KEY"] = saved_key', "    pass",
                                             '"AZURE_AI_CHAT_KEY" in')],
    ("07_migrate_openai_to_inference", 3): [('model="gpt-4.1",', 'model="gpt-4o",', "body $.model"),
                                            ("    temperature=0.2,\n", "", "body $.temperature is missing")],
    ("08_migrate_inference_to_openai_v1", 1): [("temperature=0.2,", "temperature=0.5,", "body $.temperature"),
                                               ('    user="learner-42",\n', "", "body $.user is missing")],
    ("08_migrate_inference_to_openai_v1", 2): [('{"include_usage": True}', '{"include_usage": False}',
                                                "body $.stream_options.include_usage"),
                                               ('    stream_options={"include_usage": True},\n', "",
                                                "body $.stream_options is missing")],
    ("08_migrate_inference_to_openai_v1", 3): [("dimensions=256,", "dimensions=1536,", "body $.dimensions"),
                                               ('input=["A red apple", "A green pear"],', 'input="A red apple",',
                                                "body $.input")],
    ("09_migrate_legacy_completions", 1): [('    model="gpt-4o-mini",\n', '    model="gpt-35-turbo",\n',
                                            "body $.model"),
                                           ('OpenAI(base_url=os.environ["AZURE_OPENAI_BASE_URL"]',
                                            'OpenAI(base_url=os.environ["AZURE_OPENAI_ENDPOINT"]',
                                            "AZURE_OPENAI_BASE_URL")],
    ("09_migrate_legacy_completions", 2): [("CountingCredential(lifetime=lifetime)", "CountingCredential()",
                                            "[fetches[200], fetches[400]] is [1, 1]"),
                                           ("    for _ in range(2):\n", "    for _ in range(1):\n",
                                            "your code sent 2 POST")],
    ("09_migrate_legacy_completions", 3): [('"../09_migrate_legacy_completions.ipynb"',
                                            '"09_migrate_legacy_completions.ipynb"', "status is 0"),
                                           ('status = main(["../09_migrate_legacy_completions.ipynb"])\n'
                                            'print("exit status:", status)',
                                            'main(["../09_migrate_legacy_completions.ipynb"])',
                                            "your code did not set status")],
    ("10_beyond_chat", 1): [('"name": "get_time",', '"name": "get_local_time",', "body $.tools[0].function.name"),
                            ('"content": "What time is it in Tokyo?"', '"content": "What time is it in Osaka?"',
                             "body $.messages[0].content")],
    ("10_beyond_chat", 2): [("    ingredients: list[str]\n", "    ingredients: str\n",
                             "body $.response_format.json_schema.schema.properties.ingredients"),
                            ('"Give me a simple pancake recipe."', '"Give me a pancake recipe."',
                             "body $.messages[0].content")],
    ("10_beyond_chat", 3): [("max_completion_tokens=4000,", "max_tokens=4000,", "body $.max_completion_tokens"),
                            ('reasoning_effort="high",', 'reasoning_effort="medium",', "body $.reasoning_effort")],
}
RESTORE = "_os.environ.clear(); _os.environ.update(_kept)"  # a wrong answer may leave a variable removed


def preamble(lesson):
    """The solutions notebook's code cells before its first exercise, but its kit cell: what the exercises use."""
    cells = nbformat.read(NOTEBOOKS / "solutions" / f"{lesson}.ipynb", as_version=4).cells
    first = next(n for n, c in enumerate(cells) if c.cell_type == "markdown" and "## Exercise 1" in c.source)
    return [c.source for c in cells[:first] if c.cell_type == "code"][1:]


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
