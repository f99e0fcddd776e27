"""Several except clauses, the generic one first, as openai<1.0 allowed (its classes were siblings)."""
import os
import time

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def ask(question, retries=3):
    for attempt in range(retries):
        try:
            response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                    messages=[{"role": "user", "content": question}])
            return response["choices"][0]["message"]["content"]
        except openai.error.APIError as error:
            print(f"API error: {error}")
        except openai.error.RateLimitError:
            print("Rate limited, waiting")
            time.sleep(2 ** attempt)
        except openai.error.AuthenticationError:
            print("Check AZURE_OPENAI_API_KEY")
            raise
        except openai.error.InvalidRequestError as error:
            print(f"Bad request: {error}")
            return None
    return None


if __name__ == "__main__":
    print(ask("What is Azure?"))
