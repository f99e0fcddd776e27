from openai import OpenAI

client = OpenAI(base_url="https://example-resource.openai.azure.com/openai/v1/", api_key="k")
completion = client.completions.create(model="gpt-35-turbo-instruct", prompt="p")
print(completion["choices"][0]["text"])
