"""Connection errors before timeouts: in openai>=1 APITimeoutError is an APIConnectionError."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

try:
    reply = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], request_timeout=30,
                                         messages=[{"role": "user", "content": "ping"}])
    print(reply["choices"][0]["message"]["content"])
except openai.error.APIConnectionError:
    print("could not reach the service")
except openai.error.Timeout:
    print("timed out")
except openai.error.ServiceUnavailableError:
    print("service unavailable")
