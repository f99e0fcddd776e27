"""Error classes imported by name from openai.error."""
import os

import openai
from openai.error import AuthenticationError, RateLimitError

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def ask(question):
    try:
        response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                messages=[{"role": "user", "content": question}])
    except RateLimitError:
        return "busy, try later"
    except AuthenticationError:
        return "check the key"
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(ask("hi"))
