"""check(n) reads the wire live too: for a learner with only an Azure OpenAI resource, against a loopback service
that answers as Azure OpenAI (tests/support/loopback.py through tests/support/loopback_proxy.py), every exercise whose
requests go to Azure OpenAI is Correct for its solution and Incorrect for a wrong answer, with the requests really
sent."""

import pytest

from helpers.exercises import exercises, solution_code
from helpers.paths import ROOT
from tests.support.exercise_attempts import WRONG, preamble
from tests.support.kernels import Kernel as BaseKernel
from tests.support.learner import LESSONS, NOTEBOOKS, Kernel
from tests.support.learner_env import AZURE_OPENAI, learner_shell

# Exercises whose requests all go to Azure OpenAI, but those judged on a count of retries: the service answers a 429
# only when you exceed a limit, so only the recording can give one on demand.
LIVE = [(lesson, number) for lesson in LESSONS for number, item in sorted(exercises(lesson).items())
        if item.requests and item.count is None
        and all(want["endpoint"].startswith("AZURE_OPENAI_") for want in item.requests)]
ENTRA_ID = ("DefaultAzureCredential", "CountingCredential")  # replayed: this learner has not run az login


class LiveKernel(Kernel):
    def __init__(self, env):
        BaseKernel.__init__(self, ROOT, env)


def test_some_exercises_go_to_azure_openai():
    assert len(LIVE) >= 5


@pytest.mark.parametrize("lesson", sorted({lesson for lesson, _ in LIVE}))
def test_each_azure_openai_exercise_is_checked_on_what_went_live(learners_azure_openai, lesson):
    azure, proxy, ca = learners_azure_openai
    shell = learner_shell(proxy, ca, AZURE_OPENAI_CHAT_KEY=azure.key, AZURE_OPENAI_API_KEY=azure.key, **AZURE_OPENAI)
    with LiveKernel(shell) as kernel:
        banner = kernel.run(f'from helpers import start, check, hint, solution; start("{lesson}")').text
        assert "  live: " in banner
        kernel.quietly(f"import os as _os; _os.chdir({str(NOTEBOOKS / 'solutions')!r})")
        for source in preamble(lesson):
            kernel.run(source)
        kernel.run("check(1)")
        for number in sorted(exercises(lesson)):
            code = solution_code(number, lesson)
            if (lesson, number) not in LIVE:  # run as the learner would, for the state later exercises use
                kernel.run(code)
                kernel.run(f"check({number})")
                continue
            old, new, named = WRONG[lesson, number][0]
            sent = len(azure.seen)
            kernel.run(code.replace(old, new))
            wrong = kernel.run(f"check({number})").text.strip()
            assert wrong.startswith("Incorrect:") and named in wrong, (number, wrong)
            kernel.run(code)
            right = kernel.run(f"check({number})").text.strip()
            assert right.startswith("Correct"), (number, right)
            if not any(word in code for word in ENTRA_ID):
                assert len(azure.seen) > sent, f"exercise {number} sent nothing to the service"
