"""A retry loop with several handlers, the specific ones after the general one."""
import os
import time

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def generate(prompt):
    delay = 1
    while True:
        try:
            result = openai.Completion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], prompt=prompt,
                                              max_tokens=30)
            return result["choices"][0]["text"]
        except openai.error.APIError:
            print("server error, giving up")
            return ""
        except openai.error.ServiceUnavailableError:
            time.sleep(delay)
            delay *= 2
        except (openai.error.RateLimitError, openai.error.Timeout):
            time.sleep(delay)


if __name__ == "__main__":
    print(generate("Once upon a time"))
