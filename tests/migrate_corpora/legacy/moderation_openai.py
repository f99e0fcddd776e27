"""Chat with OpenAI-style settings and a check of the finish reason."""
import os

import openai

openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
openai.api_base = os.environ["OPENAI_API_BASE"]


def answer(text):
    response = openai.ChatCompletion.create(model=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                            messages=[{"role": "user", "content": text}], max_tokens=20)
    choice = response["choices"][0]
    return choice["message"]["content"] if choice["finish_reason"] == "stop" else "(cut short)"


if __name__ == "__main__":
    print(answer("hello"))
