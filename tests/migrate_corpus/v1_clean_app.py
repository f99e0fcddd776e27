"""Valid openai>=1 code that uses names the legacy API also had: nothing here may be flagged."""
import os

import openai
import requests
from openai import AzureOpenAI, OpenAI

openai.api_key = os.environ["OPENAI_API_KEY"]  # openai>=1's module-level client reads these
openai.api_type = "azure"
openai.api_version = "2024-06-01"
openai.azure_endpoint = os.environ["AZURE_OPENAI_ENDPOINT"]

completion = openai.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
print(completion.choices[0].message.content)

data = completion.model_dump()
print(data["choices"][0]["message"]["content"])
print(completion.choices[0].model_extra["content_filter_results"]["hate"])

raw = requests.post("https://example.invalid/chat", json={}, timeout=10).json()
print(raw["choices"][0]["message"]["content"], raw["usage"]["total_tokens"])

client = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_key=os.environ["AZURE_OPENAI_API_KEY"],
                     api_version="2024-06-01", timeout=30)
try:
    answer = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
except openai.RateLimitError:
    answer = None

v1 = OpenAI(base_url="https://example-resource.openai.azure.com/openai/v1/", api_key="k")
for chunk in v1.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True):
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="")
