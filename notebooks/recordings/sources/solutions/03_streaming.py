"""Recording source for solutions/03_streaming: the exercises of 03_streaming (counting stream updates, three
concurrent async calls, the same Azure OpenAI stream through azure-ai-inference and openai)."""

from tools.wire import source

lesson = source("03_streaming")

REFERENCES = lesson.REFERENCES
NOTE = ("Same bodies as the lesson's recording (notebooks/recordings/sources/03_streaming.py), built by the same "
        "functions: " + lesson.BODIES_NOTE)


def interactions():
    return [
        # Exercise 1: count the updates of guide 004's stream.
        lesson.serverless_stream(lesson.EXERCISE, "Give me 5 good reasons why I should exercise every day."),
        # Exercise 2: three questions at once.
        lesson.serverless_chat("What is the capital of France?", "The capital of France is Paris.", 23, 8),
        lesson.serverless_chat("How many legs does a spider have?", "A spider has eight legs.", 24, 7),
        lesson.serverless_chat("What is the boiling point of water at sea level in Celsius?",
                               "Water boils at 100 °C at sea level.", 28, 11),
        # Exercise 3: the same Azure OpenAI stream through each SDK.
        lesson.deployment_poem(),
        lesson.v1_poem(),
    ]
